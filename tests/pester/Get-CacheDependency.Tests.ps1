# Get-CacheDependency on a generated index (random DAG, records shuffled, planted holes, an external and hashes no
# record has), every answer checked against values the test computes from the model itself.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'IndexFixtures.ps1')
    Import-Module $ModuleManifest -Force

    $script:Model = New-TestDependencyModel -Seed 11 -Count 32
    $script:Mirror = Join-Path $TestDrive 'mirror'
    Write-TestV2Mirror -Root $Mirror -IndexJson (ConvertTo-TestDependencyIndex $Model -Seed 11)
    $script:Specs = @(Get-CacheSpec -Mirror $Mirror)
    $script:InCache = @($Model.Records | Where-Object InBuildcache)
    $script:ByHash = @{}
    $script:Closures = @{} # link and run closures of every record, for the dependents
    foreach ($record in $Model.Records) {
        $ByHash[$record.Hash] = $record
        $Closures[$record.Hash] = Get-TestClosure $Model $record.Hash
    }

    function script:ConvertTo-TypeText([string[]] $Types) {
        # The engine's flags as PowerShell prints them: "Build, Link".
        [string][CacheMeta.DependencyTypes](@($Types | ForEach-Object { [CacheMeta.DependencyTypes]$_ }) | Measure-Object -Sum).Sum
    }
}

Describe 'Get-CacheDependency' {
    It 'reads the specs the test wrote, every one with its edges' {
        $Specs.Count | Should -Be $InCache.Count
        $Specs.Count | Should -BeGreaterThan 20
        foreach ($spec in $Specs) { $spec.Dependencies.Count | Should -Be @($ByHash[$spec.Hash].Edges).Count }
    }

    It 'lists each spec''s direct link and run dependencies in index order, with types, virtuals and statuses' {
        $all = @($Specs | Get-CacheDependency)
        $expectedCount = 0
        foreach ($spec in $Specs) {
            $expected = @($ByHash[$spec.Hash].Edges | Where-Object { $_.Types | Where-Object { $_ -in 'link', 'run' } })
            $expectedCount += $expected.Count
            $actual = @($all | Where-Object { $_.Root.Hash -eq $spec.Hash })
            @($actual.Hash) | Should -Be @($expected.Hash)
            for ($i = 0; $i -lt $expected.Count; $i++) {
                $actual[$i].Depth | Should -Be 1
                $actual[$i].Parent | Should -BeNullOrEmpty
                $actual[$i].Name | Should -Be $expected[$i].Name
                [string]$actual[$i].Types | Should -Be (ConvertTo-TypeText $expected[$i].Types)
                [string]$actual[$i].Status | Should -Be (Get-TestStatus $Model $expected[$i].Hash)
                ($null -ne $actual[$i].Spec) | Should -Be ($actual[$i].Status -eq 'InCache')
            }
        }
        $all.Count | Should -Be $expectedCount
        @($all.Status | ForEach-Object { "$_" } | Sort-Object -Unique) | Should -Be 'External', 'InCache', 'Missing', 'NotInCache' -Because 'the fixture plants every status'
    }

    It 'with -Recurse lists each root''s closure once, at its shortest depth, each under the parent it was reached through' {
        $deepest = 0
        foreach ($spec in $Specs) {
            $expected = $Closures[$spec.Hash]
            $actual = @($spec | Get-CacheDependency -Recurse)
            $actual.Count | Should -Be $expected.Count
            foreach ($dependency in $actual) {
                $dependency.Depth | Should -Be $expected[$dependency.Hash] -Because "$($dependency.Name) is that far from $($spec.Package)"
                [string]$dependency.Status | Should -Be (Get-TestStatus $Model $dependency.Hash)
                if ($dependency.Depth -gt 1) {
                    $dependency.Parent.Depth | Should -Be ($dependency.Depth - 1)
                    @($ByHash[$dependency.Parent.Hash].Edges.Hash) | Should -Contain $dependency.Hash
                }
                $deepest = [Math]::Max($deepest, $dependency.Depth)
            }
            # Written as a tree: each dependency after its parent.
            for ($i = 0; $i -lt $actual.Count; $i++) {
                if ($actual[$i].Parent) { [array]::IndexOf($actual, $actual[$i].Parent) | Should -BeLessThan $i }
            }
        }
        $deepest | Should -BeGreaterOrEqual 3
    }

    It 'follows the edge types -Type names' {
        $spec = $Specs | Sort-Object { (Get-TestClosure $Model $_.Hash -Types build, link, run).Count } | Select-Object -Last 1
        foreach ($types in @('build'), @('build', 'link', 'run'), @('run')) {
            $expected = Get-TestClosure $Model $spec.Hash -Types $types
            $actual = @($spec | Get-CacheDependency -Recurse -Type $types)
            @($actual.Hash | Sort-Object) | Should -Be @($expected.Keys | Sort-Object) -Because "-Type $($types -join ',')"
        }
        @($spec | Get-CacheDependency -Type Build).Name | Should -Contain 'gcc'
        @($spec | Get-CacheDependency).Name | Should -Not -Contain 'gcc'
    }

    It 'with -Dependents lists the specs of the index that depend on the input, directly or transitively' {
        $checked = 0
        foreach ($spec in $Specs) {
            $direct = @($Model.Records | Where-Object { $_.Edges | Where-Object { $_.Hash -eq $spec.Hash -and ($_.Types | Where-Object { $_ -in 'link', 'run' }) } })
            @(($spec | Get-CacheDependency -Dependents).Hash | Sort-Object) | Should -Be @($direct.Hash | Where-Object { $_ } | Sort-Object)
            $expected = @{}
            foreach ($record in $Model.Records) {
                $closure = $Closures[$record.Hash]
                if ($closure.ContainsKey($spec.Hash)) { $expected[$record.Hash] = $closure[$spec.Hash] }
            }
            $actual = @($spec | Get-CacheDependency -Dependents -Recurse)
            @($actual.Hash | Sort-Object) | Should -Be @($expected.Keys | Sort-Object)
            foreach ($dependent in $actual) { $dependent.Depth | Should -Be $expected[$dependent.Hash] }
            $checked += $actual.Count
        }
        $checked | Should -BeGreaterThan 10
    }

    It 'gives DependenciesNotRecorded for a page spec and goes on with the others' {
        $page = New-TestPage -Root (Join-Path $TestDrive 'pages') -Package 'zlib' -Specs @(New-TestSpec -Hash (New-TestHash 'pg'))
        $pageSpec = Get-CacheSpec -LiteralPath $page
        $out = @($pageSpec, $Specs[-1] | Get-CacheDependency -ErrorVariable problems -ErrorAction SilentlyContinue)
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'DependenciesNotRecorded,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $problems[0].TargetObject | Should -Be $pageSpec
        $out.Count | Should -Be @($Specs[-1] | Get-CacheDependency).Count
    }

    It 'reads the graph of an index once for every spec of it in the pipeline' {
        $server = Start-TestHttpServer -Root $TestDrive
        try {
            $env:CACHEMETA_CACHE_DIR = Join-Path $TestDrive 'cache'
            $url = "$($server.Url)mirror"
            $remote = @(Get-CacheSpec -Mirror $url)
            $server.Log.Clear()
            $null = Get-CacheSpec -Mirror $url
            $oneRead = @($server.Log)
            $oneRead.Count | Should -BeGreaterThan 0
            $server.Log.Clear()
            $out = @($remote | Get-CacheDependency -Recurse)
            $out.Count | Should -Be (@($Specs | Get-CacheDependency -Recurse).Count)
            @($server.Log) | Should -Be $oneRead -Because "$($remote.Count) specs of one index need its graph once"
        }
        finally {
            Remove-Item Env:CACHEMETA_CACHE_DIR
            Stop-TestHttpServer $server
        }
    }

    It 'draws the closure as an indented tree at 80 columns' {
        $spec = $Specs | Sort-Object { @(Get-TestClosure $Model $_.Hash).Count } | Select-Object -Last 1
        $tree = @($spec | Get-CacheDependency -Recurse)
        $lines = @(($tree | Out-String -Width 80) -split '\r?\n' | Where-Object { $_ -match '\^' })
        $lines.Count | Should -Be $tree.Count
        for ($i = 0; $i -lt $tree.Count; $i++) {
            $lines[$i].Length | Should -BeLessOrEqual 80
            $name = $tree[$i].Name + $(if ($tree[$i].Version) { '@' + $tree[$i].Version })
            $lines[$i] | Should -Match ("\s{0}\^{1}$" -f ('{' + (2 * ($tree[$i].Depth - 1) + 1) + '}'), [regex]::Escape($name))
            $lines[$i] | Should -Match ("^{0}\s+{1}" -f $tree[$i].Status, $tree[$i].ShortHash)
        }
    }
}
