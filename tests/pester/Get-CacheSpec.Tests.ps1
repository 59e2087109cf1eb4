BeforeDiscovery {
    # Discovery needs the same facts as the run (which tests are skipped, which files to read).
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:Seed = if ($Corpus) { Join-Path $Corpus 'seed/develop/py-multidict/specs.md' }

    # A small tree of fixture pages: two tags, three packages.
    $script:Tree = Join-Path $TestDrive 'site'
    New-TestPage -Root $Tree -Package 'zlib' -Specs @(
        New-TestSpec -Hash (New-TestHash 'zaa') -Version '1.3.1' -Stacks e4s, root
        New-TestSpec -Hash (New-TestHash 'zbb') -Version '1.3.1' -Target neoverse_v1 -Stacks e4s-neoverse_v1, root -Variants '+shared', '~pic'
        New-TestSpec -Hash (New-TestHash 'zcc') -Version '1.2.13' -Compiler 'apple-clang@=16.0.0' -OS sequoia -Platform darwin -Target m1 -Stacks ml-darwin-aarch64-mps, root
    ) | Out-Null
    New-TestPage -Root $Tree -Package 'cmake' -Specs @(
        New-TestSpec -Hash (New-TestHash 'caa') -Version '3.30.5' -Compiler 'gcc@13.2.0' -Stacks e4s, root -Variants '+ownlibs', 'build_system=generic'
        New-TestSpec -Hash (New-TestHash 'cbb') -Version '3.27.9' -Compiler 'gcc@11.4.0' -OS rhel8 -Stacks root
    ) | Out-Null
    New-TestPage -Root $Tree -Package 'zlib' -Tag 'v0.23.1' -Specs @(
        New-TestSpec -Hash (New-TestHash 'vaa') -Version '1.3' -Compiler 'gcc@=11.4.0' -Stacks e4s, root
    ) | Out-Null
}

Describe 'Get-CacheSpec on the seed page' -Skip:$NoCorpus {
    It 'reads 61 CacheMeta.CacheSpec objects' {
        $specs = Get-CacheSpec -Path $Seed
        $specs.Count | Should -Be 61
        $specs | Should -BeOfType CacheMeta.CacheSpec
        ($specs.Hash | Sort-Object -Unique).Count | Should -Be 61
    }

    It 'filters the e4s stack to 13 specs, all x86_64_v3 / ubuntu22.04 / gcc@=11.4.0' {
        $specs = Get-CacheSpec -Path $Seed -Stack e4s
        $specs.Count | Should -Be 13
        $specs.Target | Sort-Object -Unique | Should -Be 'x86_64_v3'
        $specs.OS | Sort-Object -Unique | Should -Be 'ubuntu22.04'
        $specs.Compiler | Sort-Object -Unique | Should -Be 'gcc@=11.4.0'
    }

    It 'counts <Expected> specs for <Parameter> <Value>' -ForEach @(
        @{ Parameter = 'TargetFamily'; Value = 'aarch64'; Expected = 28 }
        @{ Parameter = 'Compiler'; Value = 'gcc'; Expected = 41 }
        @{ Parameter = 'Compiler'; Value = 'gcc@11.4.0'; Expected = 13 }
        @{ Parameter = 'Compiler'; Value = 'GCC@=13*'; Expected = 28 }
        @{ Parameter = 'Hash'; Value = '4cwf3'; Expected = 1 }
        @{ Parameter = 'Hash'; Value = '/4CWF3'; Expected = 1 }
        @{ Parameter = 'OS'; Value = 'ubuntu2?.04'; Expected = 47 }
        @{ Parameter = 'Stack'; Value = 'ml-*'; Expected = 61 - 13 - 6 } # all but the e4s and e4s-oneapi specs
    ) {
        $arguments = @{ Path = $Seed; $Parameter = $Value }
        @(Get-CacheSpec @arguments).Count | Should -Be $Expected
    }

    It 'counts match an independent reading of the page' {
        $records = (Get-Content -LiteralPath $Seed | Where-Object { $_ -like 'spec_details: *' }).Substring(14) | ConvertFrom-Json
        $expected = @($records | Where-Object { $_.target -eq 'aarch64' -and $_.stacks -contains 'ml-linux-aarch64-cuda' }).Count
        @(Get-CacheSpec -Path $Seed -Target aarch64 -Stack ml-linux-aarch64-cuda).Count | Should -Be $expected
        $expected | Should -Be 14
    }

    It 'works as users type it, with the default table view' {
        $PSStyle.OutputRendering = 'PlainText'
        $specs = Get-CacheSpec -Path (Join-Path $Corpus 'seed') -Stack e4s | Where-Object Target -eq aarch64
        $specs | Should -BeNullOrEmpty
        $table = Get-CacheSpec -Path $Seed -Stack e4s | Select-Object -First 2 | Out-String -Width 120
        $table | Should -Match '(?m)^\s+Tag: develop\s*$'
        $table | Should -Match '(?m)^Package\s+Version\s+Compiler\s+Target\s+ShortHash\s+Stacks'
        $table | Should -Match 'py-multidict\s+6\.1\.0\s+gcc@=11\.4\.0\s+x86_64_v3\s+[a-z2-7]{7}\s+e4s'
    }
}

Describe 'Get-CacheSpec on every real page' -Skip:$NoCorpus {
    # Pester 5 refuses an empty -ForEach: without the corpus the Describe is skipped and one placeholder stands in.
    It 'reads <_> to exactly its spec_details' -ForEach @(
        $(if ($Corpus) { Get-ChildItem -Path $Corpus -Recurse -Filter specs.md } else { 'no corpus' }) |
            Where-Object { $_ -is [string] -or (Select-String -LiteralPath $_.FullName -Pattern '^spec_details: ' -Quiet) } |
            ForEach-Object { if ($_ -is [string]) { $_ } else { $_.FullName } }
    ) {
        $records = (Get-Content -LiteralPath $_ | Where-Object { $_ -like 'spec_details: *' }).Substring(14) | ConvertFrom-Json
        $specs = Get-CacheSpec -LiteralPath $_
        $specs.Count | Should -Be @($records).Count
        $specs.Hash | Should -Be $records.hash
        $specs.Compiler | Should -Be $records.compiler
        ($specs | ForEach-Object { $_.Stacks -join ',' }) | Should -Be ($records | ForEach-Object { $_.stacks -join ',' })
    }
}

Describe 'Get-CacheSpec sources' {
    It 'reads a folder recursively in a fixed order' {
        $specs = Get-CacheSpec -Path $Tree
        $specs.Count | Should -Be 6
        ($specs | ForEach-Object { "$($_.Tag)/$($_.Package)" } | Select-Object -Unique) |
            Should -Be 'develop/cmake', 'develop/zlib', 'v0.23.1/zlib'
    }

    It 'expands wildcards in -Path' {
        (Get-CacheSpec -Path (Join-Path $Tree '_cache/*/zlib')).Count | Should -Be 4
    }

    It 'takes -LiteralPath as typed' {
        $folder = Join-Path $TestDrive 'odd[name]'
        New-TestPage -Root $folder -Package 'bzip2' -Specs @(New-TestSpec -Hash (New-TestHash 'b')) | Out-Null
        (Get-CacheSpec -LiteralPath $folder).Package | Should -Be 'bzip2'
    }

    It 'binds Get-ChildItem output by property name' {
        $specs = Get-ChildItem -Path $Tree -Recurse -Filter specs.md | Get-CacheSpec
        $specs.Count | Should -Be 6
    }

    It 'gives the specs of piped CachePackage objects' {
        $specs = Get-CachePackage -Path $Tree -Name cmake | Get-CacheSpec
        $specs.Package | Sort-Object -Unique | Should -Be 'cmake'
        $specs.Count | Should -Be 2
    }

    It 'uses $env:CACHEMETA_PATH when no path is given' {
        $saved = $env:CACHEMETA_PATH
        try {
            $env:CACHEMETA_PATH = $Tree
            (Get-CacheSpec -Tag v0.23.1).Hash | Should -Be (New-TestHash 'vaa')
        }
        finally { $env:CACHEMETA_PATH = $saved }
    }

    It 'reads the sample tree the repository ships' {
        $specs = Get-CacheSpec -Path $SamplesRoot -Tag develop -Stack 'e4s*' | Where-Object TargetFamily -eq aarch64
        $specs.Count | Should -Be 6
        $specs.Target | Sort-Object -Unique | Should -Be 'neoverse_v1', 'neoverse_v2'
    }
}

Describe 'Get-CacheSpec filters' {
    It 'filters by <Parameter> = <Value>' -ForEach @(
        @{ Parameter = 'Name'; Value = 'z*'; Expected = 'zaa', 'zbb', 'zcc', 'vaa' }
        @{ Parameter = 'Tag'; Value = 'v0.23.*'; Expected = , 'vaa' }
        @{ Parameter = 'Stack'; Value = 'E4S'; Expected = 'caa', 'zaa', 'vaa' }
        @{ Parameter = 'Target'; Value = 'neoverse_v1'; Expected = , 'zbb' }
        @{ Parameter = 'TargetFamily'; Value = 'aarch64'; Expected = 'zbb', 'zcc' }
        @{ Parameter = 'OS'; Value = 'rhel8'; Expected = , 'cbb' }
        @{ Parameter = 'Platform'; Value = 'darwin'; Expected = , 'zcc' }
        @{ Parameter = 'Compiler'; Value = 'gcc@13.2.0'; Expected = 'caa', 'zaa', 'zbb' }
        @{ Parameter = 'Compiler'; Value = 'gcc@11'; Expected = 'cbb', 'vaa' }
        @{ Parameter = 'Version'; Value = '1.3'; Expected = 'zaa', 'zbb', 'vaa' }
        @{ Parameter = 'Version'; Value = '=1.3'; Expected = , 'vaa' }
        @{ Parameter = 'Version'; Value = '3.28:'; Expected = , 'caa' }
        @{ Parameter = 'Variant'; Value = '~pic'; Expected = , 'zbb' }
        @{ Parameter = 'Variant'; Value = 'build_system=generic'; Expected = , 'caa' }
        @{ Parameter = 'Hash'; Value = 'cb'; Expected = , 'cbb' }
    ) {
        $arguments = @{ Path = $Tree; $Parameter = $Value }
        $hashes = (Get-CacheSpec @arguments).Hash | ForEach-Object { $_.Substring(0, 3) }
        $hashes | Sort-Object | Should -Be ($Expected | Sort-Object)
    }

    It 'ORs values within a parameter and ANDs parameters' {
        (Get-CacheSpec -Path $Tree -Target neoverse_v1, m1).Count | Should -Be 2
        (Get-CacheSpec -Path $Tree -Target neoverse_v1, m1 -Platform linux).Hash | Should -Be (New-TestHash 'zbb')
    }

    It 'stops with InvalidQuery on a malformed version range' {
        { Get-CacheSpec -Path $Tree -Version '1:2:3' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidQuery,CacheMeta.Commands.GetCacheSpecCommand'
    }
}

Describe 'Get-CacheSpec errors' {
    BeforeAll {
        $script:Mixed = Join-Path $TestDrive 'mixed'
        New-TestPage -Root $Mixed -Package 'aaa' -Specs @(New-TestSpec -Hash (New-TestHash 'a1')) | Out-Null
        $bad = Join-Path $Mixed '_cache/develop/bbb'
        $null = New-Item -ItemType Directory -Path $bad -Force
        $script:BadPage = Join-Path $bad 'specs.md'
        Set-Content -LiteralPath $BadPage -NoNewline -Value ("---`ntitle: `"bbb`"`nlayout: cache`ncategories: [package, develop]`n" +
            "meta: {`"num_specs`": `"1`"}`nspec_details: []`n---")
        New-TestPage -Root $Mixed -Package 'ccc' -Specs @(New-TestSpec -Hash (New-TestHash 'c1')) | Out-Null
    }

    It 'reports a bad page as InvalidCachePage with file, line and column, and reads the others' {
        $specs = Get-CacheSpec -Path $Mixed -ErrorVariable problems -ErrorAction SilentlyContinue
        $specs.Package | Should -Be 'aaa', 'ccc'
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'InvalidCachePage,CacheMeta.Commands.GetCacheSpecCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $problems[0].TargetObject | Should -Be $BadPage
        $problems[0].Exception.Message | Should -BeLike "'$BadPage', line 5, column 21: The value of 'meta.num_specs' must be a whole number*"
    }

    It 'reports a missing path as PathNotFound' {
        Get-CacheSpec -Path (Join-Path $TestDrive 'nowhere') -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,CacheMeta.Commands.GetCacheSpecCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses paths of other providers' {
        Get-CacheSpec -Path 'Env:\PATH' -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -Be 'UnsupportedProvider,CacheMeta.Commands.GetCacheSpecCommand'
    }
}

Describe 'Get-CacheSpec streaming' {
    BeforeAll {
        $script:Big = Join-Path $TestDrive 'big'
        foreach ($i in 1..300) {
            New-TestPage -Root $Big -Package ('p{0:d3}' -f $i) -Specs @(New-TestSpec -Hash (New-TestHash ('h{0:d3}' -f $i))) | Out-Null
        }
        # A broken page at the very end: reading the whole tree would report it.
        $last = Join-Path $Big '_cache/develop/zzz'
        $null = New-Item -ItemType Directory -Path $last
        Set-Content -LiteralPath (Join-Path $last 'specs.md') -Value 'not a page'
    }

    It 'stops reading when Select-Object -First has what it wants' {
        $first = Get-CacheSpec -Path $Big -ErrorVariable problems | Select-Object -First 1
        $first.Package | Should -Be 'p001'
        $problems | Should -BeNullOrEmpty
    }

    It 'reads the whole tree in order otherwise' {
        $all = Get-CacheSpec -Path $Big -ErrorVariable problems -ErrorAction SilentlyContinue
        $all.Count | Should -Be 300
        $all[0].Package | Should -Be 'p001'
        $all[-1].Package | Should -Be 'p300'
        $problems.Count | Should -Be 1
    }

    It 'writes progress while reading a folder and completes it' {
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $ModuleManifest).AddStatement()
            $null = $ps.AddCommand('Get-CacheSpec').AddParameter('Path', $Big).AddParameter('ErrorAction', 'SilentlyContinue')
            $output = $ps.Invoke()
            $output.Count | Should -Be 300
            $progress = $ps.Streams.Progress | Where-Object Activity -eq 'Reading cache specs'
            $progress.Count | Should -BeGreaterThan 1
            $progress[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Get-CacheSpec with pipeline input and filters that match' {
    BeforeAll {
        $script:Samples = $SamplesRoot
        function script:Key { process { '{0}/{1}/{2}' -f $_.Tag, $_.Package, $_.Hash } }
    }

    It 'gives a page''s package''s specs from that page, filtered' {
        (Get-CachePackage hdf5 -Path $Samples | Get-CacheSpec -Target neoverse_v2 | Key) |
            Should -Be (Get-CacheSpec hdf5 -Path $Samples -Target neoverse_v2 | Key)
    }

    It 'reports a piped object that no parameter takes as not bound, never as a package name' {
        $result = Get-CacheTag -Path $Samples | Get-CacheSpec -Path $Samples -ErrorVariable problems -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        @($problems).Count | Should -Be 2
        $problems[0].FullyQualifiedErrorId | Should -Be 'InputObjectNotBound,CacheMeta.Commands.GetCacheSpecCommand'
    }

    It 'does not warn when every value exists, only not together' {
        Get-CacheSpec -Path $Samples -Target m1 -Compiler gcc@13 -WarningVariable warnings | Should -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
    }
}
