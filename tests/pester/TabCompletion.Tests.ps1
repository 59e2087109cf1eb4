BeforeDiscovery {
    # Discovery needs the same facts as the run (which tests are skipped, which files to read).
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force

    # What PowerShell offers on Tab at the end of the line.
    function script:Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }

    $script:Samples = $SamplesRoot
    $script:SavedPath = $env:CACHEMETA_PATH
    $env:CACHEMETA_PATH = $null
}

AfterAll {
    $env:CACHEMETA_PATH = $SavedPath
}

Describe 'Completion from the source on the command line' {
    It 'completes <Parameter> <Word> from the sample tree' -ForEach @(
        @{ Parameter = '-Tag'; Word = ''; Expected = 'develop', 'v0.23.1' }
        @{ Parameter = '-Name'; Word = 'z'; Expected = , 'zlib-ng' }
        @{ Parameter = '-Name'; Word = '*numpy'; Expected = , 'py-numpy' }
        @{ Parameter = '-Stack'; Word = 'E4S-N'; Expected = 'e4s-neoverse-v2', 'e4s-neoverse_v1' }
        @{ Parameter = '-Stack'; Word = 'ml-*-c'; Expected = 'ml-linux-aarch64-cpu', 'ml-linux-x86_64-cuda' }
        @{ Parameter = '-Target'; Word = 'neo'; Expected = 'neoverse_v1', 'neoverse_v2' }
        @{ Parameter = '-TargetFamily'; Word = ''; Expected = 'aarch64', 'x86_64' }
        @{ Parameter = '-OS'; Word = ''; Expected = 'sequoia', 'ubuntu22.04', 'ubuntu24.04' }
        @{ Parameter = '-Platform'; Word = ''; Expected = 'darwin', 'linux' }
        @{ Parameter = '-Compiler'; Word = 'gcc@'; Expected = 'gcc@11.4.0', 'gcc@13.2.0' }
        @{ Parameter = '-Compiler'; Word = 'apple'; Expected = 'apple-clang', 'apple-clang@15.0.0', 'apple-clang@16.0.0' }
    ) {
        Complete "Get-CacheSpec -Path '$Samples' $Parameter $Word" | Should -Be $Expected
    }

    It 'reads only the tags -Tag names for the other parameters' {
        Complete "Get-CacheSpec -LiteralPath '$Samples' -Tag v0.23.1 -Compiler " | Should -Be 'apple-clang', 'apple-clang@15.0.0', 'gcc', 'gcc@11.4.0'
    }

    It 'completes Get-CachePackage and Get-CacheTag parameters' {
        Complete "Get-CachePackage -Path '$Samples' -Name o" | Should -Be 'openmpi'
        Complete "Get-CachePackage -Path '$Samples/_cache/v*' -Tag " | Should -Be 'v0.23.1'
        Complete "Get-CacheTag -Path '$Samples' -Name d" | Should -Be 'develop'
    }

    It 'completes tags from a tag list and a catalog' -Skip:$NoCorpus {
        Complete "Get-CacheTag -Path '$(Join-Path $Corpus 'data/tags.yaml')' -Name v0.20" | Should -Be 'v0.20.0', 'v0.20.1', 'v0.20.2', 'v0.20.3'
        $catalog = Join-Path $TestDrive 'catalog.json'
        Set-Content -LiteralPath $catalog -Value '{"develop": [{"label": "root", "url": "d"}], "v0.23.1": [{"label": "root", "url": "v"}, {"label": "e4s", "url": "v/e4s"}]}'
        Complete "Get-CacheTag -Catalog '$catalog' -Name " | Should -Be 'develop', 'v0.23.1'
    }

    It 'uses $env:CACHEMETA_PATH as the commands do' {
        try {
            $env:CACHEMETA_PATH = $Samples
            Complete 'Get-CacheSpec -Name hd' | Should -Be 'hdf5'
        }
        finally { $env:CACHEMETA_PATH = $null }
    }

    It 'quotes values with spaces' {
        $tree = Join-Path $TestDrive 'spaces'
        New-TestPage -Root $tree -Package 'odd' -Specs @(New-TestSpec -Hash (New-TestHash 'o1') -Stacks 'my stack', "it's", root) | Out-Null
        Complete "Get-CacheSpec -Path '$tree' -Stack my" | Should -Be "'my stack'"
        Complete "Get-CacheSpec -Path '$tree' -Stack it" | Should -Be "'it''s'"
        Complete "Get-CacheSpec -Path '$tree' -Stack `"my" | Should -Be '"my stack"'
    }
}

Describe 'Completion without a source' {
    It 'offers well-known <Parameter> values' -ForEach @(
        @{ Parameter = '-TargetFamily'; Word = 'aa'; Expected = , 'aarch64' }
        @{ Parameter = '-Target'; Word = 'zen'; Expected = 'zen', 'zen2', 'zen3', 'zen4', 'zen5' }
        @{ Parameter = '-Stack'; Word = 'e4s-neo'; Expected = 'e4s-neoverse-v2', 'e4s-neoverse_v1' }
        @{ Parameter = '-OS'; Word = 'ubuntu2'; Expected = 'ubuntu20.04', 'ubuntu22.04', 'ubuntu24.04' }
        @{ Parameter = '-Compiler'; Word = 'intel'; Expected = , 'intel-oneapi-compilers' }
        @{ Parameter = '-Tag'; Word = 'dev'; Expected = , 'develop' }
    ) {
        Complete "Get-CacheSpec $Parameter $Word" | Should -Be $Expected
    }

    It 'offers no package names it cannot know' {
        Complete 'Get-CacheSpec -Name z' | Should -BeNullOrEmpty
    }
}

Describe 'Completion state' {
    It 'reads a source once per runspace' {
        $tree = Join-Path $TestDrive 'growing'
        New-TestPage -Root $tree -Package 'first' -Specs @(New-TestSpec -Hash (New-TestHash 'f1')) | Out-Null
        Complete "Get-CacheSpec -Path '$tree' -Name " | Should -Be 'first'

        New-TestPage -Root $tree -Package 'second' -Specs @(New-TestSpec -Hash (New-TestHash 's1')) | Out-Null
        # The same runspace keeps what it read ...
        Complete "Get-CacheSpec -Path '$tree' -Name " | Should -Be 'first'

        # ... while a new runspace reads the source afresh.
        $ps = [PowerShell]::Create()
        try {
            $line = "Get-CacheSpec -Path '$tree' -Name "
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $ModuleManifest).AddStatement()
            $null = $ps.AddCommand('TabExpansion2').AddParameter('inputScript', $line).AddParameter('cursorColumn', $line.Length)
            $ps.Invoke()[-1].CompletionMatches.CompletionText | Should -Be 'first', 'second'
        }
        finally { $ps.Dispose() }
    }

    It 'offers nothing, and no error, for a source that does not exist' {
        $Error.Clear()
        Complete "Get-CacheSpec -Path '$(Join-Path $TestDrive 'nowhere')' -Stack " | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }
}
