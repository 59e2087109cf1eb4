BeforeDiscovery {
    # Discovery needs the same facts as the run (which tests are skipped, which files to read).
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'Get-CachePackage on the seed page' -Skip:$NoCorpus {
    It 'summarises the page from its meta' {
        $package = Get-CachePackage -Path (Join-Path $Corpus 'seed')
        $package | Should -BeOfType CacheMeta.CachePackage
        $package.Name | Should -Be 'py-multidict'
        $package.Tag | Should -Be 'develop'
        $package.NumSpecs | Should -Be 61
        $package.NumSpecsByStack['e4s'] | Should -Be 13
        $package.NumSpecsByStack.E4S | Should -Be 13
        @($package.NumSpecsByStack.Keys)[0] | Should -Be 'e4s'
        $package.OperatingSystems | Should -Be 'sequoia', 'ubuntu22.04', 'ubuntu24.04'
    }
}

Describe 'Get-CachePackage on every generation' -Skip:$NoCorpus {
    It 'reads one package per page, with entry counts where meta has none' {
        $packages = Get-CachePackage -Path $Corpus -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        $packages.Count | Should -Be 14
        ($packages | Where-Object Name -eq 'alsa-lib').NumSpecs | Should -Be 1
        ($packages | Where-Object Name -eq 'swig').NumSpecs | Should -Be 78
    }
}

Describe 'Get-CachePackage filters' {
    BeforeAll {
        $script:Samples = $SamplesRoot
    }

    It 'lists the sample packages of a tag' {
        (Get-CachePackage -Path $Samples -Tag develop).Name | Should -Be 'cmake', 'hdf5', 'openmpi', 'py-numpy', 'zlib-ng'
    }

    It 'keeps packages that have specs in a stack' {
        (Get-CachePackage -Path $Samples -Tag develop -Stack 'ml-linux-aarch64-*').Name | Should -Be 'py-numpy', 'zlib-ng'
    }

    It 'takes name wildcards by position' {
        (Get-CachePackage 'z*', 'hdf?' -Path $Samples -Tag v0.23.1).Name | Should -Be 'hdf5', 'zlib-ng'
    }

    It 'shows a readable table' {
        $PSStyle.OutputRendering = 'PlainText'
        $table = Get-CachePackage hdf5 -Path $Samples -Tag develop | Out-String -Width 120
        $table | Should -Match '(?m)^Name\s+Tag\s+Specs\s+Versions\s+Stacks'
        $table | Should -Match 'hdf5\s+develop\s+3\s+1\.14\.5\s+e4s,e4s-neoverse-v2,e4s-neoverse_v1'
    }
}

Describe 'Get-CachePackage -Spec' {
    It '<Spec> keeps <Expected>' -ForEach @(
        @{ Spec = 'zlib-ng'; Expected = 'develop/zlib-ng', 'v0.23.1/zlib-ng' }
        @{ Spec = 'hdf5@1.14'; Expected = 'develop/hdf5', 'v0.23.1/hdf5' }
        @{ Spec = 'hdf5@1.12'; Expected = @() }
        @{ Spec = '%apple-clang@16'; Expected = 'develop/cmake', 'develop/py-numpy', 'develop/zlib-ng' }
        @{ Spec = 'openmpi target=neoverse_n1:'; Expected = 'develop/openmpi', 'v0.23.1/openmpi' }
        @{ Spec = 'py-numpy %gcc@11 target=aarch64:'; Expected = , 'v0.23.1/py-numpy' }
    ) {
        $packages = @(Get-CachePackage -Path $SamplesRoot -Spec $Spec | ForEach-Object { "$($_.Tag)/$($_.Name)" })
        $packages | Should -Be $Expected
    }

    It 'needs one spec that satisfies both -Spec and -Stack, not one of each' {
        # cmake, py-numpy and zlib-ng have a gcc spec and a spec in ml-darwin-aarch64-mps, but no gcc spec there.
        Get-CachePackage -Path $SamplesRoot -Tag develop -Spec '%gcc' -Stack ml-darwin-aarch64-mps | Should -BeNullOrEmpty
        (Get-CachePackage -Path $SamplesRoot -Tag develop -Spec '%apple-clang' -Stack ml-darwin-aarch64-mps).Name |
            Should -Be 'cmake', 'py-numpy', 'zlib-ng'
    }

    It 'summarises the specs that satisfy it, not the whole page' {
        $package = Get-CachePackage -Path $SamplesRoot -Tag develop -Spec 'zlib-ng target=m1'
        $package.NumSpecs | Should -Be 1
        $package.Targets | Should -Be 'm1'
        (Get-CachePackage zlib-ng -Path $SamplesRoot -Tag develop -Spec 'zlib-ng').NumSpecs | Should -Be 5
    }

    It 'stops with InvalidSpecSyntax on a malformed spec' {
        { Get-CachePackage -Path $SamplesRoot -Spec 'zlib@@1' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidSpecSyntax,CacheMeta.Commands.GetCachePackageCommand'
    }
}
