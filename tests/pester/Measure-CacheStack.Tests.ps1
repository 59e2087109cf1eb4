BeforeDiscovery {
    # Discovery needs the same facts as the run (which tests are skipped, which files to read).
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:Seed = if ($Corpus) { Join-Path $Corpus 'seed/develop/py-multidict/specs.md' }
    $script:SeedFigures = 'e4s=13', 'e4s-oneapi=6', 'ml-darwin-aarch64-mps=14', 'ml-linux-aarch64-cpu=14', 'ml-linux-aarch64-cuda=14',
    'ml-linux-x86_64-cpu=13', 'ml-linux-x86_64-cuda=14', 'root=61'

    function Format-Figure {
        param([Parameter(ValueFromPipeline)] $Summary)
        process { '{0}={1}' -f $Summary.Stack, $Summary.Specs }
    }
}

Describe 'Measure-CacheStack on the seed page' -Skip:$NoCorpus {
    It 'counts the specs of every stack from -Path' {
        $summaries = Measure-CacheStack -Path $Seed
        $summaries | Should -BeOfType CacheMeta.CacheStackSummary
        $summaries | Format-Figure | Should -Be $SeedFigures
        $summaries.Tag | Sort-Object -Unique | Should -Be 'develop'
    }

    It 'counts the same from specs on the pipeline' {
        Get-CacheSpec -Path $Seed | Measure-CacheStack | Format-Figure | Should -Be $SeedFigures
    }

    It 'counts distinct values per stack' {
        $root = Measure-CacheStack -Path $Seed | Where-Object Stack -eq root
        $root.Packages, $root.Versions, $root.Compilers, $root.OperatingSystems, $root.Platforms, $root.Targets, $root.TargetFamilies |
            Should -Be 1, 1, 4, 3, 2, 2, 2
    }

    It 'splits each stack by target with -GroupBy' {
        $rows = Measure-CacheStack -Path $Seed -GroupBy Target
        $rows | Where-Object Stack -eq root | ForEach-Object { '{0}={1}' -f $_.Group, $_.Specs } | Should -Be 'aarch64=28', 'x86_64_v3=33'
        $rows[0].PSObject.TypeNames[0] | Should -Be 'CacheMeta.CacheStackSummary#Grouped'
        $rows[0].GroupBy | Should -Be 'Target'
        # The groups of a stack add up to the stack.
        $rows | Group-Object Stack | ForEach-Object { '{0}={1}' -f $_.Name, ($_.Group | Measure-Object Specs -Sum).Sum } | Should -Be $SeedFigures
    }

    It 'summarises only the stacks and specs the filters ask for' {
        Measure-CacheStack -Path $Seed -Stack e4s | Format-Figure | Should -Be 'e4s=13'
        Get-CacheSpec -Path $Seed | Measure-CacheStack -Compiler gcc@11.4.0 | Format-Figure | Should -Be 'e4s=13', 'root=13'
    }

    It 'shows the counts in a table at 120 columns' {
        $PSStyle.OutputRendering = 'PlainText'
        $table = Measure-CacheStack -Path $Seed | Out-String -Width 120
        $table | Should -Match '(?m)^\s+Tag: develop\s*$'
        $table | Should -Match '(?m)^\s*Specs\s+Packages\s+Versions\s+Compilers\s+OS\s+Platforms\s+Targets\s+Families\s+Stack\s*$'
        $table | Should -Match '(?m)^\s*61\s+1\s+1\s+4\s+3\s+2\s+2\s+2\s+root\s*$'
        $grouped = Measure-CacheStack -Path $Seed -Stack root -GroupBy TargetFamily | Out-String -Width 120
        $grouped | Should -Match '(?m)^\s*Specs\s+Packages\s+Versions\s+Compilers\s+OS\s+Targets\s+Stack\s+Group\s*$'
        $grouped | Should -Match '(?m)^\s*28\s+1\s+1\s+2\s+2\s+1\s+root\s+aarch64\s*$'
    }
}

Describe 'Measure-CacheStack over the whole corpus' -Skip:$NoCorpus {
    It 'gives per tag and stack the sum of the pages'' num_specs_by_stack' {
        $expected = @{}
        foreach ($package in Get-CachePackage -Path $Corpus) {
            foreach ($entry in $package.NumSpecsByStack.GetEnumerator()) {
                $key = "$($package.Tag)/$($entry.Key)"
                $expected[$key] = $expected[$key] + $entry.Value
            }
        }

        $summaries = Measure-CacheStack -Path $Corpus -WarningVariable warnings -WarningAction SilentlyContinue
        $summaries.Count | Should -Be $expected.Count
        foreach ($summary in $summaries) { $summary.Specs | Should -Be $expected["$($summary.Tag)/$($summary.Stack)"] }
        # G1-G3 pages (swig, alsa-lib) list no stacks; their specs are reported, not counted.
        "$warnings" | Should -BeLike '79 specs belong to no stack*'
    }
}

Describe 'Measure-CacheStack on the sample tree' {
    It 'counts every spec of a tag in root' {
        $root = Measure-CacheStack -Path $SamplesRoot -Tag develop -Stack root
        $root.Specs | Should -Be 17
        $root.Packages | Should -Be 5
        $root.Specs | Should -Be @(Get-CacheSpec -Path $SamplesRoot -Tag develop).Count
    }

    It 'takes page files from Get-ChildItem' {
        $files = Get-ChildItem -Path (Join-Path $SamplesRoot '_cache/v0.23.1') -Recurse -Filter specs.md
        ($files | Measure-CacheStack -Stack root).Specs | Should -Be @(Get-CacheSpec -Path $SamplesRoot -Tag v0.23.1).Count
    }

    It 'declares its output type and has table and list views' {
        (Get-Command Measure-CacheStack).OutputType.Name | Should -Be 'CacheMeta.CacheStackSummary'
        $controls = (Get-FormatData -TypeName CacheMeta.CacheStackSummary).FormatViewDefinition | ForEach-Object { $_.Control.GetType().Name }
        $controls | Should -Contain 'TableControl'
        $controls | Should -Contain 'ListControl'
    }

    It 'refuses a -GroupBy it does not know' {
        { Measure-CacheStack -Path $SamplesRoot -GroupBy Variant } | Should -Throw -ErrorId 'ParameterArgumentValidationError,CacheMeta.Commands.MeasureCacheStackCommand'
    }
}
