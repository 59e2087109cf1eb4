BeforeDiscovery {
    # Discovery needs the same facts as the run (which tests are skipped, which files to read).
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:TagList = if ($Corpus) { Join-Path $Corpus 'data/tags.yaml' }
}

Describe 'Get-CacheTag on the site tag list' -Skip:$NoCorpus {
    BeforeAll {
        # The list read as text, without a YAML reader: each tag is a '- name:' line followed by its '  - stack' lines.
        $script:Expected = [ordered]@{}
        $current = $null
        foreach ($line in Get-Content -LiteralPath $TagList) {
            if ($line -match '^- name: (.+)$') { $current = $Matches[1]; $Expected[$current] = @() }
            elseif ($line -match '^  - (.+)$') { $Expected[$current] += $Matches[1] }
        }
        $script:Tags = Get-CacheTag -Path $TagList
    }

    It 'lists 45 CacheMeta.CacheTag objects' {
        $Expected.Count | Should -Be 45
        $Tags.Count | Should -Be 45
        $Tags | Should -BeOfType CacheMeta.CacheTag
        $Tags.Name | Sort-Object | Should -Be ($Expected.Keys | Sort-Object)
    }

    It 'carries each tag''s stacks, in code-point order as the file has them' {
        foreach ($tag in $Tags) {
            $tag.Stacks | Should -Be $Expected[$tag.Name] -Because $tag.Name
        }
    }

    It 'sorts as the site does: develop, releases newest first, snapshots newest first' {
        $releases = @($Expected.Keys | Where-Object { $_ -like 'v*' } | Sort-Object { [version]$_.Substring(1) } -Descending)
        $snapshots = @($Expected.Keys | Where-Object { $_ -like 'develop-*' } | Sort-Object -Descending)
        $releases.Count | Should -Be 9
        $snapshots.Count | Should -Be 35
        $Tags.Name | Should -Be (@('develop') + $releases + $snapshots)
    }

    It 'types kinds, dates and versions' {
        $Tags[0].Kind | Should -Be 'Develop'
        $release = $Tags | Where-Object Name -eq 'v0.20.3'
        $release.Kind | Should -Be 'Release'
        $release.Version | Should -BeOfType CacheMeta.SpackVersion
        "$($release.Version)" | Should -Be '0.20.3'
        $release.Date | Should -BeNullOrEmpty
        $snapshot = $Tags | Where-Object Name -eq 'develop-2024-03-17'
        $snapshot.Kind | Should -Be 'Snapshot'
        $snapshot.Date | Should -Be ([datetime]'2024-03-17')
    }

    It 'filters by -Name and -Kind' {
        (Get-CacheTag -Path $TagList -Name 'v0.20.*').Name | Should -Be 'v0.20.3', 'v0.20.2', 'v0.20.1', 'v0.20.0'
        (Get-CacheTag -Path $TagList -Kind Snapshot -Name 'develop-2024-*').Count | Should -Be 11
        (Get-CacheTag 'develop*' -Path $TagList -Kind Develop).Name | Should -Be 'develop'
    }

    It 'binds Get-ChildItem output' {
        (Get-Item -LiteralPath $TagList | Get-CacheTag).Count | Should -Be 45
    }
}

Describe 'Get-CacheTag on page trees' {
    It 'finds each tag and the stacks of its pages' {
        $tags = Get-CacheTag -Path $SamplesRoot
        $tags.Name | Should -Be 'develop', 'v0.23.1'
        [string[]] $expected = (Get-CachePackage -Path $SamplesRoot -Tag develop).Stacks | Select-Object -Unique
        [Array]::Sort($expected, [StringComparer]::Ordinal)
        $tags[0].Stacks | Should -Be $expected
        $tags[0].Source | Should -Be $SamplesRoot
    }

    It 'reads the real pages of every generation' -Skip:$NoCorpus {
        $tags = Get-CacheTag -Path $Corpus -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        $tags.Name | Should -Be 'develop', 'v0.23.0', 'v0.22.5', 'v0.22.2', 'v0.21.2', 'v0.20.0', 'develop-2025-03-30', 'develop-2025-03-23', 'develop-2024-03-17'
        ($tags | Where-Object Name -eq 'develop-2025-03-23').Stacks | Should -Contain 'ml-linux-x86_64-rocm'
    }

    It 'reads only the tag folders -Name asks for' {
        $tree = Join-Path $TestDrive 'named'
        New-TestPage -Root $tree -Tag 'v1.0.0' -Package 'aaa' -Specs @(New-TestSpec -Hash (New-TestHash 'a1') -Stacks e4s, root) | Out-Null
        $bad = Join-Path $tree '_cache/develop/bbb'
        $null = New-Item -ItemType Directory -Path $bad -Force
        Set-Content -LiteralPath (Join-Path $bad 'specs.md') -Value 'not a page'
        $tag = Get-CacheTag v1.* -Path $tree -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        $tag.Name | Should -Be 'v1.0.0'
        $tag.Stacks | Should -Be 'e4s', 'root'
    }
}

Describe 'Get-CacheTag on a catalog' {
    BeforeAll {
        $script:CatalogFile = Join-Path $TestDrive 'catalog.json'
        Set-Content -LiteralPath $CatalogFile -Value (@{
                'develop-2025-07-13' = @(@{ label = 'root'; url = 's3://bucket/develop-2025-07-13/' })
                'v0.23.1'            = @(@{ label = 'root'; url = 's3://bucket/v0.23.1/' }, @{ label = 'e4s'; url = 's3://bucket/v0.23.1/e4s/' })
                'develop'            = @(@{ label = 'root'; url = 's3://bucket/develop/' }, @{ label = 'ml-linux-x86_64-cuda'; url = 's3://bucket/develop/ml/' })
                'v0.22.5'            = @(@{ label = 'root'; url = 's3://bucket/v0.22.5/' })
            } | ConvertTo-Json -Depth 4)
    }

    It 'takes each tag''s labels as its stacks, root included' {
        $tags = Get-CacheTag -Catalog $CatalogFile
        $tags.Name | Should -Be 'develop', 'v0.23.1', 'v0.22.5', 'develop-2025-07-13'
        $tags[0].Stacks | Should -Be 'ml-linux-x86_64-cuda', 'root'
        $tags[1].Stacks | Should -Be 'e4s', 'root'
        $tags[3].Date | Should -Be ([datetime]'2025-07-13')
    }

    It 'reports a malformed catalog as InvalidCatalog and goes on' {
        $bad = Join-Path $TestDrive 'bad.json'
        Set-Content -LiteralPath $bad -Value '{"develop": {"label": "root"}}'
        $tags = Get-CacheTag -Catalog $bad, $CatalogFile -ErrorVariable problems -ErrorAction SilentlyContinue
        $tags.Count | Should -Be 4
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'InvalidCatalog,CacheMeta.Commands.GetCacheTagCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $problems[0].TargetObject | Should -Be $bad
    }
}

Describe 'Get-CacheTag errors and views' {
    It 'reports a malformed tag list as InvalidTagList with line and column' {
        $bad = Join-Path $TestDrive 'tags.yaml'
        Set-Content -LiteralPath $bad -Value "- name: develop`n  stacks: e4s"
        Get-CacheTag -Path $bad -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -Be 'InvalidTagList,CacheMeta.Commands.GetCacheTagCommand'
        $problems[0].Exception.Message | Should -BeLike "'$bad', line 2, column 11: A tag's 'stacks' must be a list of names*"
    }

    It 'reports a missing path as PathNotFound' {
        Get-CacheTag -Path (Join-Path $TestDrive 'nowhere.yaml') -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,CacheMeta.Commands.GetCacheTagCommand'
    }

    It 'shows a readable table and has a list view' {
        $PSStyle.OutputRendering = 'PlainText'
        $table = Get-CacheTag -Path $SamplesRoot | Out-String -Width 120
        $table | Should -Match '(?m)^Name\s+Kind\s+Date\s+Version\s+Stacks'
        $table | Should -Match 'v0\.23\.1\s+Release\s+0\.23\.1\s+e4s,e4s-neoverse-v2,'
        $controls = (Get-FormatData -TypeName CacheMeta.CacheTag).FormatViewDefinition | ForEach-Object { $_.Control.GetType().Name }
        $controls | Should -Contain 'TableControl'
        $controls | Should -Contain 'ListControl'
        (Get-Command Get-CacheTag).OutputType.Name | Should -Be 'CacheMeta.CacheTag'
    }
}
