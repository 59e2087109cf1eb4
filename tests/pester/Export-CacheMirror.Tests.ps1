BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'IndexFixtures.ps1')
    Import-Module $ModuleManifest -Force
    $script:SavedCacheDir = $env:CACHEMETA_CACHE_DIR
    $env:CACHEMETA_CACHE_DIR = Join-Path $TestDrive 'cache'
    $script:Pushed = [datetime]::new(2025, 7, 1, 12, 0, 0, [DateTimeKind]::Utc)
    # The sample mirrors' hdf5 is built for x86_64_v3 (the issue's example asks for neoverse_v2, which they lack).
    $script:Query = 'hdf5 target=x86_64_v3'

    function New-SampleCopy {
        # A dated copy of a sample mirror (signed: v3, signed-v2: v2) that a test may change.
        param([int] $Layout, [string] $Name)
        $copy = Join-Path $TestDrive $Name
        Copy-Item -LiteralPath (Join-Path $SamplesRoot ($Layout -eq 3 ? 'binaries/signed' : 'binaries/signed-v2')) -Destination $copy -Recurse
        Get-ChildItem -LiteralPath $copy -Recurse -File | ForEach-Object { $_.LastWriteTimeUtc = $Pushed }
        $copy
    }

    function Get-TarballFile {
        # A package's tarball in a mirror folder of either layout (the binary's own address, read by Get-CacheBinary).
        param([string] $Mirror, [string] $Package)
        (Get-CacheSpec -Mirror $Mirror -Name $Package | Get-CacheBinary).TarballUrl
    }

    function Get-Written {
        param([string] $Folder)
        @(Get-ChildItem -LiteralPath $Folder -Recurse -File -Force | ForEach-Object { [IO.Path]::GetRelativePath($Folder, $_.FullName).Replace('\', '/') } | Sort-Object)
    }
}

AfterAll {
    $env:CACHEMETA_CACHE_DIR = $SavedCacheDir
}

Describe 'Export-CacheMirror from a served <Name>' -ForEach @(
    @{ Name = 'v3 sample'; Layout = 3 }
    @{ Name = 'v2 sample'; Layout = 2 }
) {
    BeforeAll {
        $script:Source = New-SampleCopy $Layout "served-$Layout"
        $script:Server = Start-TestHttpServer -Root $Source
        $script:Chosen = @(Get-CacheSpec -Mirror $Server.Url -Spec $Query)
        $script:Destination = Join-Path $TestDrive "export-$Layout"
        $script:Result = $Chosen | Export-CacheMirror -Destination $Destination -PassThru
        $script:Closure = @($Chosen) + @($Chosen | Get-CacheDependency -Recurse -Type Link, Run | Where-Object Status -EQ InCache | ForEach-Object Spec)
    }

    AfterAll { Stop-TestHttpServer $Server }

    It 'reads back as exactly the chosen spec and its link/run closure' {
        $Chosen.Count | Should -Be 1
        $back = @(Get-CacheSpec -Mirror $Destination)
        @($back.Package | Sort-Object) | Should -Be @('gcc-runtime', 'hdf5', 'zlib-ng')
        @($back.Hash | Sort-Object) | Should -Be @($Closure.Hash | Sort-Object -Unique)
        @($back | ForEach-Object { $_.ToString() } | Sort-Object) | Should -Be @($Closure | ForEach-Object { $_.ToString() } | Sort-Object -Unique)
    }

    It 'passes Test-CacheIndex and every signature is Valid, by the source''s key' {
        @(Test-CacheIndex -Mirror $Destination).Count | Should -Be 0
        $signatures = @(Get-CacheSpec -Mirror $Destination | Test-CacheSignature)
        $signatures.Count | Should -Be 3
        $signatures.Status | Should -Be @('Valid', 'Valid', 'Valid')
        $sourceKey = @(Get-CacheSpec -Mirror $Source -Name hdf5 | Test-CacheSignature).KeyFingerprint
        @($signatures.KeyFingerprint | Sort-Object -Unique) | Should -Be $sourceKey
    }

    It 'writes every blob under its checksum, and each entry byte for byte' {
        foreach ($binary in @(Get-CacheSpec -Mirror $Destination | Get-CacheBinary)) {
            (Get-FileHash -LiteralPath $binary.TarballUrl -Algorithm SHA256).Hash.ToLowerInvariant() | Should -Be $binary.Checksum
            $relative = [IO.Path]::GetRelativePath($Destination, $binary.SpecUrl)
            (Get-FileHash -LiteralPath $binary.SpecUrl).Hash | Should -Be (Get-FileHash -LiteralPath (Join-Path $Source $relative)).Hash
        }
        foreach ($blob in @(Get-ChildItem -LiteralPath (Join-Path $Destination 'blobs') -Recurse -File -ErrorAction SilentlyContinue)) {
            (Get-FileHash -LiteralPath $blob.FullName -Algorithm SHA256).Hash.ToLowerInvariant() | Should -Be $blob.Name
        }
        @(Get-Written $Destination | Where-Object { $_ -like '*.tmp' }).Count | Should -Be 0
    }

    It 'writes one summary with -PassThru' {
        $Result | Should -HaveCount 1
        $Result.PSObject.TypeNames[0] | Should -Be 'CacheMeta.CacheMirrorExport'
        $Result.Specs | Should -Be 3
        $Result.Binaries | Should -Be 3
        $Result.Layout | Should -Be $Layout
        $Result.Warnings | Should -Be 0
        $Result.Destination | Should -Be $Destination
        Test-Path -LiteralPath $Result.Index -PathType Leaf | Should -BeTrue
        $Result.Index | Should -BeLike ($Layout -eq 3 ? "$Destination*blobs*" : "$Destination*build_cache*index.json")
        # The bytes of the entries written: per binary its spec document, tarball and (v3) spec blob; keys and index not counted.
        $bytes = 0
        foreach ($binary in @(Get-CacheSpec -Mirror $Destination | Get-CacheBinary)) {
            $bytes += (Get-Item -LiteralPath $binary.TarballUrl).Length + (Get-Item -LiteralPath $binary.SpecUrl).Length
            if ($Layout -eq 3) {
                $sum = [regex]::Match([IO.File]::ReadAllText($binary.SpecUrl), '"mediaType":"application/vnd\.spack\.spec[^"]*"[^}]*"checksum":"([0-9a-f]{64})"').Groups[1].Value
                $bytes += (Get-Item -LiteralPath (Join-Path $Destination "blobs/sha256/$($sum.Substring(0, 2))/$sum")).Length
            }
        }
        $Result.Bytes | Should -Be $bytes
    }

    It 'exports exactly what was piped with -ExcludeDependencies' {
        $only = Join-Path $TestDrive "only-$Layout"
        $summary = $Chosen | Export-CacheMirror -Destination $only -ExcludeDependencies -PassThru
        $summary.Specs | Should -Be 1
        @(Get-CacheSpec -Mirror $only).Package | Should -Be 'hdf5'
    }

    It 'prints the plan with -WhatIf and writes nothing' {
        $planned = Join-Path $TestDrive "whatif-$Layout"
        $transcript = Join-Path $TestDrive "whatif-$Layout.txt"
        $null = Start-Transcript -LiteralPath $transcript
        try { $Chosen | Export-CacheMirror -Destination $planned -WhatIf }
        finally { $null = Stop-Transcript }
        $output = (Get-Content -LiteralPath $transcript -Raw) -replace '\s+', ' '
        $output | Should -Match 'Export 3 specs \(1 selected, 2 dependencies\), 3 binaries, \d+\.\d KB to fetch; 0 already in the destination''s index, 0 files there verified'
        Test-Path -LiteralPath $planned | Should -BeFalse
    }

    It 'says what is there already when run again, and adds to the mirror' {
        $transcript = Join-Path $TestDrive "again-$Layout.txt"
        $null = Start-Transcript -LiteralPath $transcript
        try { $Chosen | Export-CacheMirror -Destination $Destination -WhatIf }
        finally { $null = Stop-Transcript }
        ((Get-Content -LiteralPath $transcript -Raw) -replace '\s+', ' ') | Should -Match '0\.0 KB to fetch; 3 already in the destination''s index'

        Get-CacheSpec -Mirror $Server.Url -Name cmake | Export-CacheMirror -Destination $Destination
        @(Get-CacheSpec -Mirror $Destination).Package | Sort-Object | Should -Be @('cmake', 'gcc-runtime', 'hdf5', 'zlib-ng')
        @(Test-CacheIndex -Mirror $Destination).Count | Should -Be 0
    }
}

Describe 'Export-CacheMirror and dependencies the source cannot supply' {
    It 'warns with the external and who needs it, and records it as Spack does' {
        # The v2 sample's zlib-ng made to link an external openssl (the index only: spec files and signatures stay).
        $source = New-SampleCopy 2 external
        $indexPath = Join-Path $source 'build_cache/index.json'
        $db = Get-Content -LiteralPath $indexPath -Raw | ConvertFrom-Json -AsHashtable
        $openssl = 'opensslabcdefghijklmnopqrstuvwx'
        $zlib = $db.database.installs.Keys | Where-Object { $db.database.installs[$_].spec.name -eq 'zlib-ng' }
        $db.database.installs[$zlib].spec.dependencies += @{ name = 'openssl'; hash = $openssl; parameters = @{ deptypes = @('build', 'link'); virtuals = @() } }
        $db.database.installs[$openssl] = @{ spec = @{ name = 'openssl'; version = '3.0.13'; external = @{ path = '/usr'; module = $null } }; ref_count = 1; in_buildcache = $false }
        [IO.File]::WriteAllText($indexPath, ($db | ConvertTo-Json -Depth 20 -Compress))
        [IO.File]::WriteAllText((Join-Path $source 'build_cache/index.json.hash'), (Get-FileHash -LiteralPath $indexPath -Algorithm SHA256).Hash.ToLowerInvariant())
        $destination = Join-Path $TestDrive 'with-external'

        $summary = Get-CacheSpec -Mirror $source -Name zlib-ng | Export-CacheMirror -Destination $destination -PassThru -WarningVariable warned -WarningAction SilentlyContinue

        $warned.Count | Should -Be 1
        $warned[0].Message | Should -Match "^openssl /$openssl \(External\) is not in the cache of .*, and zlib-ng@2\.2\.1 /zlibnga needs it"
        $summary.Warnings | Should -Be 1
        $summary.Specs | Should -Be 2
        $records = (Get-Content -LiteralPath (Join-Path $destination 'build_cache/index.json') -Raw | ConvertFrom-Json -AsHashtable).database.installs
        $records[$openssl].in_buildcache | Should -BeFalse
        $records[$openssl].spec.external.path | Should -Be '/usr'
        @(Test-CacheIndex -Mirror $destination).Count | Should -Be 0 # an external is no fault: the target machine has it
    }
}

Describe 'Export-CacheMirror faults' {
    It 'refuses a corrupt blob at the source with BinaryChecksumMismatch and exports the rest (<_>)' -ForEach 3, 2 {
        $layout = $_
        $corrupt = New-SampleCopy $layout "corrupt-$layout"
        $tarball = Get-TarballFile $corrupt zlib-ng
        $bytes = [IO.File]::ReadAllBytes($tarball); $bytes[20] = $bytes[20] -bxor 1; [IO.File]::WriteAllBytes($tarball, $bytes)
        $destination = Join-Path $TestDrive "refused-$layout"

        Get-CacheSpec -Mirror $corrupt -Spec $Query | Export-CacheMirror -Destination $destination -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'BinaryChecksumMismatch,*'
        @(Get-Written $destination | Where-Object { $_ -like '*.tmp' -or $_ -like "*$(Split-Path $tarball -Leaf)" }).Count | Should -Be 0
        @(Get-CacheSpec -Mirror $destination).Package | Sort-Object | Should -Be @('gcc-runtime', 'hdf5') # zlib-ng recorded without a binary
    }

    It 'stops with FileWriteFailed where a file stands in for a folder it must make' {
        $destination = Join-Path $TestDrive 'blocked'
        $null = New-Item -ItemType Directory -Path $destination
        Set-Content -LiteralPath (Join-Path $destination 'blobs') -Value 'a file where the blobs folder must go' # fails for root too

        { Get-CacheSpec -Mirror (Join-Path $SamplesRoot 'binaries/signed') -Name zlib-ng | Export-CacheMirror -Destination $destination -ErrorAction Stop } |
            Should -Throw -ErrorId 'FileWriteFailed,*'
        Get-Written $destination | Should -Be @('blobs')
    }

    It 'stops with FileWriteFailed in a read-only folder' -Skip:($IsWindows -or (& id -u) -eq '0') {
        # chmod does not bite on Windows, nor for root, who writes anyway.
        $destination = Join-Path $TestDrive 'readonly'
        $null = New-Item -ItemType Directory -Path $destination
        & chmod 555 $destination
        try {
            { Get-CacheSpec -Mirror (Join-Path $SamplesRoot 'binaries/signed-v2') -Name zlib-ng | Export-CacheMirror -Destination $destination -ErrorAction Stop } |
                Should -Throw -ErrorId 'FileWriteFailed,*'
            @(Get-ChildItem -LiteralPath $destination -Force).Count | Should -Be 0
        }
        finally { & chmod 755 $destination }
    }

    It 'refuses specs of the other layout than the destination''s with MirrorMismatch and goes on with the rest' {
        $destination = Join-Path $TestDrive 'mixed'
        $v3 = @(Get-CacheSpec -Mirror (Join-Path $SamplesRoot 'binaries/signed') -Name zlib-ng)
        $v2 = @(Get-CacheSpec -Mirror (Join-Path $SamplesRoot 'binaries/signed-v2') -Name cmake)

        $summary = $v3 + $v2 | Export-CacheMirror -Destination $destination -PassThru -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'MirrorMismatch,*'
        $summary.Layout | Should -Be 3
        @(Get-CacheSpec -Mirror $destination).Package | Sort-Object | Should -Be @('gcc-runtime', 'zlib-ng')
    }

    It 'refuses a page spec, which records no dependencies' {
        $page = @(Get-CacheSpec -Path $SamplesRoot | Select-Object -First 1)
        $page | Export-CacheMirror -Destination (Join-Path $TestDrive 'pages') -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'BinaryLocationUnknown,*' # a page names neither its mirror nor its index
        Test-Path -LiteralPath (Join-Path $TestDrive 'pages') | Should -BeFalse
    }
}
