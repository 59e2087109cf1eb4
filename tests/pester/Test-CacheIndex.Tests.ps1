# Test-CacheIndex on generated indexes with planted faults, and ^ in -Spec on index and page sources: findings and
# matches checked against values the test computes from the model.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'IndexFixtures.ps1')
    Import-Module $ModuleManifest -Force

    $script:Model = New-TestDependencyModel -Seed 5 -Count 30
    $script:BrokenHash = New-TestHash 'brokenrec'
    $malformed = @{ Hash = $BrokenHash; InBuildcache = $true; Node = [ordered]@{ name = 'broken'; version = '1'; parameters = 'not an object' } }
    $script:Mirror = Join-Path $TestDrive 'mirror'
    Write-TestV2Mirror -Root $Mirror -IndexJson (ConvertTo-TestDependencyIndex $Model -Seed 5 -Malformed $malformed)

    # A catalog: the model as the tag's root, and a stack holding two of its specs and one the root lacks.
    $script:Site = Join-Path $TestDrive 'site'
    Write-TestV2Mirror -Root (Join-Path $Site 'develop') -IndexJson (ConvertTo-TestDependencyIndex $Model -Seed 5)
    $script:StrayHash = New-TestHash 'strayspec'
    $kept = @($Model.Records | Where-Object { $_.InBuildcache -and -not @($_.Edges | Where-Object Hash -In $Model.Missing) } | Select-Object -First 2)
    $stack = ConvertTo-TestIndex 8 (@(foreach ($record in $kept) { @{ Hash = $record.Hash; InBuildcache = $true; Node = New-TestIndexNode $record.Name $record.Version } }) +
        @{ Hash = $StrayHash; InBuildcache = $true; Node = New-TestIndexNode stray 1.0 })
    Write-TestV2Mirror -Root (Join-Path $Site 'develop/e4s') -IndexJson $stack
    Write-TestV2Mirror -Root (Join-Path $Site 'clean') -IndexJson (ConvertTo-TestIndex 8 @(@{ Hash = $kept[0].Hash; InBuildcache = $true; Node = New-TestIndexNode $kept[0].Name $kept[0].Version }))
    $entries = [ordered]@{
        develop = @([ordered]@{ label = 'root'; url = 'develop' }, [ordered]@{ label = 'e4s'; url = 'develop/e4s' })
        clean   = @([ordered]@{ label = 'root'; url = 'clean' })
    }
    $script:Catalog = Join-Path $Site 'catalog.json'
    Set-Content -LiteralPath $Catalog -Value (ConvertTo-Json $entries -Depth 5)

    # The faults the model plants, computed from it: hashes no record has, and the holes in-cache specs need.
    $script:ExpectedMissing = @($Model.Missing | Sort-Object)
    $holes = @{}
    foreach ($record in $Model.Records | Where-Object InBuildcache) {
        foreach ($hash in (Get-TestClosure $Model $record.Hash).Keys) {
            if ((Get-TestStatus $Model $hash) -eq 'NotInCache') { $holes[$hash] = $true }
        }
    }
    $script:ExpectedHoles = @($holes.Keys | Sort-Object)
    $script:Gcc = ($Model.Records | Where-Object Name -EQ gcc).Hash
}

Describe 'Test-CacheIndex' {
    It 'finds each missing dependency once, each hole in-cache specs need, and the record it skips' {
        $findings = @(Test-CacheIndex -Mirror $Mirror -ErrorVariable problems)
        $problems | Should -BeNullOrEmpty
        $ExpectedMissing.Count | Should -BeGreaterThan 2
        $ExpectedHoles.Count | Should -BeGreaterThan 1
        @($findings | Where-Object Rule -EQ MissingDependency | ForEach-Object Hash | Sort-Object) | Should -Be $ExpectedMissing
        @($findings | Where-Object Rule -EQ DependencyNotInCache | ForEach-Object Hash | Sort-Object) | Should -Be $ExpectedHoles
        $ExpectedHoles | Should -Not -Contain $Gcc -Because 'gcc is reached only through build edges'
        $malformed = @($findings | Where-Object Rule -EQ MalformedRecord)
        $malformed.Hash | Should -Be $BrokenHash
        [string]$malformed.Severity | Should -Be 'Warning'
        $findings.Count | Should -Be ($ExpectedMissing.Count + $ExpectedHoles.Count + 1)
        foreach ($finding in $findings | Where-Object Rule -EQ DependencyNotInCache) {
            # The spec that needs it is in the cache and reaches it through link and run edges.
            (Get-TestStatus $Model $finding.NeededByHash) | Should -Be 'InCache'
            (Get-TestClosure $Model $finding.NeededByHash).Keys | Should -Contain $finding.Hash
            $finding.Source | Should -BeLike '*index.json'
        }
    }

    It 'checks a catalog''s stacks against the tag''s root, tag by tag' {
        $findings = @(Test-CacheIndex -Catalog $Catalog -Tag *)
        $stray = @($findings | Where-Object Rule -EQ StackSpecNotInRoot)
        $stray.Hash | Should -Be $StrayHash
        $stray.Tag | Should -Be 'develop'
        @($findings | Where-Object Tag -EQ clean) | Should -BeNullOrEmpty
        @($findings | Where-Object Rule -EQ MissingDependency).Count | Should -Be $ExpectedMissing.Count
        @(Test-CacheIndex -Catalog $Catalog).Count | Should -Be $findings.Count -Because 'develop is the default tag'
    }

    It 'with -Quiet writes one boolean and no error record' {
        Test-CacheIndex -Mirror $Mirror -Quiet | Should -BeExactly $false
        Test-CacheIndex -Catalog $Catalog -Tag clean -Quiet | Should -BeExactly $true
        $out = @(Test-CacheIndex -Mirror (Join-Path $TestDrive 'nothing-here') -Quiet -ErrorVariable problems)
        $out | Should -Be @($false)
        $problems | Should -BeNullOrEmpty
        $without = @(Test-CacheIndex -Mirror (Join-Path $TestDrive 'nothing-here') -ErrorVariable problems -ErrorAction SilentlyContinue)
        $without | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
    }

    It 'reads indexes only, even when $env:CACHEMETA_PATH names pages' {
        (Get-Command Test-CacheIndex).Parameters.Keys | Should -Not -Contain 'Path'
        $env:CACHEMETA_PATH = $SamplesRoot
        $env:CACHEMETA_CATALOG = $Catalog
        try { @(Test-CacheIndex -Tag clean -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Select-Object -First 1).Message | Should -BeLike "*$Catalog*" }
        finally { Remove-Item Env:CACHEMETA_PATH, Env:CACHEMETA_CATALOG }
    }
}

Describe '^ in -Spec' {
    BeforeAll {
        # Specs whose closure (any edge type) reaches a record, or an edge, named so: Spack's '^name'.
        $script:NameOf = @{} # a hash's name: its record's, or for a hash no record has, its edges'
        foreach ($record in $Model.Records) { foreach ($edge in $record.Edges) { $NameOf[$edge.Hash] = $edge.Name } }
        foreach ($record in $Model.Records) { $NameOf[$record.Hash] = $record.Name }
        $script:AnyClosure = @{}
        foreach ($record in $Model.Records | Where-Object InBuildcache) { $AnyClosure[$record.Hash] = Get-TestClosure $Model $record.Hash -Types build, link, run, test }
        function script:Get-ExpectedMatch([string] $Name) {
            @(foreach ($hash in $AnyClosure.Keys) { if (@($AnyClosure[$hash].Keys | ForEach-Object { $NameOf[$_] }) -contains $Name) { $hash } }) | Sort-Object
        }
        $script:Target = ($Model.Records | Where-Object InBuildcache | Select-Object -Skip 3 -First 1).Name
        $script:Lost = ($Model.Records.Edges | Where-Object Hash -EQ $Model.Missing[0]).Name | Select-Object -First 1
    }

    It 'matches index specs by any dependency, for Get-CacheSpec, Get-CachePackage and Measure-CacheStack' {
        foreach ($name in $Target, $Lost, 'gcc') {
            $expected = Get-ExpectedMatch $name
            $expected.Count | Should -BeGreaterThan 0 -Because "some spec depends on $name"
            $specs = @(Get-CacheSpec -Mirror $Mirror -Spec "^$name" -WarningAction SilentlyContinue)
            @($specs.Hash | Sort-Object) | Should -Be $expected
            $packages = @(Get-CachePackage -Mirror $Mirror -Spec "^$name" -WarningAction SilentlyContinue)
            ($packages | Measure-Object NumSpecs -Sum).Sum | Should -Be $expected.Count
            $stacks = @(Get-CacheSpec -Catalog $Catalog -Spec "^$name" | Measure-CacheStack)
            @(Measure-CacheStack -Catalog $Catalog -Spec "^$name" | ForEach-Object { "$($_.Stack)=$($_.Specs)" }) | Should -Be @($stacks | ForEach-Object { "$($_.Stack)=$($_.Specs)" })
        }
    }

    It 'matches piped index specs on their index''s graph' {
        $expected = Get-ExpectedMatch $Target
        @(Get-CacheSpec -Mirror $Mirror -WarningAction SilentlyContinue | Get-CacheSpec -Spec "^$Target" -WarningAction SilentlyContinue | ForEach-Object Hash | Sort-Object) | Should -Be $expected
    }

    It 'is an InvalidSpecSyntax error on pages, which record no dependencies' {
        $err = { Get-CacheSpec -Path $SamplesRoot -Spec 'hdf5 ^openmpi' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidSpecSyntax,*'
        $err.Exception.Message | Should -Match 'column 6: Pages do not record dependencies'
        { Get-CachePackage -Path $SamplesRoot -Spec '^zlib-ng' } | Should -Throw -ErrorId 'InvalidSpecSyntax*'
        { Measure-CacheStack -Path $SamplesRoot -Spec '^zlib-ng' } | Should -Throw -ErrorId 'InvalidSpecSyntax*'
    }
}
