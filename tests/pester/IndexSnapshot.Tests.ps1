BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'IndexFixtures.ps1')
    Import-Module $ModuleManifest -Force
    $script:Site = Join-Path $TestDrive 'served'
    $script:H = New-TestCacheTree -Root $Site
    $script:Server = Start-TestHttpServer -Root $Site
    $script:Mirror = $Server.Url + 'develop'
    $script:SavedCacheDir = $env:CACHEMETA_CACHE_DIR
    $env:CACHEMETA_CACHE_DIR = Join-Path $TestDrive 'cache'
    # Every property of a spec, dependencies with their whole hashes: what "the same objects" means here.
    function script:Format-Whole {
        process {
            $spec = $_
            ($spec.PSObject.Properties.Name | Sort-Object | ForEach-Object {
                    $value = $spec.$_
                    if ($_ -eq 'Dependencies') { $value = ($value | ForEach-Object { "$($_.Name)/$($_.Hash)[$($_.Types)]$($_.Virtuals -join ',')" }) -join ';' }
                    "$_=$value"
                }) -join ' | '
        }
    }
    function script:Get-SnapshotFile { @(Get-ChildItem -LiteralPath (Join-Path $env:CACHEMETA_CACHE_DIR 'snapshots') -Recurse -Filter *.snapshot -ErrorAction Ignore) }
}

AfterAll {
    Stop-TestHttpServer $Server
    $env:CACHEMETA_CACHE_DIR = $SavedCacheDir
}

Describe 'The snapshot of a cached index' {
    # v2 mirrors here: a revalidated v3 index names its manifest as Source where the first download named the blob (the
    # fetcher's doing, snapshot or not), so the v3 mirror is compared in one state below (the corrupted snapshot).
    It 'gives the same objects the first time and the second from <Path>, the second from the snapshot it left' -ForEach @(
        @{ Path = 'v0.23.1'; Count = 2 }
        @{ Path = 'develop/e4s'; Count = 1 }
    ) {
        $before = (Get-SnapshotFile).Count
        $first = @(Get-CacheSpec -Mirror ($Server.Url + $Path) -WarningAction SilentlyContinue)
        $snapshots = Get-SnapshotFile
        $snapshots.Count | Should -Be ($before + 1)
        $snapshots | ForEach-Object { $_.Directory.Parent.Name | Should -Be 'snapshots' }

        $second = @(Get-CacheSpec -Mirror ($Server.Url + $Path) -Verbose -WarningAction SilentlyContinue 4>&1)
        $verbose = @($second | Where-Object { $_ -is [Management.Automation.VerboseRecord] })
        $specs = @($second | Where-Object { $_ -is [CacheMeta.CacheSpec] })
        $specs.Count | Should -Be $Count
        @($specs | Format-Whole) | Should -Be @($first | Format-Whole)
        ($verbose.Message -join "`n") | Should -Match 'from its snapshot .*[\\/]snapshots[\\/].*\.snapshot'
        (Get-SnapshotFile).Count | Should -Be ($before + 1)
    }

    It 'reads the v3 mirror''s snapshot after its first read' {
        $null = Get-CacheSpec -Mirror $Mirror -WarningAction SilentlyContinue
        $specs = @(Get-CacheSpec -Mirror $Mirror -WarningAction SilentlyContinue)
        $specs.Hash | Should -Be $H.zlibng, $H.cmake, $H.aida
        (Get-SnapshotFile).Count | Should -Be 3
    }

    It 'gives the same warnings from the snapshot' {
        $null = Get-CacheSpec -Mirror $Mirror -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike "Skipped the index record '$($H.broken)'*'parameters'*"
    }

    It 'answers -Name <Name> from the snapshot as from the index' -ForEach @(
        @{ Name = 'zlib*'; Expected = , 'zlib-ng' }
        @{ Name = 'no-such-package'; Expected = @() }
        @{ Name = 'cmake', 'aida'; Expected = 'cmake', 'aida' }
    ) {
        @((Get-CacheSpec -Mirror $Mirror -Name $Name).Package) | Should -Be $Expected
    }

    It 'replaces a corrupted snapshot and gives the same objects' {
        $expected = @(Get-CacheSpec -Mirror $Mirror -WarningAction SilentlyContinue | Format-Whole)
        $file = (Get-SnapshotFile | Sort-Object LastWriteTime)[-1].FullName
        $good = [IO.File]::ReadAllBytes($file)
        $bad = $good.Clone()
        $bad[$bad.Length - 3] = $bad[$bad.Length - 3] -bxor 0x21
        [IO.File]::WriteAllBytes($file, $bad)

        $output = @(Get-CacheSpec -Mirror $Mirror -Verbose -WarningAction SilentlyContinue 4>&1)
        @($output | Where-Object { $_ -is [CacheMeta.CacheSpec] } | Format-Whole) | Should -Be $expected
        (@($output | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message -join "`n") | Should -Match 'Ignoring the index snapshot .*checksum does not match'
        [IO.File]::ReadAllBytes($file) | Should -Be $good
    }

    It 'is read with -Offline, which still asks the network nothing' {
        $online = @(Get-CacheSpec -Mirror $Mirror -WarningAction SilentlyContinue | Format-Whole)
        $Server.Log.Clear()
        $output = @(Get-CacheSpec -Mirror $Mirror -Offline -Verbose -WarningAction SilentlyContinue 4>&1)
        $Server.Log.Count | Should -Be 0
        @($output | Where-Object { $_ -is [CacheMeta.CacheSpec] } | Format-Whole) | Should -Be $online
        (@($output | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message -join "`n") | Should -Match 'from its snapshot'
    }

    It 'is not kept for a mirror given by path' {
        $before = (Get-SnapshotFile).Count
        $null = Get-CacheSpec -Mirror (Join-Path $Site 'v0.23.1')
        (Get-SnapshotFile).Count | Should -Be $before
    }

    It 'leaves -Offline without a cached index as it was: CacheEntryMissing' {
        $env:CACHEMETA_CACHE_DIR = Join-Path $TestDrive 'empty-cache'
        try {
            $null = Get-CacheSpec -Mirror ($Server.Url + 'v0.23.1') -Offline -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'CacheEntryMissing,*'
        }
        finally { $env:CACHEMETA_CACHE_DIR = Join-Path $TestDrive 'cache' }
    }
}
