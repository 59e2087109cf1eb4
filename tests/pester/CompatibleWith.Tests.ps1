# -CompatibleWith at the surface: exact counts on one set of invented specs with several targets and OSes, read
# from an index, from pages and from the pipeline; hosts as triplets, objects, piped objects and 'host'.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'IndexFixtures.ps1')
    Import-Module $ModuleManifest -Force

    # Nine targets on four Linux releases (glibc 2.35, 2.31, 2.28, 2.39), one spec each, and one macOS spec: 37.
    $targets = 'x86_64', 'x86_64_v3', 'x86_64_v4', 'zen3', 'zen4', 'zen5', 'icelake', 'neoverse_v1', 'aarch64'
    $oses = 'ubuntu22.04', 'ubuntu20.04', 'rhel8', 'ubuntu24.04'
    $script:Planted = @(for ($t = 0; $t -lt $targets.Count; $t++) {
            for ($o = 0; $o -lt $oses.Count; $o++) {
                [pscustomobject]@{ Hash = New-TestHash ('c' + [char](97 + $t) + [char](97 + $o)); Target = $targets[$t]; OS = $oses[$o]; Platform = 'linux' }
            }
        }) + [pscustomobject]@{ Hash = New-TestHash 'cmac'; Target = 'm1'; OS = 'sequoia'; Platform = 'darwin' }

    $script:Mirror = Join-Path $TestDrive 'mirror'
    Write-TestV2Mirror -Root $Mirror -IndexJson (ConvertTo-TestIndex 8 @($Planted | ForEach-Object {
                @{ Hash = $_.Hash; InBuildcache = $true; Node = New-TestIndexNode zlib-ng 2.2.1 -Target $_.Target -OS $_.OS -Platform $_.Platform -Parameters @{ build_system = 'cmake' } }
            }))
    $script:Site = Join-Path $TestDrive 'site'
    $null = New-TestPage -Root $Site -Package zlib-ng -Specs @($Planted | ForEach-Object {
            New-TestSpec -Hash $_.Hash -Version 2.2.1 -Target $_.Target -OS $_.OS -Platform $_.Platform -Stacks e4s, root
        })

    function script:Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }
}

# What runs where, worked out by hand from archspec's ancestry (zen4: zen3, x86_64_v4 and theirs; icelake: x86_64_v4
# and the Intel line; neoverse_v1: aarch64; m2: m1) and the glibc of each release (Glibc: not newer than the host's).
Describe '-CompatibleWith <Triplet> counts' -ForEach @(
    @{ Triplet = 'linux-ubuntu22.04-zen4'; Exact = 5; Glibc = 15 }        # x86_64 x86_64_v3 x86_64_v4 zen3 zen4; 22.04 20.04 rhel8
    @{ Triplet = 'linux-ubuntu24.04-zen5'; Exact = 6; Glibc = 24 }        # and zen5; every release
    @{ Triplet = 'linux-rhel8-icelake'; Exact = 4; Glibc = 4 }            # x86_64 x86_64_v3 x86_64_v4 icelake; 2.28 is the oldest
    @{ Triplet = 'linux-ubuntu20.04-neoverse_v1'; Exact = 2; Glibc = 4 }  # neoverse_v1 aarch64; 20.04 and rhel8
    @{ Triplet = 'linux-ubuntu22.04-x86_64'; Exact = 1; Glibc = 3 }
    @{ Triplet = 'darwin-sequoia-m2'; Exact = 1; Glibc = 1 }              # glibc means nothing on macOS
    @{ Triplet = 'linux-debian12-zen4'; Exact = 0; Glibc = 15 }           # no debian12 binary; its glibc is 2.36
) {
    It 'are exact from an index, pages and piped specs' {
        @(Get-CacheSpec -Mirror $Mirror -CompatibleWith $Triplet).Count | Should -Be $Exact
        @(Get-CacheSpec -Path $Site -CompatibleWith $Triplet).Count | Should -Be $Exact
        @(Get-CacheSpec -Mirror $Mirror | Get-CacheSpec -CompatibleWith $Triplet).Count | Should -Be $Exact
        @(Get-CacheSpec -Mirror $Mirror -CompatibleWith $Triplet -OSCompatibility Glibc).Count | Should -Be $Glibc
        @(Get-CacheSpec -Path $Site -CompatibleWith $Triplet -OSCompatibility glibc).Count | Should -Be $Glibc
        @(Get-CacheSpec -Path $Site | Get-CacheSpec -CompatibleWith $Triplet -OSCompatibility Glibc).Count | Should -Be $Glibc
    }

    It 'are the same in Get-CachePackage and Measure-CacheStack' {
        # One package and one stack: a count of 0 is no summary at all.
        @((Get-CachePackage -Mirror $Mirror -CompatibleWith $Triplet -OSCompatibility Glibc).NumSpecs) | Should -Be @($Glibc | Where-Object { $_ })
        @((Get-CachePackage -Path $Site -CompatibleWith $Triplet).NumSpecs) | Should -Be @($Exact | Where-Object { $_ })
        @((Measure-CacheStack -Path $Site -Stack root -CompatibleWith $Triplet -OSCompatibility Glibc).Specs) | Should -Be @($Glibc | Where-Object { $_ })
        @((Get-CacheSpec -Path $Site | Measure-CacheStack -CompatibleWith $Triplet -Stack e4s).Specs) | Should -Be @($Exact | Where-Object { $_ })
    }
}

Describe 'A host for -CompatibleWith' {
    It 'is the same as a triplet, a CacheHost in a variable and a CacheHost from the pipeline' {
        $node = Get-CacheHost -CpuInfoPath (Join-Path $SamplesRoot 'hosts/graviton3.cpuinfo') -OS ubuntu20.04
        "$node" | Should -Be 'linux-ubuntu20.04-neoverse_v1'
        $byText = @(Get-CacheSpec -Path $Site -CompatibleWith linux-ubuntu20.04-neoverse_v1 -OSCompatibility Glibc).Hash
        $byText.Count | Should -Be 4
        @(Get-CacheSpec -Path $Site -CompatibleWith $node -OSCompatibility Glibc).Hash | Should -Be $byText
        @($node | Get-CacheSpec -Path $Site -OSCompatibility Glibc).Hash | Should -Be $byText
        @($node | Get-CacheSpec -Mirror $Mirror -OSCompatibility Glibc).Count | Should -Be 4
        ($node | Get-CachePackage -Mirror $Mirror).NumSpecs | Should -Be 2
    }

    It 'reads the source once for each piped host, and keeps their summaries apart' {
        $hosts = [CacheMeta.CacheHost[]]@('linux-ubuntu22.04-zen4', 'linux-rhel8-icelake', 'linux-ubuntu20.04-neoverse_v1')
        @($hosts | Get-CacheSpec -Mirror $Mirror).Count | Should -Be (5 + 4 + 2)
        @($hosts | Get-CachePackage -Path $Site).NumSpecs | Should -Be 5, 4, 2
        @($hosts | Measure-CacheStack -Path $Site -Stack e4s).Specs | Should -Be 5, 4, 2
    }

    It 'is this machine for the word host' {
        $here = Get-CacheHost
        $runs = @((Get-CacheTarget $here.Target).Ancestors) + $here.Target
        $site = Join-Path $TestDrive 'here'
        $null = New-TestPage -Root $site -Package here -Specs @(
            New-TestSpec -Hash (New-TestHash 'ha') -Target $here.Target -OS $here.OS -Platform $here.Platform
            New-TestSpec -Hash (New-TestHash 'hb') -Target $runs[0] -OS $here.OS -Platform $here.Platform
            New-TestSpec -Hash (New-TestHash 'hc') -Target $here.Target -OS 'otheros1' -Platform $here.Platform
            New-TestSpec -Hash (New-TestHash 'hd') -Target 'ppc64le' -OS $here.OS -Platform $here.Platform)
        $expected = if ($here.TargetFamily -eq 'ppc64le') { 3 } else { 2 }
        @(Get-CacheSpec -Path $site -CompatibleWith host).Count | Should -Be $expected
        @(Get-CacheSpec -Path $site -CompatibleWith HOST).Count | Should -Be $expected
        @(Get-CacheSpec -Path $site -CompatibleWith $here).Count | Should -Be $expected
    }

    It 'leaves piped names, files and specs binding as before' {
        @('zlib-ng', 'cmake' | Get-CacheSpec -Path $Site -CompatibleWith linux-ubuntu22.04-zen4 -WarningAction SilentlyContinue).Count | Should -Be 5
        @(Get-ChildItem -LiteralPath $Site -Recurse -Filter specs.md | Get-CacheSpec -CompatibleWith linux-ubuntu22.04-zen4).Count | Should -Be 5
        @(Get-CacheSpec -Path $Site -Target zen* | Get-CacheSpec -CompatibleWith linux-ubuntu22.04-zen4).Target | Should -Be zen3, zen4
    }

    It 'refuses text that is no arch triplet at binding, naming the triplet form' {
        { Get-CacheSpec -Path $Site -CompatibleWith linux-rhel8 } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,CacheMeta.Commands.GetCacheSpecCommand'
        { Get-CacheSpec -Path $Site -CompatibleWith linux-rhel8 } | Should -Throw "*'linux-rhel8': not an arch triplet platform-os-target such as linux-rhel8-zen4, nor the word host.*"
        { Get-CacheSpec -Path $Site -CompatibleWith host -OSCompatibility Loose } | Should -Throw -ErrorId 'ParameterArgumentValidationError,CacheMeta.Commands.GetCacheSpecCommand'
    }
}

Describe 'Completion of -CompatibleWith' {
    BeforeAll {
        $script:Here = Get-CacheHost
        $script:Prefix = "$($Here.Platform)-$($Here.OS)-"
    }

    It 'offers host and this machine''s triplet first' {
        $offered = Complete 'Get-CacheSpec -CompatibleWith '
        $offered[0..1] | Should -Be 'host', "$Here"
        $offered | Should -Contain "${Prefix}zen4"
        $offered.Count | Should -Be (2 + @(Get-CacheTarget).Count - 1) # this machine's own target is offered once
        Complete 'Measure-CacheStack -CompatibleWith ho' | Should -Be 'host'
    }

    It 'completes target names into triplets' {
        Complete 'Get-CachePackage -CompatibleWith zen' | Should -Be @('zen', 'zen2', 'zen3', 'zen4', 'zen5' | ForEach-Object { $Prefix + $_ })
        Complete 'Find-CacheSpec hdf5 -CompatibleWith linux-rhel9-neoverse_v' | Should -Be 'linux-rhel9-neoverse_v1', 'linux-rhel9-neoverse_v2', 'linux-rhel9-neoverse_v3ae'
    }

    It 'completes the OS of a triplet from the source on the command line, with this machine''s target' {
        Complete "Get-CacheSpec -Path '$Site' -CompatibleWith linux-ubuntu2" |
            Should -Be @('ubuntu20.04', 'ubuntu22.04', 'ubuntu24.04' | ForEach-Object { "linux-$_-$($Here.Target)" })
        Complete "Get-CacheSpec -Path '$Site' -CompatibleWith darwin-r" | Should -Be "darwin-rhel8-$($Here.Target)"
    }
}
