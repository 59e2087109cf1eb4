BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    # The bad-input table of issue 8 for pages: how the file is damaged, and what the user must see.
    # Line and Column are $null where the fault has no position (the file as a whole).
    $script:PageCases = @(
        @{ Case = 'truncated mid-line'; Id = 'InvalidCachePage'; Category = 'InvalidData'; Line = 6; Column = 1; Text = { param($good) $good.Substring(0, $good.Length - 200) } }
        @{ Case = 'no closing ---'; Id = 'InvalidCachePage'; Category = 'InvalidData'; Line = 7; Column = 1; Text = { param($good) $good.Substring(0, $good.Length - 3) } }
        @{ Case = 'empty file'; Id = 'InvalidCachePage'; Category = 'InvalidData'; Line = 1; Column = 1; Text = { param($good) '' } }
        @{ Case = 'empty front matter'; Id = 'InvalidCachePage'; Category = 'InvalidData'; Line = 2; Column = 1; Text = { param($good) "---`n---" } }
        @{ Case = 'invalid JSON in meta'; Id = 'InvalidCachePage'; Category = 'InvalidData'; Line = 5; Column = $null; Text = { param($good) $good.Replace('"num_specs": 2,', '"num_specs": 2') } }
        @{ Case = 'invalid JSON in spec_details'; Id = 'InvalidCachePage'; Category = 'InvalidData'; Line = 6; Column = $null; Text = { param($good) $good.Replace('"size": "-"', '"size": "-",,') } }
        @{ Case = 'num_specs as a string'; Id = 'InvalidCachePage'; Category = 'InvalidData'; Line = 5; Column = $null; Text = { param($good) $good.Replace('"num_specs": 2', '"num_specs": "61"') } }
        @{ Case = 'stacks as a string'; Id = 'InvalidCachePage'; Category = 'InvalidData'; Line = 6; Column = $null; Text = { param($good) $good.Replace('"stacks": ["e4s", "root"], "target"', '"stacks": "e4s", "target"') } }
        @{ Case = 'null hash'; Id = 'InvalidCachePage'; Category = 'InvalidData'; Line = 6; Column = $null; Text = { param($good) $good -replace '"hash": "[a-z2-7]{32}"', '"hash": null' } }
        @{ Case = 'missing title'; Id = 'InvalidCachePage'; Category = 'InvalidData'; Line = 2; Column = 1; Text = { param($good) $good.Replace("title: `"bad`"`n", '') } }
        @{ Case = 'duplicate key'; Id = 'InvalidCachePage'; Category = 'InvalidData'; Line = 4; Column = 1; Text = { param($good) $good.Replace("layout: cache`n", "layout: cache`nlayout: page`n") } }
        @{ Case = 'invalid UTF-8'; Id = 'InvalidCachePage'; Category = 'InvalidData'; Line = 6; Column = $null; Bytes = $true; Text = { param($good) $good.Replace('"os": "ubuntu22.04"', '"os": "ubuntu' + [char]0xFFFF + '22.04"') } }
        @{ Case = 'NUL byte'; Id = 'InvalidCachePage'; Category = 'InvalidData'; Line = 6; Column = $null; Text = { param($good) $good.Replace('"os": "ubuntu22.04"', "`"os`": `"ubuntu`0" + '22.04"') } }
        @{ Case = 'multi-megabyte value'; Id = 'InvalidCachePage'; Category = 'LimitsExceeded'; Line = 6; Column = $null; Text = { param($good) $good.Replace('"os": "ubuntu22.04"', '"os": "' + ('x' * 3MB) + '"') } }
        @{ Case = 'nesting thousands deep'; Id = 'InvalidCachePage'; Category = 'LimitsExceeded'; Line = 3; Column = $null; Text = { param($good) "---`ntitle: bad`nspec_details: " + ('[' * 5000) + (']' * 5000) + "`n---" } }
        @{ Case = 'YAML alias bomb'; Id = 'InvalidCachePage'; Category = 'LimitsExceeded'; Line = 4; Column = $null; Text = { param($good) "---`ntitle: bad`nr: &r {hash: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}`nspec_details: [" + ((1..300 | ForEach-Object { '*r' }) -join ', ') + "]`n---" } }
        @{ Case = 'YAML tag !!python/object'; Id = 'InvalidCachePage'; Category = 'InvalidData'; Line = 2; Column = 8; Text = { param($good) $good.Replace('title: "bad"', 'title: !!python/object:os.system "bad"') } }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'IndexFixtures.ps1')
    Import-Module $ModuleManifest -Force

    function New-MixedSite {
        # Two good pages around one bad page; returns the site folder and the bad page's path.
        param([string] $Name, [string] $Text, [switch] $Bytes)
        $site = Join-Path $TestDrive $Name
        New-TestPage -Root $site -Package 'aaa' -Specs @(
            New-TestSpec -Hash (New-TestHash 'a1') -Stacks e4s, root
            New-TestSpec -Hash (New-TestHash 'a2')
        ) | Out-Null
        New-TestPage -Root $site -Package 'ccc' -Specs @(New-TestSpec -Hash (New-TestHash 'c1')) | Out-Null
        $folder = Join-Path $site '_cache/develop/bad'
        $null = New-Item -ItemType Directory -Path $folder -Force
        $path = Join-Path $folder 'specs.md'
        # [char]0xFFFF stands for a byte sequence that is not UTF-8: written as 0xFF.
        $content = [Text.UTF8Encoding]::new($false).GetBytes($Text.Replace([string][char]0xFFFF, [string][char]0xE000))
        if ($Bytes) {
            $marker = [Text.UTF8Encoding]::new($false).GetBytes([string][char]0xE000)
            $list = [Collections.Generic.List[byte]]::new($content)
            for ($i = 0; $i -le $list.Count - 3; $i++) {
                if ($list[$i] -eq $marker[0] -and $list[$i + 1] -eq $marker[1] -and $list[$i + 2] -eq $marker[2]) { $list.RemoveRange($i, 3); $list.Insert($i, 0xFF); break }
            }
            $content = $list.ToArray()
        }
        [IO.File]::WriteAllBytes($path, $content)
        [pscustomobject]@{ Site = $site; Bad = $path }
    }

    $script:GoodText = ConvertTo-TestPageText -Package 'bad' -Tag 'develop' -Specs @(
        New-TestSpec -Hash (New-TestHash 'b1') -Stacks e4s, root
        New-TestSpec -Hash (New-TestHash 'b2') -Stacks e4s, root
    ) | ForEach-Object { $_.Replace('":', '": ').Replace('","', '", "').Replace(',"', ', "') }
}

Describe 'Bad pages: a specific error with its position, and every good page read' {
    It '<Case>' -ForEach $PageCases {
        $mixed = New-MixedSite -Name ($Case -replace '\W', '-') -Text (& $Text $GoodText) -Bytes:([bool]$Bytes)
        $specs = Get-CacheSpec -Path $mixed.Site -ErrorVariable problems -ErrorAction SilentlyContinue

        $specs.Package | Should -Be 'aaa', 'aaa', 'ccc'
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be "$Id,CacheMeta.Commands.GetCacheSpecCommand"
        $problems[0].CategoryInfo.Category | Should -Be $Category
        $problems[0].TargetObject | Should -Be $mixed.Bad
        $position = if ($null -eq $Line) { '' } elseif ($null -eq $Column) { ", line $Line, column \d+" } else { ", line $Line, column $Column" }
        $problems[0].Exception.Message | Should -Match ("^'" + [regex]::Escape($mixed.Bad) + "'" + $position + ': ')
    }

    It 'a 100 MB single line is refused from its size, without being read' {
        $mixed = New-MixedSite -Name 'huge' -Text $GoodText
        $file = [IO.File]::Open($mixed.Bad, 'Open', 'ReadWrite')
        try { $file.SetLength(100MB) } finally { $file.Dispose() } # sparse: nothing is written to disk
        $specs = Get-CacheSpec -Path $mixed.Site -ErrorVariable problems -ErrorAction SilentlyContinue
        $specs.Package | Should -Be 'aaa', 'aaa', 'ccc'
        $problems[0].FullyQualifiedErrorId | Should -Be 'CachePageTooLarge,CacheMeta.Commands.GetCacheSpecCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $problems[0].Exception.Message | Should -BeLike '*104,857,600 bytes, over the 33,554,432-byte limit*'
        (Get-CacheSpec -Path $mixed.Site -MaxPageBytes 200MB -ErrorVariable again -ErrorAction SilentlyContinue).Count | Should -Be 3
        $again[0].FullyQualifiedErrorId | Should -Be 'InvalidCachePage,CacheMeta.Commands.GetCacheSpecCommand'
    }

    It 'CRLF, a byte order mark and mixed line ends are not faults' {
        $text = "`u{FEFF}" + $GoodText.Replace("`n", "`r`n").Replace("layout: cache`r`n", "layout: cache`n")
        $mixed = New-MixedSite -Name 'line-ends' -Text $text
        $specs = Get-CacheSpec -Path $mixed.Site -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        $specs.Package | Should -Be 'aaa', 'aaa', 'bad', 'bad', 'ccc'
    }
}

Describe 'Bad indexes, manifests, catalogs and tag lists' {
    BeforeAll {
        $script:Good = New-TestIndexNode -Name 'zlib' -Version '1.3.1' -Compiler @{ Name = 'gcc'; Version = '13.2.0' }
        function Write-Mirror([string] $Name, [string] $Json) {
            $root = Join-Path $TestDrive $Name
            Write-TestV2Mirror -Root $root -IndexJson $Json
            $root
        }
    }

    It 'an unknown newer database version is UnsupportedIndexVersion, naming the version' {
        $mirror = Write-Mirror 'newer' (ConvertTo-TestIndex -DatabaseVersion '42' -Records @(@{ Hash = (New-TestHash 'z'); Node = $Good; InBuildcache = $true }))
        Get-CacheSpec -Mirror $mirror -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -Be 'UnsupportedIndexVersion,CacheMeta.Commands.GetCacheSpecCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'NotImplemented'
        $problems[0].Exception.Message | Should -Match 'database version 42, newer than'
        $problems[0].TargetObject | Should -BeLike "$mirror*"
    }

    It 'a malformed record is skipped with a warning naming its hash, and the others are read' {
        $broken = New-TestIndexNode -Name 'broken' -Version '1.0'
        $broken.name = 42
        $json = ConvertTo-TestIndex -DatabaseVersion '7' -Records @(
            @{ Hash = (New-TestHash 'good'); Node = $Good; InBuildcache = $true }
            @{ Hash = (New-TestHash 'bad'); Node = $broken; InBuildcache = $true }
        )
        $specs = Get-CacheSpec -Mirror (Write-Mirror 'malformed' $json) -WarningVariable warnings -WarningAction SilentlyContinue
        $specs.Hash | Should -Be (New-TestHash 'good')
        $warnings.Message | Should -Match (New-TestHash 'bad')
    }

    It 'dependency hashes missing from the index still give every spec, compiler none where it cannot be found' {
        $node = New-TestIndexNode -Name 'cmake' -Version '3.30.5' -Dependencies @(New-TestEdge -Name 'gcc' -Hash (New-TestHash 'nowhere') -Virtuals c, cxx)
        $json = ConvertTo-TestIndex -DatabaseVersion '8' -Records @(@{ Hash = (New-TestHash 'cm'); Node = $node; InBuildcache = $true })
        $spec = Get-CacheSpec -Mirror (Write-Mirror 'dangling' $json) -ErrorVariable problems -WarningAction SilentlyContinue
        $problems | Should -BeNullOrEmpty
        $spec.Package | Should -Be 'cmake'
        $spec.Compiler | Should -Be 'none'
    }

    It 'a manifest naming a missing blob, and a blob that fails its checksum, are specific errors' {
        $root = Join-Path $TestDrive 'v3'
        Write-TestV3Mirror -Root $root -IndexJson (ConvertTo-TestIndex -DatabaseVersion '8' -Records @(@{ Hash = (New-TestHash 'z'); Node = $Good; InBuildcache = $true }))
        $blob = Get-ChildItem -Path (Join-Path $root 'blobs') -Recurse -File | Select-Object -First 1
        [IO.File]::WriteAllBytes($blob.FullName, [byte[]](1, 2, 3))
        Get-CacheSpec -Mirror $root -ErrorVariable corrupt -ErrorAction SilentlyContinue
        $corrupt[0].FullyQualifiedErrorId | Should -Be 'IndexChecksumMismatch,CacheMeta.Commands.GetCacheSpecCommand'
        $corrupt[0].CategoryInfo.Category | Should -Be 'InvalidData'

        Remove-Item -LiteralPath $blob.FullName
        Get-CacheSpec -Mirror $root -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].FullyQualifiedErrorId | Should -BeIn 'IndexNotFound,CacheMeta.Commands.GetCacheSpecCommand', 'PathNotFound,CacheMeta.Commands.GetCacheSpecCommand'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $missing[0].TargetObject | Should -Not -BeNullOrEmpty
    }

    It 'a malformed catalog is InvalidCatalog with its line' {
        $catalog = Join-Path $TestDrive 'bad-catalog.json'
        Set-Content -LiteralPath $catalog -Value "{`n  `"develop`": [`n    {`"label`": `"root`" `"url`": `"x`"}`n  ]`n}"
        Get-CacheSpec -Catalog $catalog -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -Be 'InvalidCatalog,CacheMeta.Commands.GetCacheSpecCommand'
        $problems[0].Exception.Message | Should -Match ", line 3"
    }

    It 'a malformed tags.yaml is InvalidTagList with its line and column' {
        $tags = Join-Path $TestDrive 'tags.yaml'
        Set-Content -LiteralPath $tags -Value "- name: develop`n  stacks:`n  - e4s`n  - [root"
        Get-CacheTag -Path $tags -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTagList,*'
        $problems[0].Exception.Message | Should -Match ', line \d+, column \d+: '
    }
}

Describe 'Writing safely' {
    It 'a stop in the middle of an export leaves every page whole, old or new, and no temporary file' {
        # 1,500 one-spec pages, exported once; then exported again with other versions and stopped midway.
        $destination = Join-Path $TestDrive 'stopped-site'
        function New-Specs([string] $Version) {
            foreach ($i in 1..1500) {
                [CacheMeta.CacheSpec]::new(('pkg{0:d4}' -f $i), 'develop', (New-TestHash ('s{0:d4}' -f $i)), [string[]]@($Version), 'gcc@13.2.0',
                    'ubuntu22.04', 'linux', 'x86_64_v3', [string[]]@('+shared'), [string[]]@('e4s', 'root'), $null, $null, $null)
            }
        }
        New-Specs '1.0' | Export-CachePage -Destination $destination
        $newer = @(New-Specs '2.0')

        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $ModuleManifest).Invoke()
            $ps.Commands.Clear()
            $null = $ps.AddCommand('Export-CachePage').AddParameter('Destination', $destination).AddParameter('Force')
            $pending = [Management.Automation.PSDataCollection[object]]::new()
            foreach ($spec in $newer) { $pending.Add($spec) }
            $pending.Complete()
            $handle = $ps.BeginInvoke($pending)
            # Stop once some pages of the second export are on disk.
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            $first = Join-Path $destination '_cache/develop/pkg0001/specs.md'
            while (-not ([IO.File]::ReadAllText($first).Contains('"2.0"')) -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 5
            }
            $ps.Stop()
            try { $null = $ps.EndInvoke($handle) } catch { }
        }
        finally { $ps.Dispose() }

        $pages = Get-ChildItem -Path (Join-Path $destination '_cache') -Recurse -File
        $pages.Name | Sort-Object -Unique | Should -Be 'specs.md' # no temporary file left behind
        $versions = Get-CacheSpec -Path $destination | Group-Object { $_.Version.Text } -NoElement
        ($versions | Measure-Object -Property Count -Sum).Sum | Should -Be 1500 # every page still reads whole
        ($versions | Where-Object Name -eq '2.0').Count | Should -BeGreaterThan 0
        ($versions | Where-Object Name -eq '1.0').Count | Should -BeGreaterThan 0 # it did stop midway
    }

    It 'two processes filling the same download cache at once both read it whole and leave valid files' {
        $root = Join-Path $TestDrive 'served'
        $nodes = foreach ($i in 1..400) {
            @{ Hash = (New-TestHash ('p{0:d3}' -f $i)); Node = (New-TestIndexNode -Name ('pkg{0:d3}' -f $i) -Version '1.0' -Compiler @{ Name = 'gcc'; Version = '13.2.0' }); InBuildcache = $true }
        }
        Write-TestV2Mirror -Root (Join-Path $root 'mirror') -IndexJson (ConvertTo-TestIndex -DatabaseVersion '7' -Records $nodes)
        $server = Start-TestHttpServer -Root $root
        try {
            $cache = Join-Path $TestDrive 'shared-cache'
            $script = "Import-Module '$ModuleManifest'; (Get-CacheSpec -Mirror '$($server.Url)mirror').Count"
            $exe = [Environment]::ProcessPath
            $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -ne 'pwsh') { Join-Path $PSHOME 'pwsh.dll' })
            $saved = $env:CACHEMETA_CACHE_DIR
            $env:CACHEMETA_CACHE_DIR = $cache
            try {
                $runs = foreach ($n in 1, 2) {
                    $out = Join-Path $TestDrive "session$n.txt"
                    $arguments = @($prefix) + @('-NoProfile', '-NonInteractive', '-Command', $script)
                    [pscustomobject]@{ Out = $out; Process = Start-Process -FilePath $exe -ArgumentList $arguments -RedirectStandardOutput $out -PassThru -NoNewWindow }
                }
                $runs.Process | Wait-Process -Timeout 120
            }
            finally { $env:CACHEMETA_CACHE_DIR = $saved }

            foreach ($run in $runs) { (Get-Content -LiteralPath $run.Out | Select-Object -Last 1) | Should -Be '400' }
            $files = Get-ChildItem -LiteralPath $cache -Recurse -File
            $files.Name | Where-Object { $_ -like '*.tmp' } | Should -BeNullOrEmpty
            foreach ($blob in $files | Where-Object { $_.DirectoryName -like '*blobs*' }) {
                (Get-FileHash -LiteralPath $blob.FullName -Algorithm SHA256).Hash.ToLowerInvariant() | Should -Be $blob.Name
            }
        }
        finally { Stop-TestHttpServer $server }
    }
}
