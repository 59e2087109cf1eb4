# Pipelines (issue 11): piped specs are used as they are, never read again; piped packages and tags are read from
# the source they came from; names come from the pipeline as text.

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
    function script:Key { process { '{0}/{1}/{2}' -f $_.Tag, $_.Package, $_.Hash } }
    function script:Summary { process { '{0}/{1} {2} [{3}] [{4}]' -f $_.Tag, $_.Name, $_.NumSpecs, ($_.Targets -join ','), $_.NumSpecsByStack } }
}

AfterAll {
    $env:CACHEMETA_CACHE_DIR = $SavedCacheDir
}

Describe 'Piped specs are used as they are' {
    It 'Get-CachePackage summarises the piped specs: one summary per package, as the source gives it' {
        $piped = Get-CacheSpec -Path $Samples -Tag develop | Get-CachePackage
        @($piped).Count | Should -Be 5
        ($piped | Summary) | Should -Be (Get-CachePackage -Path $Samples -Tag develop | Summary)
    }

    It 'Get-CachePackage summarises exactly the piped specs, not their pages' {
        $specs = Get-CacheSpec -Path $Samples -Target x86_64_v3
        $packages = $specs | Get-CachePackage
        ($packages | Measure-Object NumSpecs -Sum).Sum | Should -Be $specs.Count
        $packages.Targets | Sort-Object -Unique | Should -Be 'x86_64_v3'
    }

    It 'Get-CacheSpec filters the piped specs with its own filters: the same answer as reading with them' {
        $all = Get-CacheSpec -Path $Samples
        @($all | Get-CacheSpec).Count | Should -Be $all.Count
        ($all | Get-CacheSpec -TargetFamily aarch64 -Compiler gcc@13 | Key) | Should -Be (Get-CacheSpec -Path $Samples -TargetFamily aarch64 -Compiler gcc@13 | Key)
        ($all | Get-CacheSpec -Spec 'zlib-ng target=aarch64:' -Tag develop | Key) | Should -Be (Get-CacheSpec -Path $Samples -Spec 'zlib-ng target=aarch64:' -Tag develop | Key)
    }

    It 'never reads their source again: <Command> works after the pages are gone' -ForEach @(
        @{ Command = 'Get-CacheSpec'; Expected = 3 }
        @{ Command = 'Get-CachePackage'; Expected = 1 }
    ) {
        $copy = Join-Path $TestDrive "gone-$Command"
        Copy-Item -LiteralPath (Join-Path $Samples '_cache/develop/cmake') -Destination (New-Item -ItemType Directory -Path "$copy/_cache/develop" -Force) -Recurse
        $specs = Get-CacheSpec -Path $copy
        Remove-Item -LiteralPath $copy -Recurse -Force
        $result = $specs | & $Command -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems | Should -BeNullOrEmpty
        @($result).Count | Should -Be $Expected
        if ($Command -eq 'Get-CachePackage') { $result.NumSpecs | Should -Be 3 }
    }
}

Describe 'Piped packages and tags are read from where they came from' {
    It 'Get-CacheTag develop* | Get-CacheSpec gives the specs of those tags, once' {
        (Get-CacheTag develop* -Path $Samples | Get-CacheSpec | Key) | Should -Be (Get-CacheSpec -Path $Samples -Tag develop | Key)
        (Get-CacheTag -Catalog $Catalog | Get-CacheSpec -WarningAction SilentlyContinue | Key) |
            Should -Be (Get-CacheSpec -Catalog $Catalog -Tag * -WarningAction SilentlyContinue | Key)
    }

    It 'a mirror''s packages give their specs' {
        $mirror = Join-Path $Site 'v0.23.1'
        (Get-CachePackage -Mirror $mirror | Get-CacheSpec | Key) | Should -Be (Get-CacheSpec -Mirror $mirror | Key)
    }

    It 'reads an index once for all the packages piped from it' {
        $server = Start-TestHttpServer -Root $Site
        try {
            $url = "$($server.Url)catalog.json"
            $packages = Get-CachePackage -Catalog $url -Tag * -WarningAction SilentlyContinue
            @($packages).Count | Should -Be 5
            $server.Log.Clear()
            $specs = $packages | Get-CacheSpec -WarningAction SilentlyContinue
            $log = $server.Log.ToArray()
            # The catalog, the develop root's manifest and the release's hash file: once each, not once per package.
            @($log | Where-Object { $_ -like '*catalog.json' }).Count | Should -Be 1
            @($log | Where-Object { $_ -like '*/develop/v3/manifests/index/index.manifest.json' }).Count | Should -Be 1
            @($log | Where-Object { $_ -like '*/v0.23.1/build_cache/index.json.hash' }).Count | Should -Be 1
            $log.Count | Should -Be 3
            ($specs | Key) | Should -Be (Get-CacheSpec -Catalog $url -Tag * -WarningAction SilentlyContinue | Key)
        }
        finally { Stop-TestHttpServer $server }
    }
}

Describe 'Names from the pipeline' {
    It '''cmake'',''hdf5'' | <Command> -Path ./samples reads those packages' -ForEach @(
        @{ Command = 'Get-CacheSpec'; Expected = 12 }
        @{ Command = 'Get-CachePackage'; Expected = 4 }
    ) {
        $result = 'cmake', 'hdf5' | & $Command -Path $Samples
        @($result).Count | Should -Be $Expected
        @($result | ForEach-Object { if ($_.Package) { $_.Package } else { $_.Name } } | Sort-Object -Unique) | Should -Be 'cmake', 'hdf5'
    }
}

Describe 'Get-CachePackage takes the filters of Get-CacheSpec' {
    It 'with <Filter> it gives what Get-CacheSpec with the same filters piped to it gives' -ForEach @(
        @{ Filter = @{ TargetFamily = 'aarch64'; Compiler = 'gcc@13' } }
        @{ Filter = @{ OS = 'sequoia' } }
        @{ Filter = @{ Target = 'x86_64_v3'; Stack = 'e4s' } }
        @{ Filter = @{ Version = '2.2:'; Platform = 'linux' } }
        @{ Filter = @{ Variant = '+shared'; Hash = 'e' } }
    ) {
        $direct = Get-CachePackage -Path $Samples @Filter
        @($direct).Count | Should -BeGreaterThan 0
        ($direct | Summary) | Should -Be (Get-CacheSpec -Path $Samples @Filter | Get-CachePackage | Summary)
    }
}
