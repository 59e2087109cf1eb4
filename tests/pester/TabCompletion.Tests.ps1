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
    $script:Binaries = Join-Path $SamplesRoot 'binaries'
    $script:Saved = @{ Path = $env:CACHEMETA_PATH; Catalog = $env:CACHEMETA_CATALOG; Cache = $env:CACHEMETA_CACHE_DIR }
    $env:CACHEMETA_PATH = $null
    $env:CACHEMETA_CATALOG = $null
    # An empty cache folder: the default catalog is not cached, whatever this machine has downloaded before.
    $env:CACHEMETA_CACHE_DIR = Join-Path $TestDrive 'empty-cache'
}

AfterAll {
    $env:CACHEMETA_PATH = $Saved.Path
    $env:CACHEMETA_CATALOG = $Saved.Catalog
    $env:CACHEMETA_CACHE_DIR = $Saved.Cache
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

Describe 'Completion from index sources' {
    It 'completes <Parameter> <Word> from -Catalog' -ForEach @(
        @{ Parameter = '-Tag'; Word = ''; Expected = 'develop', 'v0.23.1' }
        @{ Parameter = '-Stack'; Word = ''; Expected = 'e4s', 'ml-linux-aarch64', 'root' }
        @{ Parameter = '-Name'; Word = ''; Expected = 'cmake', 'hdf5', 'openmpi', 'py-numpy', 'zlib-ng' }
        @{ Parameter = '-Target'; Word = ''; Expected = 'm1', 'neoverse_v1', 'neoverse_v2', 'x86_64_v3' }
        @{ Parameter = '-Compiler'; Word = 'apple'; Expected = 'apple-clang', 'apple-clang@16.0.0' }
    ) {
        Complete "Get-CacheSpec -Catalog '$Binaries/catalog.json' $Parameter $Word" | Should -Be $Expected
    }

    It 'reads the tags -Tag names from a catalog' {
        Complete "Get-CacheSpec -Catalog '$Binaries/catalog.json' -Tag v0.23.1 -Compiler gcc@" | Should -Be 'gcc@11.4.0'
    }

    It 'completes <Parameter> <Word> from -Mirror' -ForEach @(
        @{ Parameter = '-Name'; Word = ''; Expected = 'cmake', 'hdf5', 'zlib-ng' }
        @{ Parameter = '-Version'; Word = ''; Expected = '3.27.9', '2.2.1', '1.14.3' }
        @{ Parameter = '-Compiler'; Word = ''; Expected = 'gcc', 'gcc@11.4.0' }
    ) {
        Complete "Get-CachePackage -Mirror '$Binaries/v0.23.1' $Parameter $Word" | Should -Be $Expected
    }

    It 'completes from the default catalog when it is a file, and from well-known values when it is not cached' {
        try {
            $env:CACHEMETA_CATALOG = Join-Path $Binaries 'catalog.json'
            Complete 'Get-CacheSpec -Name o' | Should -Be 'openmpi'
            Complete 'Get-CacheSpec -Tag ' | Should -Be 'develop', 'v0.23.1'
        }
        finally { $env:CACHEMETA_CATALOG = $null }
        # The public catalog, never downloaded during a Tab: not in the (empty) cache, so the well-known stacks.
        Complete 'Get-CacheSpec -Stack e4s-neo' | Should -Be 'e4s-neoverse-v2', 'e4s-neoverse_v1'
    }
}

Describe 'Completion of versions, variants and specs' {
    It 'completes -Version from the source, of the -Name packages when given' {
        Complete "Get-CacheSpec -Path '$Samples' -Name cmake -Version " | Should -Be '3.30.5', '3.27.9'
        Complete "Get-CacheSpec -Path '$Samples' -Version 2." | Should -Be '2.2.1', '2.1.6', '2.1.2'
    }

    It 'completes -Variant from the specs of the -Name packages' {
        Complete "Get-CacheSpec -Path '$Samples' -Name hdf5 -Variant +m" | Should -Be '+mpi'
        Complete "Get-CacheSpec -Path '$Samples' -Name hdf5 -Variant build_t" | Should -Be 'build_type=Release'
    }

    It 'completes -Spec <Word>' -ForEach @(
        @{ Word = 'hd'; Expected = , 'hdf5' }
        @{ Word = 'zlib-ng@'; Expected = 'zlib-ng@2.2.1', 'zlib-ng@2.1.6' }
        @{ Word = "'hdf5 %gcc@1"; Expected = "'hdf5 %gcc@11.4.0'", "'hdf5 %gcc@13.2.0'" }
        @{ Word = "'hdf5 +mp"; Expected = , "'hdf5 +mpi'" }
        @{ Word = "'hdf5 target=neoverse_"; Expected = "'hdf5 target=neoverse_v1'", "'hdf5 target=neoverse_v2'" }
    ) {
        Complete "Get-CacheSpec -Path '$Samples' -Spec $Word" | Should -Be $Expected
    }
}

Describe 'Completion state' {
    It 'notices a new package and a new tag folder in the same runspace' {
        $tree = Join-Path $TestDrive 'growing'
        New-TestPage -Root $tree -Package 'first' -Specs @(New-TestSpec -Hash (New-TestHash 'f1')) | Out-Null
        Complete "Get-CacheSpec -Path '$tree' -Name " | Should -Be 'first'
        Complete "Get-CacheSpec -Path '$tree' -Tag " | Should -Be 'develop'

        New-TestPage -Root $tree -Package 'second' -Specs @(New-TestSpec -Hash (New-TestHash 's1')) | Out-Null
        New-TestPage -Root $tree -Package 'third' -Tag 'v1.0.0' -Specs @(New-TestSpec -Hash (New-TestHash 't1')) | Out-Null
        # Coarse file system clocks: make sure the folders look changed, as they would a moment later.
        foreach ($folder in "$tree/_cache", "$tree/_cache/develop") { (Get-Item $folder).LastWriteTimeUtc = [datetime]::UtcNow.AddSeconds(5) }
        Complete "Get-CacheSpec -Path '$tree' -Name " | Should -Be 'first', 'second', 'third'
        Complete "Get-CacheSpec -Path '$tree' -Tag " | Should -Be 'develop', 'v1.0.0'
    }

    It 'offers what it has after about a second when the source blocks' -Skip:($IsWindows -or -not (Get-Command mkfifo -ErrorAction Ignore)) {
        # A page that is a FIFO: opening it blocks until someone writes, as a hung network file system would.
        $tree = Join-Path $TestDrive 'blocking'
        New-TestPage -Root $tree -Package 'aaa' -Specs @(New-TestSpec -Hash (New-TestHash 'a1')) | Out-Null
        New-TestPage -Root $tree -Package 'ccc' -Specs @(New-TestSpec -Hash (New-TestHash 'c1')) | Out-Null
        $fifo = Join-Path $tree '_cache/develop/bbb/specs.md'
        $null = New-Item -ItemType Directory -Path (Split-Path $fifo)
        & mkfifo $fifo
        try {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            Complete "Get-CacheSpec -Path '$tree' -Name " | Should -Be 'aaa' -Because 'what was read before the blocked page is offered'
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 30 -Because 'the Tab must not wait for the blocked page'
            # Again, while the page still blocks: the kept reading is waited for again, at most the bound.
            Complete "Get-CacheSpec -Path '$tree' -Name a" | Should -Be 'aaa'
        }
        finally {
            # Opening a FIFO to read and write never blocks; it lets the blocked reader go on (to an empty page).
            try { [IO.File]::Open($fifo, 'Open', 'ReadWrite').Dispose() } catch { Write-Warning "FIFO left blocked: $_" }
        }
        # (That the reading goes on and the next Tab has the rest is shown by CompletionSourceTests, without a FIFO.)
    }

    It 'offers nothing, and no error, for a source that does not exist' {
        $Error.Clear()
        Complete "Get-CacheSpec -Path '$(Join-Path $TestDrive 'nowhere')' -Stack " | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }
}
