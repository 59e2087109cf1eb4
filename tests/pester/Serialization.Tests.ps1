# What the objects look like outside PowerShell (ConvertTo-Json, Export-Csv) and in the order they list values.

BeforeDiscovery {
    $script:TypeNames = 'CacheSpec', 'CachePackage', 'CacheStackSummary', 'CachePageFinding', 'CacheSpecDifference',
    'CacheSpecDifferenceSummary', 'CacheTag', 'CacheTarget', 'CacheHost', 'IndexSpec', 'CacheDependency', 'CacheIndexFinding',
    'CacheSpecMatch', 'CacheMirrorExport'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force

    # Two tags of the same package, versions that sort differently as strings and as versions, compilers too.
    $script:Site = Join-Path $TestDrive 'site'
    $old = @(
        New-TestSpec -Hash (New-TestHash 'aa') -Version '1.9' -Compiler 'gcc@10.5.0' -Stacks 'e4s', 'root'
        New-TestSpec -Hash (New-TestHash 'bb') -Version '1.10' -Compiler 'gcc@7.3.1' -Stacks 'e4s', 'root'
    )
    $null = New-TestPage -Root $Site -Package 'zlib' -Tag 'v0.23.1' -Specs $old
    $null = New-TestPage -Root $Site -Package 'zlib' -Tag 'develop' -Specs @($old[0], (New-TestSpec -Hash (New-TestHash 'cc') -Version '1.10.1' -Stacks 'root'))
    $broken = New-TestPage -Root $Site -Package 'hdf5' -Tag 'develop' -Specs @(New-TestSpec -Hash (New-TestHash 'dd'))
    [IO.File]::WriteAllText($broken, [IO.File]::ReadAllText($broken).Replace('"num_specs":1', '"num_specs":7'))

    $specs = @(Get-CacheSpec -Path $Site)
    $catalog = Join-Path $SamplesRoot 'binaries/catalog.json'
    $script:Objects = @{
        CacheSpec                  = $specs
        CachePackage               = @(Get-CachePackage -Path $Site)
        CacheStackSummary          = @(Measure-CacheStack -Path $Site) + @(Measure-CacheStack -Path $Site -GroupBy Compiler)
        CachePageFinding           = @(Test-CachePage -Path $Site)
        CacheSpecDifference        = @(Compare-CacheSpec ($specs | Where-Object Tag -EQ 'v0.23.1') ($specs | Where-Object Tag -EQ 'develop'))
        CacheSpecDifferenceSummary = @(Compare-CacheSpec ($specs | Where-Object Tag -EQ 'v0.23.1') ($specs | Where-Object Tag -EQ 'develop') -Summary)
        CacheTag                   = @(Get-CacheTag -Path $Site)
        CacheTarget                = @(Get-CacheTarget zen4, neoverse_v2, power9le)
        CacheHost                  = @(Get-CacheHost) + @([CacheMeta.CacheHost]'linux-rhel8-zen4')
        # The sample build caches: specs with their edges, a closure with every status, an audit with findings.
        IndexSpec                  = @(Get-CacheSpec -Catalog $catalog)
        CacheDependency            = @(Get-CacheSpec -Catalog $catalog | Get-CacheDependency -Recurse -Type Build, Link, Run)
        CacheIndexFinding          = @(Test-CacheIndex -Catalog $catalog)
        CacheSpecMatch             = @(Find-CacheSpec -Path $Site -Spec 'zlib@1.10 +shared' -CompatibleWith linux-ubuntu22.04-zen4 -WarningAction SilentlyContinue)
        CacheMirrorExport          = @(Get-CacheSpec -Mirror (Join-Path $SamplesRoot 'binaries/signed') -Name zlib-ng | Export-CacheMirror -Destination (Join-Path $TestDrive 'export') -PassThru)
    }
    # Values that are objects of their own and stay objects in JSON (a spec inside a difference, counts per stack,
    # a spec's edges, a dependency's root, parent and spec, a match's spec).
    $script:Nested = @{ CachePackage = 'NumSpecsByStack'; CacheSpecDifference = 'ReferenceSpec', 'DifferenceSpec'; IndexSpec = 'Dependencies'
        CacheDependency = 'Root', 'Parent', 'Spec'; CacheSpecMatch = 'Spec' }
    # How deep ConvertTo-Json must go to hold every value: an edge's virtuals are one level below the spec's edges; a
    # dependency holds its root and parent specs, and a parent its own (the samples' trees are 3 deep).
    $script:JsonDepth = @{ IndexSpec = 3; CacheDependency = 6 }
}

Describe 'ConvertTo-Json of <_>' -ForEach $TypeNames {
    BeforeAll {
        $script:Name = $_
        $script:Items = $Objects[$Name]
    }

    It 'writes versions as strings and nests no further than its own values' {
        $Items.Count | Should -BeGreaterThan 0
        foreach ($object in $Items) {
            $levels = if ($JsonDepth.ContainsKey($Name)) { $JsonDepth[$Name] } else { 2 } # 2: ConvertTo-Json's default
            $json = ConvertTo-Json -InputObject $object -Depth $levels -WarningVariable truncated -WarningAction SilentlyContinue
            $truncated | Should -BeNullOrEmpty -Because "a depth of $levels holds every value of one object"
            $item = $json | ConvertFrom-Json
            foreach ($property in $item.psobject.Properties) {
                if ($property.Name -in $Nested[$Name]) { continue }
                foreach ($value in @($property.Value)) {
                    $value -is [pscustomobject] | Should -BeFalse -Because "$Name.$($property.Name) is a value, not an object"
                }
            }
            foreach ($edge in @($item.psobject.Properties['Dependencies'].Value | Where-Object { $_ })) {
                # An edge: its values, Types as the flags' number (2 Link, 6 Link and Run), the virtuals a list.
                @($edge.psobject.Properties.Name) | Should -Be 'Name', 'Hash', 'ShortHash', 'Types', 'Virtuals'
                $edge.Types | Should -BeOfType long
            }
            foreach ($version in 'Version', 'LatestVersion') {
                if ($item.psobject.Properties[$version] -and $null -ne $item.$version) { $item.$version | Should -BeOfType string }
            }
        }
    }
}

Describe 'Export-Csv and Import-Csv of <_>' -ForEach $TypeNames {
    BeforeAll {
        $script:Name = $_
        $script:Items = $Objects[$Name]
        $file = Join-Path $TestDrive "$Name.csv"
        $Items | Export-Csv -LiteralPath $file
        $script:Imported = @(Import-Csv -LiteralPath $file)
    }

    It 'keeps every scalar value and writes lists and objects as readable text' {
        $Imported.Count | Should -Be $Items.Count
        for ($i = 0; $i -lt $Items.Count; $i++) {
            foreach ($property in $Items[$i].psobject.Properties) {
                $value = $property.Value
                $text = $Imported[$i].($property.Name)
                if ($null -eq $value) { $text | Should -BeNullOrEmpty; continue }
                if ($value -is [string] -or $value -is [ValueType] -or $value -is [CacheMeta.SpackVersion]) {
                    # -as [bool] takes any non-empty text as true; CSV writes booleans as True and False.
                    $typed = if ($value -is [bool]) { [bool]::Parse($text) } else { $text -as $value.GetType() }
                    $typed | Should -Be $value -Because "$Name.$($property.Name) must survive the round trip"
                    continue
                }
                $text | Should -Be $value.ToString()
                $text | Should -Not -Match '^(System|CacheMeta)\.' -Because "$Name.$($property.Name) is written as its values"
            }
        }
    }
}

Describe 'Values listed in reading order' {
    It 'lists versions and compilers of a package by Spack version order, and names its newest version' {
        $package = Get-CachePackage zlib -Path $Site -Tag v0.23.1
        $package.Versions | Should -Be '1.9', '1.10'
        $package.Compilers | Should -Be 'gcc@7.3.1', 'gcc@10.5.0'
        $package.LatestVersion | Should -BeOfType CacheMeta.SpackVersion
        "$($package.LatestVersion)" | Should -Be '1.10'
        (Get-CachePackage -Path $Site | Sort-Object LatestVersion -Descending)[0].LatestVersion.ToString() | Should -Be '1.10.1'
    }

    It 'groups stack summaries by compiler version and tags as the site lists them' {
        $rows = Measure-CacheStack -Path $Site -Stack e4s -GroupBy Compiler | ForEach-Object { '{0} {1}' -f $_.Tag, $_.Group }
        $rows | Should -Be 'develop gcc@10.5.0', 'v0.23.1 gcc@7.3.1', 'v0.23.1 gcc@10.5.0'
    }

    It 'still writes pages with their lists in string order, as the generator does' {
        $destination = Join-Path $TestDrive 'exported'
        Get-CacheSpec -Path $Site -Tag v0.23.1 | Export-CachePage -Destination $destination
        $text = Get-Content -LiteralPath (Join-Path $destination '_cache/v0.23.1/zlib/specs.md') -Raw
        $text | Should -Match '"compilers": \["gcc@10\.5\.0", "gcc@7\.3\.1"\]'
        $text | Should -Match '"versions": \["1\.10", "1\.9"\]'
    }

    It 'keeps Version a SpackVersion in PowerShell and text in JSON and CSV' {
        $spec = Get-CacheSpec zlib -Path $Site -Tag develop -Version 1.10.1
        $spec.Version | Should -BeOfType CacheMeta.SpackVersion
        ($spec | ConvertTo-Json | ConvertFrom-Json).Version | Should -Be '1.10.1'
        ($spec | ConvertTo-Csv | ConvertFrom-Csv).Stacks | Should -Be 'root'
        (Get-CacheSpec -Path $Site | Sort-Object Version).Version.ForEach({ "$_" }) | Should -Be '1.0.0', '1.9', '1.9', '1.10', '1.10.1'
    }
}
