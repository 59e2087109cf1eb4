BeforeDiscovery {
    # Discovery needs the same facts as the run (which tests are skipped, which files to read).
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force

    # The real pages of the current formats (G6, G7), read independently of CacheMeta: the JSON line of each page.
    $script:Roots = if ($Corpus) { (Join-Path $Corpus 'real'), (Join-Path $Corpus 'seed') }
    $script:Records = foreach ($page in $(if ($Corpus) { Get-ChildItem -LiteralPath $Roots -Recurse -Filter specs.md })) {
        $lines = Get-Content -LiteralPath $page.FullName
        $package = ($lines | Where-Object { $_ -like 'title: *' }) -replace '^title: "(.*)"$', '$1'
        ($lines | Where-Object { $_ -like 'spec_details: *' }).Substring(14) | ConvertFrom-Json | ForEach-Object {
            $_ | Add-Member -NotePropertyName package -NotePropertyValue $package -PassThru
        }
    }

    # The test's own reading of Spack's rules, written without CacheMeta: numeric versions compare as
    # [version]; 'gcc@=11.4.0' and 'gcc@11.4.0' are the same compiler; the archspec families are listed out.
    function script:Version($record) { [version]$record.versions[0] }
    function script:CompilerName($record) { ($record.compiler -split '@')[0] }
    function script:CompilerVersion($record) { ($record.compiler -split '@=?')[1] }
    $script:Aarch64Family = 'aarch64', 'neoverse_n1', 'neoverse_v1', 'neoverse_v2'
}

Describe 'Get-CacheSpec -Spec on the real pages' -Skip:$NoCorpus {
    It 'holds 156 records to select from' {
        @($Records).Count | Should -Be 156
    }

    It '<Spec> selects the <Count> records Spack would' -ForEach @(
        @{ Spec = 'cmake'; Count = 70; Expect = { $_.package -eq 'cmake' } }
        @{ Spec = 'cmake@3.25'; Count = 8; Expect = { $_.package -eq 'cmake' -and $_.versions[0] -like '3.25.*' } }
        @{ Spec = '@:3.30'; Count = 31; Expect = { (Version $_) -le [version]'3.30' -or $_.versions[0] -like '3.30.*' } }
        @{ Spec = '@4.2:'; Count = 63; Expect = { (Version $_) -ge [version]'4.2' } }
        @{ Spec = '@3'; Count = 71; Expect = { $_.versions[0] -like '3.*' } }
        @{ Spec = '@=3.2.1'; Count = 1; Expect = { $_.versions[0] -eq '3.2.1' } }
        @{ Spec = 'rocblas@=6.1'; Count = 0; Expect = { $_.package -eq 'rocblas' -and $_.versions[0] -eq '6.1' } }
        @{ Spec = '@0.4.1:0.5.3,=6.3.2'; Count = 14; Expect = { $_.versions[0] -in '0.4.1', '0.5.3', '6.3.2' } }
        @{ Spec = '%gcc'; Count = 113; Expect = { (CompilerName $_) -eq 'gcc' } }
        @{ Spec = '%gcc@11:'; Count = 85; Expect = { (CompilerName $_) -eq 'gcc' -and [version](CompilerVersion $_) -ge [version]'11.0' } }
        @{ Spec = '%gcc@=11.4.0'; Count = 41; Expect = { $_.compiler -in 'gcc@11.4.0', 'gcc@=11.4.0' } }
        @{ Spec = '%oneapi'; Count = 20; Expect = { (CompilerName $_) -in 'oneapi', 'intel-oneapi-compilers' } }
        @{ Spec = '%c,cxx=gcc@13'; Count = 35; Expect = { (CompilerName $_) -eq 'gcc' -and (CompilerVersion $_) -like '13.*' } }
        @{ Spec = '+ownlibs'; Count = 69; Expect = { $_.variants -contains '+ownlibs' } }
        @{ Spec = 'cmake -ownlibs'; Count = 1; Expect = { $_.package -eq 'cmake' -and $_.variants -contains '~ownlibs' } }
        @{ Spec = 'build_type=Release'; Count = 72; Expect = { $_.variants -contains 'build_type=Release' } }
        @{ Spec = 'patches=dbc3892'; Count = 8; Expect = { $_.variants -contains 'patches=dbc3892' -or $_.variants -contains 'patches:=dbc3892' } }
        @{ Spec = 'platform=darwin'; Count = 16; Expect = { $_.platform -eq 'darwin' } }
        @{ Spec = 'os=amzn2'; Count = 27; Expect = { $_.os -eq 'amzn2' } }
        @{ Spec = 'target=neoverse_v2'; Count = 9; Expect = { $_.target -eq 'neoverse_v2' } }
        @{ Spec = 'target=aarch64:'; Count = 57; Expect = { $_.target -in $Aarch64Family } }
        @{ Spec = 'target=x86_64_v3:'; Count = 96; Expect = { $_.target -in 'x86_64_v3', 'x86_64_v4', 'zen4' } }
        @{ Spec = 'target=:x86_64_v3'; Count = 92; Expect = { $_.target -in 'x86_64', 'x86_64_v2', 'x86_64_v3' } }
        @{ Spec = 'target=neoverse_n1:'; Count = 15; Expect = { $_.target -in 'neoverse_n1', 'neoverse_v1', 'neoverse_v2' } }
        @{ Spec = 'arch=linux-ubuntu22.04-x86_64_v3'; Count = 48; Expect = { $_.platform -eq 'linux' -and $_.os -eq 'ubuntu22.04' -and $_.target -eq 'x86_64_v3' } }
        @{ Spec = '/zjpj5'; Count = 1; Expect = { $_.hash -like 'zjpj5*' } }
        @{ Spec = 'cmake@3.31 %gcc@13 +ownlibs target=aarch64:'; Count = 4; Expect = {
                $_.package -eq 'cmake' -and $_.versions[0] -like '3.31.*' -and (CompilerName $_) -eq 'gcc' -and
                (CompilerVersion $_) -like '13.*' -and $_.variants -contains '+ownlibs' -and $_.target -in $Aarch64Family } }
    ) {
        $expected = @($Records | Where-Object $Expect | ForEach-Object hash | Sort-Object)
        $expected.Count | Should -Be $Count
        $actual = @(Get-CacheSpec -Path $Roots -Spec $Spec | ForEach-Object Hash | Sort-Object)
        $actual.Count | Should -Be $Count
        $actual | Should -Be $expected
    }

    It 'ORs several -Spec values, as spack buildcache list does' {
        $expected = @($Records | Where-Object { ($_.package -eq 'blt' -and $_.versions[0] -like '0.4.*') -or $_.package -eq 'rocblas' }).Count
        $expected | Should -Be 6
        @(Get-CacheSpec -Path $Roots -Spec 'blt@0.4', 'rocblas').Count | Should -Be $expected
        @(Get-CacheSpec -Path $Roots -Spec 'blt@0.4 rocblas').Count | Should -Be $expected
    }

    It 'ANDs -Spec with the other filters' {
        $expected = @($Records | Where-Object { $_.package -eq 'cmake' -and $_.stacks -contains 'e4s' -and $_.os -eq 'ubuntu22.04' }).Count
        $expected | Should -BeGreaterThan 0
        @(Get-CacheSpec -Path $Roots -Spec cmake -Stack e4s -OS ubuntu22.04).Count | Should -Be $expected
        @(Get-CacheSpec -Path $Roots -Spec cmake -Name blt).Count | Should -Be 0
    }
}

Describe 'Get-CacheSpec -Spec errors' {
    It 'stops with InvalidSpecSyntax, category InvalidArgument, showing the spec and a caret at the column' {
        $spec = 'zlib@1.2 %gcc@1:2:3'
        $failure = $null
        try { Get-CacheSpec -Path $SamplesRoot -Spec 'zlib', $spec -ErrorAction Stop } catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -Be 'InvalidSpecSyntax,CacheMeta.Commands.GetCacheSpecCommand'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.TargetObject | Should -Be $spec
        $lines = $failure.Exception.Message -split [Environment]::NewLine
        $lines[0] | Should -BeLike "The spec is not valid at column 15: The version range '1:2:3' has more than one ':'*"
        $lines[1] | Should -Be "  $spec"
        $lines[2] | Should -Be ('  ' + (' ' * 14) + '^^^^^')
    }

    It 'refuses what cache pages do not record: <Spec>' -ForEach @(
        @{ Spec = 'hdf5 ^mpich'; Column = 6 }
        @{ Spec = 'builtin.zlib'; Column = 1 }
    ) {
        { Get-CacheSpec -Path $SamplesRoot -Spec $Spec -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidSpecSyntax,CacheMeta.Commands.GetCacheSpecCommand' -ExpectedMessage "*at column $Column*"
    }
}

Describe 'Spack version order' {
    BeforeAll {
        $script:Versions = Join-Path $TestDrive 'versions'
        New-TestPage -Root $Versions -Package 'tool' -Specs @(
            New-TestSpec -Hash (New-TestHash 'v10') -Version '1.10'
            New-TestSpec -Hash (New-TestHash 'vdev') -Version 'develop'
            New-TestSpec -Hash (New-TestHash 'v9') -Version '1.9'
            New-TestSpec -Hash (New-TestHash 'v92') -Version '1.9.2'
        ) | Out-Null
    }

    It 'sorts Version as Spack does: 1.9 < 1.9.2 < 1.10 < develop' {
        $specs = Get-CacheSpec -Path $Versions
        # Read in hash order, so the order below comes from the sort alone.
        ($specs.Version | ForEach-Object ToString) | Should -Be '1.10', '1.9.2', '1.9', 'develop'
        ($specs | Sort-Object Version).Version.ForEach({ $_.ToString() }) | Should -Be '1.9', '1.9.2', '1.10', 'develop'
        ($specs | Sort-Object Version -Descending)[0].Version.ToString() | Should -Be 'develop'
        $specs[0].Version | Should -BeOfType CacheMeta.SpackVersion
    }

    It 'selects <Spec> in that order' -ForEach @(
        @{ Spec = 'tool@1.9'; Expected = '1.9', '1.9.2' }
        @{ Spec = 'tool@=1.9'; Expected = , '1.9' }
        @{ Spec = 'tool@1.9.1:'; Expected = '1.9.2', '1.10', 'develop' }
        @{ Spec = 'tool@:1.9'; Expected = '1.9', '1.9.2' }
    ) {
        (Get-CacheSpec -Path $Versions -Spec $Spec | Sort-Object Version).Version.ForEach({ $_.ToString() }) | Should -Be $Expected
    }
}
