# Results that never mislead (issue 11): a check that passes for nothing, a filter that matches nothing, two
# meanings of tag, a null side of a comparison and a silent wait for the network all gave answers that looked right.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'IndexFixtures.ps1')
    Import-Module $ModuleManifest -Force
    $script:Samples = $SamplesRoot
    $script:Site = Join-Path $TestDrive 'binaries'
    $script:H = New-TestCacheTree -Root $Site
    $script:Catalog = Join-Path $Site 'catalog.json'
    $script:SavedCacheDir = $env:CACHEMETA_CACHE_DIR
    $env:CACHEMETA_CACHE_DIR = Join-Path $TestDrive 'cache'
}

AfterAll {
    $env:CACHEMETA_CACHE_DIR = $SavedCacheDir
}

Describe 'Test-CachePage -Quiet' {
    It 'is False for <Case>, and writes no error record' -ForEach @(
        @{ Case = 'a path that does not exist'; Make = { Join-Path $TestDrive 'no/such/site' } }
        @{ Case = 'a folder that holds no pages'; Make = { (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'empty-site') -Force).FullName } }
        @{ Case = 'a page that cannot be read'; Make = {
                $path = Join-Path $TestDrive 'broken-site/_cache/develop/zlib/specs.md'
                $null = New-Item -ItemType Directory -Path (Split-Path $path) -Force
                Set-Content -LiteralPath $path -Value "---`ntitle: [unclosed`n---"
                $path
            }
        }
    ) {
        $path = & $Make
        $result = Test-CachePage -Path $path -Quiet -ErrorVariable problems -WarningAction SilentlyContinue
        $result | Should -BeExactly $false
        $problems | Should -BeNullOrEmpty
    }
}

Describe 'A filter value that matches nothing the source holds' {
    It 'warns about -<Parameter> <Value>, naming what the pages have' -ForEach @(
        @{ Parameter = 'Stack'; Value = 'e4z'; Expected = "-Stack 'e4z' matches no stack of the source. Its stacks: e4s, e4s-neoverse-v2, e4s-neoverse_v1, ml-darwin-aarch64-mps, ml-linux-aarch64-cpu, ml-linux-x86_64-cuda, root." }
        @{ Parameter = 'Tag'; Value = 'v0.23.2'; Expected = "-Tag 'v0.23.2' matches no tag of the source. Its tags: develop, v0.23.1." }
        @{ Parameter = 'Target'; Value = 'zen9'; Expected = "-Target 'zen9' matches no target of the specs read. Their targets: aarch64, m1, neoverse_v1, neoverse_v2, x86_64_v3." }
        @{ Parameter = 'Compiler'; Value = 'gcc@14'; Expected = "-Compiler 'gcc@14' matches no compiler of the specs read. Their compilers: apple-clang@16.0.0, apple-clang@=15.0.0, gcc@13.2.0, gcc@=11.4.0." }
        @{ Parameter = 'OS'; Value = 'rhel9'; Expected = "-OS 'rhel9' matches no operating system of the specs read. Their operating systems: sequoia, ubuntu22.04, ubuntu24.04." }
        @{ Parameter = 'Platform'; Value = 'windows'; Expected = "-Platform 'windows' matches no platform of the specs read. Their platforms: darwin, linux." }
    ) {
        $arguments = @{ Path = $Samples; $Parameter = $Value }
        Get-CacheSpec @arguments -WarningVariable warnings -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeExactly $Expected
    }

    It 'warns about a catalog''s tag with the tags it has, instead of an error' {
        Get-CacheSpec -Catalog $Catalog -Tag v9.9.9 -ErrorVariable problems -WarningVariable warnings -WarningAction SilentlyContinue |
            Should -BeNullOrEmpty
        $problems | Should -BeNullOrEmpty
        "$warnings" | Should -BeExactly "-Tag 'v9.9.9' matches no tag of the source. Its tags: develop, v0.23.1."
    }

    It 'warns about a -Path that holds no cache pages' {
        $mirror = Join-Path $Site 'v0.23.1'
        Get-CacheSpec -Path $mirror -WarningVariable warnings -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        "$warnings" | Should -BeLike "'$mirror' holds no cache pages*It looks like a build cache*"
    }

    It 'warns about a target that -Spec ranges from but no table knows' {
        Get-CacheSpec -Path $Samples -Spec 'zlib-ng target=zen9:' -WarningVariable warnings -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        "$warnings" | Should -BeLike "The target 'zen9' in the spec 'zlib-ng target=zen9:' is not a microarchitecture CacheMeta knows*"
    }

    It 'reads a mirror''s specs as tagless: -Tag keeps none of them, and says so' {
        Get-CacheSpec -Mirror (Join-Path $Site 'v0.23.1') -Tag v0.23.1 -WarningVariable warnings -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        "$warnings" | Should -BeExactly "-Tag 'v0.23.1' matches no tag of the source: it has none."
    }
}

Describe 'One meaning of tag' {
    BeforeAll {
        # A page whose categories name another tag than the folder it sits in.
        $script:Moved = Join-Path $TestDrive 'moved'
        $page = New-TestPage -Root $Moved -Package 'zlib' -Tag 'v0.23.1' -Specs @(New-TestSpec -Hash (New-TestHash 'mv'))
        $target = Join-Path $Moved '_cache/develop/zlib'
        $null = New-Item -ItemType Directory -Path $target -Force
        Move-Item -LiteralPath $page -Destination (Join-Path $target 'specs.md')
    }

    It '-Tag and the Tag property agree: a page belongs to the tag folder it sits in' {
        $byFilter = Get-CacheSpec -Path $Moved -Tag develop
        @($byFilter).Count | Should -Be 1
        $byFilter.Tag | Should -Be 'develop'
        @(Get-CacheSpec -Path $Moved | Where-Object Tag -eq develop).Count | Should -Be 1
        (Get-CachePackage -Path $Moved).Tag | Should -Be 'develop'
    }
}

Describe 'Export-CachePage and specs without a tag' {
    It 'places them under -Tag' {
        $destination = Join-Path $TestDrive 'mirror-site'
        $files = Get-CacheSpec -Mirror (Join-Path $Site 'v0.23.1') | Export-CachePage -Destination $destination -Tag v0.23.1 -PassThru
        $files.FullName | Should -Be (Join-Path $destination '_cache/v0.23.1/py-numpy/specs.md'), (Join-Path $destination '_cache/v0.23.1/zlib/specs.md')
        (Get-CacheSpec -Path $destination).Tag | Sort-Object -Unique | Should -Be 'v0.23.1'
    }

    It 'says what to do for a mirror''s specs when -Tag is not given' {
        Get-CacheSpec -Mirror (Join-Path $Site 'v0.23.1') | Export-CachePage -Destination (Join-Path $TestDrive 'nowhere') -ErrorVariable problems -ErrorAction SilentlyContinue
        @($problems).Count | Should -Be 2
        $problems[0].FullyQualifiedErrorId | Should -Be 'SpecWithoutTag,CacheMeta.Commands.ExportCachePageCommand'
        $problems[0].Exception.Message | Should -BeLike "*it was read from a mirror*Give -Tag <name>*"
    }
}

Describe 'Compare-CacheSpec' {
    It 'refuses null for -<Side>, as Compare-Object does' -ForEach @(@{ Side = 'ReferenceSpec' }, @{ Side = 'DifferenceSpec' }) {
        $specs = Get-CacheSpec -Path $Samples -Name cmake
        $arguments = @{ ReferenceSpec = $specs; DifferenceSpec = $specs }
        $arguments[$Side] = $null
        { Compare-CacheSpec @arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorNullNotAllowed,CacheMeta.Commands.CompareCacheSpecCommand'
    }
}

Describe 'The default source without a network' {
    BeforeEach { $script:SavedPath = $env:CACHEMETA_PATH; $script:SavedCatalog = $env:CACHEMETA_CATALOG }
    AfterEach { $env:CACHEMETA_PATH = $SavedPath; $env:CACHEMETA_CATALOG = $SavedCatalog }

    It 'fails at the first name-resolution failure, saying why it was read and how to work offline' {
        $env:CACHEMETA_PATH = $null
        # A name that never resolves (RFC 2606): what a machine without a network sees for every host.
        $env:CACHEMETA_CATALOG = 'https://cachemeta.invalid/cache_spack_io_index.json'
        $output = Get-CacheSpec -Verbose -ErrorVariable problems -ErrorAction SilentlyContinue 4>&1
        $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $verbose | Where-Object { $_ -like '*trying again*' } | Should -BeNullOrEmpty
        @($problems).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'DownloadFailed,CacheMeta.Commands.GetCacheSpecCommand'
        $message = $problems[0].Exception.Message
        $message | Should -BeLike "*No source was given, so the catalog in `$env:CACHEMETA_CATALOG (https://cachemeta.invalid/cache_spack_io_index.json) was read*"
        $message | Should -BeLike "*'cachemeta.invalid' could not be resolved*"
        foreach ($choice in '-Path', '-Mirror', '$env:CACHEMETA_PATH', '-Offline', $env:CACHEMETA_CACHE_DIR) {
            $message | Should -BeLike "*$choice*" -Because "the error names $choice"
        }
    }
}
