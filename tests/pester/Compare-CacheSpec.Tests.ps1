BeforeDiscovery {
    # Discovery needs the same facts as the run (which tests are skipped, which files to read).
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force

    # Two tags of invented pages: zaa is equal, zbb changes stacks and OS, zcc is removed, zdd added,
    # zee only changes the spelling of its compiler (G6 'gcc@=13.2.0' to G7 'gcc@13.2.0').
    $script:Tree = Join-Path $TestDrive 'site'
    New-TestPage -Root $Tree -Tag 'v1.0.0' -Package 'zlib' -Specs @(
        New-TestSpec -Hash (New-TestHash 'zaa') -Version '1.3' -Stacks e4s, root
        New-TestSpec -Hash (New-TestHash 'zbb') -Version '1.3' -OS rhel8 -Stacks root, tutorial
        New-TestSpec -Hash (New-TestHash 'zcc') -Version '1.2.13' -Stacks root
        New-TestSpec -Hash (New-TestHash 'zee') -Version '1.3' -Compiler 'gcc@=13.2.0'
    ) | Out-Null
    New-TestPage -Root $Tree -Tag 'v1.1.0' -Package 'zlib' -Specs @(
        New-TestSpec -Hash (New-TestHash 'zaa') -Version '1.3' -Stacks e4s, root
        New-TestSpec -Hash (New-TestHash 'zbb') -Version '1.3' -OS rhel9 -Stacks e4s, root
        New-TestSpec -Hash (New-TestHash 'zdd') -Version '1.3.1' -Stacks root
        New-TestSpec -Hash (New-TestHash 'zee') -Version '1.3' -Compiler 'gcc@13.2.0'
    ) | Out-Null
    New-TestPage -Root $Tree -Tag 'v1.1.0' -Package 'cmake' -Specs @(
        New-TestSpec -Hash (New-TestHash 'caa') -Version '3.30.5'
    ) | Out-Null
    $script:Old = Get-CacheSpec -Path $Tree -Tag v1.0.0
    $script:New = Get-CacheSpec -Path $Tree -Tag v1.1.0
}

Describe 'Compare-CacheSpec on two real tags' -Skip:$NoCorpus {
    BeforeAll {
        # Both cmake pages' hashes, read from their JSON lines without CacheMeta.
        function script:Hashes($tag) {
            $page = Join-Path $Corpus "real/$tag/cmake/specs.md"
            ((Get-Content -LiteralPath $page | Where-Object { $_ -like 'spec_details: *' }).Substring(14) | ConvertFrom-Json).hash
        }
        $script:OlderHashes = Hashes 'develop-2025-03-23'
        $script:NewerHashes = Hashes 'develop-2025-03-30'
        $script:Older = Get-CacheSpec -Path (Join-Path $Corpus 'real') -Tag develop-2025-03-23 -Name cmake
        $script:Newer = Get-CacheSpec -Path (Join-Path $Corpus 'real') -Tag develop-2025-03-30 -Name cmake
    }

    It 'finds exactly the hashes only one side has' {
        $removed = @($OlderHashes | Where-Object { $_ -notin $NewerHashes })
        $added = @($NewerHashes | Where-Object { $_ -notin $OlderHashes })
        $removed.Count | Should -Be 32
        $added.Count | Should -Be 38

        $differences = Compare-CacheSpec $Older $Newer
        $differences | Should -BeOfType CacheMeta.CacheSpecDifference
        @($differences | Where-Object Change -eq Removed).Hash | Sort-Object | Should -Be ($removed | Sort-Object)
        @($differences | Where-Object Change -eq Added).Hash | Sort-Object | Should -Be ($added | Sort-Object)
        @($differences | Where-Object Change -eq Changed).Count | Should -Be @($OlderHashes | Where-Object { $_ -in $NewerHashes }).Count
        ($differences | Where-Object Change -eq Added | Select-Object -First 1).DifferenceSpec.Tag | Should -Be 'develop-2025-03-30'
    }

    It 'summarises the week as one row for cmake' {
        $row = Compare-CacheSpec -ReferenceSpec $Older -DifferenceSpec $Newer -Summary
        $row | Should -BeOfType CacheMeta.CacheSpecDifferenceSummary
        $row.Package | Should -Be 'cmake'
        $row.Added | Should -Be 38
        $row.Removed | Should -Be 32
        $row.Changed | Should -Be 0
    }
}

Describe 'Compare-CacheSpec on fixtures' {
    It 'reports Added, Removed and Changed by hash, ordered by package and version' {
        $differences = Compare-CacheSpec $Old $New
        ($differences | ForEach-Object { '{0} {1}@{2} {3}' -f $_.Change, $_.Package, $_.Version, $_.Hash.Substring(0, 3) }) |
            Should -Be 'Added cmake@3.30.5 caa', 'Removed zlib@1.2.13 zcc', 'Changed zlib@1.3 zbb', 'Added zlib@1.3.1 zdd'
    }

    It 'names the properties that changed and how' {
        $changed = Compare-CacheSpec $Old $New | Where-Object Change -eq Changed
        $changed.ChangedProperties | Should -Be 'OS', 'Stacks'
        $changed.Details | Should -Be 'OS: rhel8 -> rhel9; Stacks: +e4s -tutorial'
        $changed.ReferenceSpec.OS | Should -Be 'rhel8'
        $changed.DifferenceSpec.OS | Should -Be 'rhel9'
    }

    It 'writes equal specs with -IncludeEqual, as Compare-Object does' {
        $equal = Compare-CacheSpec $Old $New -IncludeEqual | Where-Object Change -eq Equal
        $equal.Hash | ForEach-Object { $_.Substring(0, 3) } | Sort-Object | Should -Be 'zaa', 'zee'
    }

    It 'counts only the properties named by -Property' {
        (Compare-CacheSpec $Old $New -Property OS | Where-Object Change -eq Changed).Details | Should -Be 'OS: rhel8 -> rhel9'
        Compare-CacheSpec $Old $New -Property Compiler | Where-Object Change -eq Changed | Should -BeNullOrEmpty
    }

    It 'summarises per package, counting equal specs with -IncludeEqual' {
        $rows = Compare-CacheSpec $Old $New -Summary -IncludeEqual
        ($rows | ForEach-Object { '{0} +{1} -{2} ~{3} ={4}' -f $_.Package, $_.Added, $_.Removed, $_.Changed, $_.Equal }) |
            Should -Be 'cmake +1 -0 ~0 =0', 'zlib +1 -1 ~1 =2'
    }

    It 'takes the difference specs from the pipeline' {
        $differences = Get-CacheSpec -Path $Tree -Tag v1.1.0 | Compare-CacheSpec -ReferenceSpec $Old
        @($differences).Count | Should -Be 4
    }

    It 'compares with an empty side: everything is added' {
        (Compare-CacheSpec @() $New).Change | Sort-Object -Unique | Should -Be 'Added'
        @(Compare-CacheSpec @() $New).Count | Should -Be 5
    }

    It 'warns when one side lists a hash twice and compares it once' {
        $both = Get-CacheSpec -Path $Tree -Name zlib
        $differences = Compare-CacheSpec $both $New -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '3 specs of -ReferenceSpec repeat a hash*'
        ($differences | Where-Object Change -eq Removed).Hash | ForEach-Object { $_.Substring(0, 3) } | Should -Be 'zcc'
    }

    It 'shows readable tables at 120 columns' {
        $PSStyle.OutputRendering = 'PlainText'
        $table = Compare-CacheSpec $Old $New | Out-String -Width 120
        $table | Should -Match '(?m)^Change\s+Package\s+Version\s+ShortHash\s+Details'
        $table | Should -Match 'Changed\s+zlib\s+1\.3\s+zbbabcd\s+OS: rhel8 -> rhel9; Stacks: \+e4s -tutorial'
        $table | Should -Match 'Removed\s+zlib\s+1\.2\.13\s+zccabcd\s+gcc@=13\.2\.0 linux-ubuntu22\.04-x86_64_v3'
        $summary = Compare-CacheSpec $Old $New -Summary | Out-String -Width 120
        $summary | Should -Match '(?m)^Package\s+Added\s+Removed\s+Changed\s+Equal'
        $summary | Should -Match 'zlib\s+1\s+1\s+1\s+0'
    }

    It 'has table and list views and declares both output types' {
        foreach ($type in 'CacheMeta.CacheSpecDifference', 'CacheMeta.CacheSpecDifferenceSummary') {
            $controls = (Get-FormatData -TypeName $type).FormatViewDefinition | ForEach-Object { $_.Control.GetType().Name }
            $controls | Should -Contain 'TableControl'
            $controls | Should -Contain 'ListControl'
        }
        (Get-Command Compare-CacheSpec).OutputType.Name | Sort-Object |
            Should -Be 'CacheMeta.CacheSpecDifference', 'CacheMeta.CacheSpecDifferenceSummary'
    }
}
