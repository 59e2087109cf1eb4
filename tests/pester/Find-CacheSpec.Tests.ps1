# Find-CacheSpec at the surface: planted hdf5 binaries, each missing known constraints of one spec on one host, read
# from an index, from pages and from the pipeline; every mismatch named exactly, the nearest ranked.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'IndexFixtures.ps1')
    Import-Module $ModuleManifest -Force

    # Hash seeds in reading order (pages sort by hash): fit, old, nompi, arm, newer, rhel9, mac, intel, then cmake.
    $script:Planted = [ordered]@{
        fit   = @{ Version = '1.14.5'; Compiler = 'gcc@13.2.0'; OS = 'rhel8'; Target = 'zen4'; Mpi = $true }
        old   = @{ Version = '1.12.2'; Compiler = 'gcc@13.2.0'; OS = 'rhel8'; Target = 'x86_64_v3'; Mpi = $true }
        nompi = @{ Version = '1.14.5'; Compiler = 'gcc@11.4.0'; OS = 'rhel8'; Target = 'x86_64'; Mpi = $false }
        arm   = @{ Version = '1.14.5'; Compiler = 'gcc@13.2.0'; OS = 'ubuntu22.04'; Target = 'neoverse_v1'; Mpi = $true }
        newer = @{ Version = '1.14.5'; Compiler = 'gcc@13.2.0'; OS = 'rhel8'; Target = 'zen5'; Mpi = $true }
        rhel9 = @{ Version = '1.14.5'; Compiler = 'gcc@13.2.0'; OS = 'rhel9'; Target = 'zen4'; Mpi = $true }
        mac   = @{ Version = '1.10.9'; Compiler = 'apple-clang@16.0.0'; OS = 'sequoia'; Target = 'm1'; Platform = 'darwin' }
        intel = @{ Version = '1.14.5'; Compiler = 'gcc@13.2.0'; OS = 'rhel8'; Target = 'icelake'; Mpi = $true }
    }
    $seeds = @{ fit = 'fa'; old = 'fb'; nompi = 'fc'; arm = 'fd'; newer = 'fe'; rhel9 = 'ff'; mac = 'fg'; intel = 'fh' }
    $script:Hash = @{}
    foreach ($name in $Planted.Keys) { $Hash[$name] = New-TestHash $seeds[$name] }
    $script:ByShortHash = @{}
    foreach ($name in $Planted.Keys) { $ByShortHash[$Hash[$name].Substring(0, 7)] = $name }

    $records = foreach ($name in $Planted.Keys) {
        $p = $Planted[$name]
        $parameters = [ordered]@{ build_system = 'cmake' }
        if ($null -ne $p.Mpi) { $parameters.mpi = $p.Mpi }
        $compiler = $p.Compiler -split '@'
        @{ Hash = $Hash[$name]; InBuildcache = $true; Node = New-TestIndexNode hdf5 $p.Version -Target $p.Target -OS $p.OS `
                -Platform $(if ($p.Platform) { $p.Platform } else { 'linux' }) -Compiler @{ Name = $compiler[0]; Version = $compiler[1] } -Parameters $parameters }
    }
    $records += @{ Hash = New-TestHash 'fi'; InBuildcache = $true; Node = New-TestIndexNode cmake 3.30.5 -Target zen4 -OS rhel8 -Compiler @{ Name = 'gcc'; Version = '13.2.0' } }
    $script:Mirror = Join-Path $TestDrive 'mirror'
    Write-TestV2Mirror -Root $Mirror -IndexJson (ConvertTo-TestIndex 7 $records)

    $script:Site = Join-Path $TestDrive 'site'
    $null = New-TestPage -Root $Site -Package hdf5 -Specs @(foreach ($name in $Planted.Keys) {
            $p = $Planted[$name]
            $variants = @('build_system=cmake') + @(if ($null -ne $p.Mpi) { if ($p.Mpi) { '+mpi' } else { '~mpi' } })
            New-TestSpec -Hash $Hash[$name] -Version $p.Version -Compiler ($p.Compiler -replace '@', '@=') -OS $p.OS -Target $p.Target `
                -Platform $(if ($p.Platform) { $p.Platform } else { 'linux' }) -Variants $variants
        })
    $null = New-TestPage -Root $Site -Package cmake -Specs @(New-TestSpec -Hash (New-TestHash 'fi') -Version 3.30.5 -Target zen4 -OS rhel8)

    $script:Wanted = 'hdf5@1.14: +mpi %gcc@13'
    # What each binary misses of $Wanted on a zen3 host with RHEL 8 (compilers as Spack 0.23 writes them).
    $script:OnZen3 = [ordered]@{
        fit   = , 'target zen4 does not run on zen3 (newer than zen3)'
        old   = , 'version 1.12.2 is not in @1.14:'
        newer = , 'target zen5 does not run on zen3 (newer than zen3)'
        intel = , 'target icelake does not run on zen3 (not an ancestor of zen3)'
        nompi = 'compiler gcc@=11.4.0, wanted %gcc@13', 'variant ~mpi, wanted +mpi'
        arm   = 'os ubuntu22.04, the host runs rhel8', 'target neoverse_v1 does not run on zen3 (another family)'
        rhel9 = 'os rhel9, the host runs rhel8', 'target zen4 does not run on zen3 (newer than zen3)'
        mac   = 'version 1.10.9 is not in @1.14:', 'compiler apple-clang@=16.0.0, wanted %gcc@13', 'no variant mpi, wanted +mpi',
        'platform darwin, the host is linux', 'os sequoia, the host runs rhel8', 'target m1 does not run on zen3 (another family)'
    }

    function script:Format-Match {
        # "<planted name>: <mismatch>|<mismatch>", in output order.
        param([Parameter(ValueFromPipeline)] $Match)
        process { '{0}: {1}' -f $ByShortHash[$Match.Spec.ShortHash], ($Match.Mismatches -join '|') }
    }
}

Describe 'Find-CacheSpec from <_>' -ForEach 'an index', 'pages', 'piped specs' {
    BeforeAll {
        $script:Kind = $_
        function script:Find([hashtable] $With) {
            # The matches from this kind of source; the warnings go to $Warned.
            $found = switch ($Kind) {
                'an index' { Find-CacheSpec -Mirror $Mirror @With -WarningVariable w -WarningAction SilentlyContinue }
                'pages' { Find-CacheSpec -Path $Site @With -WarningVariable w -WarningAction SilentlyContinue }
                'piped specs' { Get-CacheSpec -Path $Site | Find-CacheSpec @With -WarningVariable w -WarningAction SilentlyContinue }
            }
            $script:Warned = @($w)
            $found
        }
    }

    It 'writes the binaries that satisfy the spec and run on the host, and nothing else' {
        $found = @(Find @{ Spec = $Wanted; CompatibleWith = 'linux-rhel8-zen4' })
        $found | Format-Match | Should -Be 'fit: '
        $found[0] | Should -BeOfType CacheMeta.CacheSpecMatch
        $found[0].Compatible, $found[0].MismatchCount | Should -Be $true, 0
        $Warned | Should -BeNullOrEmpty
        @(Find @{ Spec = $Wanted; CompatibleWith = 'linux-rhel8-zen4'; OSCompatibility = 'Glibc' }) | Format-Match | Should -Be 'fit: '
        @(Find @{ Spec = $Wanted; CompatibleWith = 'linux-rhel9-zen4' }) | Format-Match | Should -Be 'rhel9: '
        @(Find @{ Spec = $Wanted; CompatibleWith = 'linux-rhel9-zen4'; OSCompatibility = 'Glibc' }) | Format-Match | Should -Be 'fit: ', 'rhel9: '
    }

    It 'names every mismatch of the nearest when none fits, fewest first, ties in reading order' {
        $nearest = @(Find @{ Spec = $Wanted; CompatibleWith = 'linux-rhel8-zen3'; First = 10 })
        $nearest | Format-Match | Should -Be @(foreach ($name in $OnZen3.Keys) { '{0}: {1}' -f $name, ($OnZen3[$name] -join '|') })
        @($nearest | Where-Object Compatible).Spec.ShortHash | ForEach-Object { $ByShortHash[$_] } | Should -Be 'old', 'nompi'
        $Warned.Count | Should -Be 1
        "$($Warned[0])" | Should -Be "No binary satisfies '$Wanted' and runs on linux-rhel8-zen3: the nearest follow (8 binaries), each with what it misses."
    }

    It 'keeps the first -First of the nearest, 5 by default' {
        @(Find @{ Spec = $Wanted; CompatibleWith = 'linux-rhel8-zen3'; First = 3 }) | Format-Match |
            Should -Be ('fit', 'old', 'newer' | ForEach-Object { '{0}: {1}' -f $_, $OnZen3[$_][0] })
        @(Find @{ Spec = $Wanted; CompatibleWith = 'linux-rhel8-zen3' }).Count | Should -Be 5
        @(Find @{ Spec = $Wanted; CompatibleWith = 'linux-rhel8-zen3'; First = 0 }).Count | Should -Be 0
        $Warned.Count | Should -Be 1
    }

    It 'says what glibc an OS needs under -OSCompatibility Glibc' {
        $nearest = @(Find @{ Spec = 'hdf5@1.16'; CompatibleWith = 'linux-rhel8-zen3'; OSCompatibility = 'Glibc'; First = 10 })
        ($nearest | Format-Match) -match '^(arm|rhel9):' | Should -Be @(
            'arm: version 1.14.5 is not in @1.16|os ubuntu22.04 needs glibc 2.35, the host has 2.28|target neoverse_v1 does not run on zen3 (another family)'
            'rhel9: version 1.14.5 is not in @1.16|os rhel9 needs glibc 2.34, the host has 2.28|target zen4 does not run on zen3 (newer than zen3)')
    }
}

Describe 'Find-CacheSpec hosts and refusals' {
    It 'searches for each piped host on its own' {
        $hosts = [CacheMeta.CacheHost[]]@('linux-rhel8-zen4', 'linux-ubuntu22.04-neoverse_v1')
        $hosts | Find-CacheSpec -Path $Site -Spec $Wanted -First 1 -WarningVariable warned | Format-Match |
            Should -Be 'fit: ', 'arm: '
        $warned | Should -BeNullOrEmpty
        $hosts | Find-CacheSpec -Path $Site -Spec 'hdf5@1.14: ~mpi' -First 1 -WarningAction SilentlyContinue | Format-Match |
            Should -Be 'nompi: ', 'arm: variant +mpi, wanted ~mpi'
    }

    It 'measures against this machine when no host is given' {
        $here = Get-CacheHost
        $default = @(Find-CacheSpec -Path $Site -Spec hdf5 -First 8 -WarningAction SilentlyContinue) | Format-Match
        $default.Count | Should -BeGreaterThan 0
        $default | Should -Be (@(Find-CacheSpec -Path $Site -Spec hdf5 -CompatibleWith $here -First 8 -WarningAction SilentlyContinue) | Format-Match)
    }

    It 'refuses ^ terms, since each binary is measured alone' {
        { Find-CacheSpec -Mirror $Mirror -Spec 'hdf5 ^openmpi' } | Should -Throw -ErrorId 'InvalidSpecSyntax,CacheMeta.Commands.FindCacheSpecCommand'
    }

    It 'warns when the source holds no spec of the package' {
        @(Find-CacheSpec -Path $Site -Spec zlib -WarningVariable warned -WarningAction SilentlyContinue).Count | Should -Be 0
        "$warned" | Should -Be "No spec of a package that 'zlib' names was read, so there is nothing to measure."
    }
}
