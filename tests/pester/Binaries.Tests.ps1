BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'IndexFixtures.ps1')
    Import-Module $ModuleManifest -Force
    $script:SavedCacheDir = $env:CACHEMETA_CACHE_DIR
    $env:CACHEMETA_CACHE_DIR = Join-Path $TestDrive 'cache'

    $script:Sample = Join-Path $SamplesRoot 'binaries/signed'
    # The v3 sample's key (the keys folder holds the v2 sample's too): the one the mirror publishes a key manifest of.
    $script:SampleKey = Get-ChildItem (Join-Path $SamplesRoot 'binaries/keys') -Filter *.pub |
        Where-Object { Test-Path -LiteralPath (Join-Path $Sample "v3/manifests/key/$($_.BaseName).key.manifest.json") }
    $script:Pushed = [datetime]::new(2025, 7, 1, 12, 0, 0, [DateTimeKind]::Utc)

    function New-MirrorCopy {
        # A copy of the sample mirror, dated, that a test may change.
        param([string] $Name)
        $copy = Join-Path $TestDrive $Name
        Copy-Item -LiteralPath $Sample -Destination $copy -Recurse
        Get-ChildItem -LiteralPath $copy -Recurse -File | ForEach-Object { $_.LastWriteTimeUtc = $Pushed }
        $copy
    }

    function Get-ManifestPath {
        param([string] $Mirror, [string] $Package)
        (Get-ChildItem -LiteralPath (Join-Path $Mirror "v3/manifests/spec/$Package") -Filter *.spec.manifest.json).FullName
    }

    function Get-TarballPath {
        # The tarball blob a spec manifest lists (its last line holding an install media type).
        param([string] $Mirror, [string] $Package)
        $text = [IO.File]::ReadAllText((Get-ManifestPath $Mirror $Package))
        $sum = [regex]::Match($text, '"mediaType":"application/vnd\.spack\.install[^"]*"[^}]*"checksum":"([0-9a-f]{64})"').Groups[1].Value
        Join-Path $Mirror "blobs/sha256/$($sum.Substring(0, 2))/$sum"
    }
}

AfterAll {
    $env:CACHEMETA_CACHE_DIR = $SavedCacheDir
}

Describe 'Get-CacheBinary' {
    BeforeAll {
        $script:Served = New-MirrorCopy served
        $script:Server = Start-TestHttpServer -Root $Served
        $script:Specs = @(Get-CacheSpec -Mirror $Server.Url)
    }

    AfterAll { Stop-TestHttpServer $Server }

    It 'gives the tarball of each spec, in input order, with its size, checksum, date and signing' {
        $binaries = @($Specs | Get-CacheBinary -ThrottleLimit 3)

        $binaries.Package | Should -Be $Specs.Package
        $binaries.Count | Should -Be 4
        foreach ($binary in $binaries) {
            $file = Get-Item -LiteralPath (Get-TarballPath $Served $binary.Package)
            $binary.Size | Should -Be $file.Length
            $binary.Checksum | Should -Be (Get-FileHash -LiteralPath $file.FullName -Algorithm SHA256).Hash.ToLowerInvariant()
            $binary.TarballUrl | Should -Be ($Server.Url + "blobs/sha256/$($binary.Checksum.Substring(0, 2))/$($binary.Checksum)")
            $binary.Layout | Should -Be 3
            $binary.Signed | Should -BeTrue
            $binary.MediaType | Should -Be 'application/vnd.spack.install.v2.tar+gzip'
            $binary.LastModified.UtcDateTime | Should -Be $Pushed
        }
        $tarballBytes = ($binaries | ForEach-Object { (Get-Item -LiteralPath (Get-TarballPath $Served $_.Package)).Length } | Measure-Object -Sum).Sum
        ($binaries | Measure-Object Size -Sum).Sum | Should -Be $tarballBytes
    }

    It 'asks again with If-None-Match only, and keeps the HEAD answers' {
        $null = $Specs | Get-CacheBinary
        $Server.Log.Clear()

        $null = $Specs | Get-CacheBinary

        @($Server.Log | Sort-Object -Unique) | Should -Be @($Specs | ForEach-Object { "304 /v3/manifests/spec/$($_.Package)/$($_.Package)-$($_.Version)-$($_.Hash).spec.manifest.json" } | Sort-Object)
    }

    It 'writes each binary once, so a closure''s sizes add up' {
        @($Specs + $Specs | Get-CacheBinary).Count | Should -Be 4
    }

    It 'takes CacheDependency objects and says which have no binary' {
        $hdf5 = $Specs | Where-Object Package -EQ hdf5
        $zlib = $Specs | Where-Object Package -EQ zlib-ng
        $inCache = [CacheMeta.CacheDependency]::new($hdf5, $null, 'zlib-ng', $null, $zlib.Hash, 'Build, Link', [string[]]@(), 1, 'InCache', $zlib)
        $compiler = [CacheMeta.CacheDependency]::new($hdf5, $null, 'gcc', $null, (New-TestHash gccsample), 'Build', [string[]]@('c'), 1, 'NotInCache', $null)

        $binaries = @($inCache, $compiler | Get-CacheBinary -ErrorVariable failed -ErrorAction SilentlyContinue)

        $binaries.Package | Should -Be 'zlib-ng'
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'BinaryLocationUnknown,*'
        $failed[0].TargetObject | Should -Be $compiler
        # A spec and its dependencies in one pipeline, as a closure is measured.
        @(@($hdf5) + @($inCache) | Get-CacheBinary).Package | Should -Be 'hdf5', 'zlib-ng'
    }

    It 'reports a missing manifest and a missing tarball as BinaryNotFound naming the URL, and goes on' {
        $broken = New-MirrorCopy broken
        Remove-Item -LiteralPath (Get-ManifestPath $broken cmake), (Get-TarballPath $broken zlib-ng)
        $server = Start-TestHttpServer -Root $broken
        try {
            $binaries = @(Get-CacheSpec -Mirror $server.Url | Get-CacheBinary -ErrorVariable failed -ErrorAction SilentlyContinue)

            @($binaries.Package | Sort-Object) | Should -Be 'gcc-runtime', 'hdf5'
            $failed.Count | Should -Be 2
            @($failed.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Sort-Object -Unique) | Should -Be 'BinaryNotFound'
            ($failed.Exception.Message -join "`n") | Should -Match ([regex]::Escape($server.Url + 'v3/manifests/spec/cmake/'))
            ($failed.Exception.Message -join "`n") | Should -Match ([regex]::Escape($server.Url + 'blobs/sha256/'))
        }
        finally { Stop-TestHttpServer $server }
    }

    It 'refuses page specs that carry no tarball URL with BinaryLocationUnknown' {
        $page = Get-CacheSpec -Path $SamplesRoot -Tag develop -Name zlib-ng | Select-Object -First 1
        $page | Get-CacheBinary -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'BinaryLocationUnknown,*'
    }

    It 'shows sizes with units in a table that fits 80 columns' {
        $lines = @(Get-CacheSpec -Mirror $Sample | Get-CacheBinary | Format-Table | Out-String -Width 200 -Stream | Where-Object { $_ })
        $lines[0] | Should -Match '^Package\s+Version\s+ShortHash\s+Layout\s+Size\s+Signed\s+LastModified'
        $lines | Select-Object -Skip 2 | ForEach-Object { $_ | Should -Match '\d+ B ' }
        ($lines | Measure-Object Length -Maximum).Maximum | Should -BeLessOrEqual 80
    }
}

Describe 'Test-CacheSignature' {
    It 'finds every entry of the sample mirror Valid, signed by its published key' {
        $results = @(Get-CacheSpec -Mirror $Sample | Test-CacheSignature)

        $results.Count | Should -Be 4
        @($results.Status | Sort-Object -Unique) | Should -Be 'Valid'
        @($results.KeyFingerprint | Sort-Object -Unique) | Should -Be $SampleKey.BaseName
        $results[0].KeyUserId | Should -Be 'CacheMeta Sample Mirror <samples@cachemeta.invalid>'
    }

    It 'gives Invalid, Unsigned, UnknownKey and NotFound as statuses, never errors' {
        $mirror = New-MirrorCopy statuses
        $tampered = Get-ManifestPath $mirror zlib-ng
        [IO.File]::WriteAllText($tampered, [IO.File]::ReadAllText($tampered).Replace('"version":3', '"version": 3'))
        $plain = Get-ManifestPath $mirror cmake
        $text = [IO.File]::ReadAllText($plain)
        $body = $text.Substring($text.IndexOf("`n`n") + 2)
        [IO.File]::WriteAllText($plain, $body.Substring(0, $body.IndexOf('-----BEGIN PGP SIGNATURE-----')))
        Remove-Item -LiteralPath (Get-ManifestPath $mirror gcc-runtime)
        $specs = @(Get-CacheSpec -Mirror $mirror)

        $results = @($specs | Test-CacheSignature -ErrorVariable failed)

        $failed.Count | Should -Be 0
        $status = @{}; foreach ($r in $results) { $status[$r.Package] = "$($r.Status)" }
        $status['zlib-ng'] | Should -Be 'Invalid'
        $status['cmake'] | Should -Be 'Unsigned'
        $status['gcc-runtime'] | Should -Be 'NotFound'
        $status['hdf5'] | Should -Be 'Valid'

        # Without the mirror's keys, its signatures are by an unknown key.
        Remove-Item -LiteralPath (Join-Path $mirror 'v3/manifests/key') -Recurse
        (Get-CacheSpec -Mirror $mirror -Name hdf5 | Test-CacheSignature).Status | Should -Be 'UnknownKey'
        # ...unless the user trusts it.
        (Get-CacheSpec -Mirror $mirror -Name hdf5 | Test-CacheSignature -KeyPath $SampleKey.FullName).Status | Should -Be 'Valid'
    }

    It 'accepts only the -KeyPath keys with -TrustedKeyOnly' {
        $withKey = Get-CacheSpec -Mirror $Sample -Name hdf5 | Test-CacheSignature -KeyPath $SampleKey.FullName -TrustedKeyOnly
        $withKey.Status | Should -Be 'Valid'
        $without = Get-CacheSpec -Mirror $Sample -Name hdf5 | Test-CacheSignature -TrustedKeyOnly -WarningVariable warned -WarningAction SilentlyContinue
        $without.Status | Should -Be 'UnknownKey'
        $warned.Count | Should -Be 1
    }

    It 'reports a -KeyPath file that is not a key as InvalidKeyFile' {
        $bad = Join-Path $TestDrive 'bad.pub'
        Set-Content -LiteralPath $bad -Value 'not a key'
        $result = Get-CacheSpec -Mirror $Sample -Name hdf5 | Test-CacheSignature -KeyPath $bad -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidKeyFile,*'
        $result.Status | Should -Be 'Valid' # the mirror's own key still counts
    }

    It 'takes CacheBinary objects' {
        (Get-CacheSpec -Mirror $Sample -Name zlib-ng | Get-CacheBinary | Test-CacheSignature).Status | Should -Be 'Valid'
    }
}

Describe 'Save-CacheBinary' {
    BeforeAll {
        $script:SaveSource = New-MirrorCopy save-source
        $script:SaveServer = Start-TestHttpServer -Root $SaveSource
    }

    AfterAll { Stop-TestHttpServer $SaveServer }

    It 'prints the plan with -WhatIf and writes nothing' {
        $destination = Join-Path $TestDrive 'whatif'
        # What if: lines go to the host, which only a transcript records.
        $transcript = Join-Path $TestDrive 'whatif.txt'
        $null = Start-Transcript -LiteralPath $transcript
        try { Get-CacheSpec -Mirror $SaveServer.Url | Save-CacheBinary -Destination $destination -WhatIf }
        finally { $null = Stop-Transcript }
        $output = Get-Content -LiteralPath $transcript -Raw
        $output | Should -Match 'Save 4 binaries \(\d+\.\d KB to fetch; 0 file\(s\) already there\)'
        Test-Path -LiteralPath $destination | Should -BeFalse
    }

    It 'writes the reports of the signature check it makes after the input is read' {
        $destination = Join-Path $TestDrive 'reports'
        $verbose = @(Get-CacheSpec -Mirror $SaveServer.Url -Name zlib-ng | Save-CacheBinary -Destination $destination -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        @($verbose -like "$($SaveServer.Url)*: 1 key(s) allowed.").Count | Should -Be 1
    }

    It 'saves each entry laid out as in the mirror, byte for byte, and fetches nothing again' {
        $destination = Join-Path $TestDrive 'saved'
        $files = @(Get-CacheSpec -Mirror $SaveServer.Url | Save-CacheBinary -Destination $destination -PassThru)

        $files.Count | Should -Be 12 # per binary: manifest, spec blob, tarball
        foreach ($file in $files) {
            $file | Should -BeOfType System.IO.FileInfo
            $relative = [IO.Path]::GetRelativePath($destination, $file.FullName)
            (Get-FileHash -LiteralPath $file.FullName).Hash | Should -Be (Get-FileHash -LiteralPath (Join-Path $SaveSource $relative)).Hash
        }

        $SaveServer.Log.Clear()
        $null = Get-CacheSpec -Mirror $SaveServer.Url | Save-CacheBinary -Destination $destination
        @($SaveServer.Log | Where-Object { $_ -like '200 /blobs/*' }).Count | Should -Be 0
        $null = Get-CacheSpec -Mirror $SaveServer.Url -Name hdf5 | Save-CacheBinary -Destination $destination -Force
        @($SaveServer.Log | Where-Object { $_ -like '200 /blobs/*' }).Count | Should -Be 2 # -Force: the spec and tarball blobs again
    }

    It 'refuses a tarball of the wrong checksum and keeps nothing of it' {
        $corrupt = New-MirrorCopy corrupt
        $tarball = Get-TarballPath $corrupt zlib-ng
        $bytes = [IO.File]::ReadAllBytes($tarball); $bytes[20] = $bytes[20] -bxor 1; [IO.File]::WriteAllBytes($tarball, $bytes)
        $destination = Join-Path $TestDrive 'refused'

        Get-CacheSpec -Mirror $corrupt -Name zlib-ng | Save-CacheBinary -Destination $destination -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'BinaryChecksumMismatch,*'
        @(Get-ChildItem -LiteralPath $destination -Recurse -File -Force -ErrorAction SilentlyContinue |
            Where-Object { $_.Name -eq (Split-Path $tarball -Leaf) -or $_.Name -like '*.tmp' -or $_.Name -like '*.spec.manifest.json' }).Count | Should -Be 0
    }

    It 'refuses an entry whose signature is not Valid unless -SkipSignatureCheck' {
        $unsigned = New-MirrorCopy unsigned-keys
        Remove-Item -LiteralPath (Join-Path $unsigned 'v3/manifests/key') -Recurse
        $destination = Join-Path $TestDrive 'checked'

        Get-CacheSpec -Mirror $unsigned -Name hdf5 | Save-CacheBinary -Destination $destination -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'SignatureRejected,*'
        Test-Path -LiteralPath $destination | Should -BeFalse

        @(Get-CacheSpec -Mirror $unsigned -Name hdf5 | Save-CacheBinary -Destination $destination -SkipSignatureCheck -PassThru).Count | Should -Be 3
    }
}
