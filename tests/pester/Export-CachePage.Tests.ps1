BeforeDiscovery {
    # Discovery needs the same facts as the run (which tests are skipped, which files to read).
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # Without the corpus the Describe is skipped; a placeholder keeps -ForEach non-empty, which Pester 5 requires
    # (its -AllowNullOrEmptyForEach is Pester 6 only).
    $script:CurrentPages = if ($Corpus) {
        Get-ChildItem -Path (Join-Path $Corpus 'real'), (Join-Path $Corpus 'seed') -Recurse -Filter specs.md |
            Where-Object FullName -NotLike '*v0.22.5*' | ForEach-Object FullName
    } else { 'no corpus' }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force

    function Get-PageFile {
        # Every file below a folder, relative, with its SHA-256: what a site folder holds, byte for byte.
        param([string] $Root)
        Get-ChildItem -LiteralPath $Root -Recurse -File -Force | Sort-Object FullName | ForEach-Object {
            '{0} {1}' -f $_.FullName.Substring($Root.Length).Replace('\', '/'), (Get-FileHash -LiteralPath $_.FullName).Hash
        }
    }

    function New-Spec {
        # A CacheSpec built directly, for records no page holds (a bad tag, a conflicting twin).
        param([string] $Package = 'zlib', [string] $Tag = 'develop', [string] $Hash = (New-TestHash 'zz'), [string] $Target = 'x86_64_v3')
        [CacheMeta.CacheSpec]::new($Package, $Tag, $Hash, [string[]] @('1.3.1'), 'gcc@13.2.0', 'ubuntu22.04', 'linux', $Target,
            [string[]] @('+shared'), [string[]] @('root'), $null, $null, 'made-up')
    }
}

Describe 'Export-CachePage round trip on the corpus' -Skip:$NoCorpus {
    It 'writes <_> back byte for byte' -ForEach $CurrentPages {
        $destination = Join-Path $TestDrive ([guid]::NewGuid())
        $specs = Get-CacheSpec -Path $_
        $specs | Export-CachePage -Destination $destination
        $written = Join-Path $destination "_cache/$($specs[0].Tag)/$($specs[0].Package)/specs.md"
        (Get-FileHash -LiteralPath $written).Hash | Should -Be (Get-FileHash -LiteralPath $_).Hash
        [IO.File]::ReadAllBytes($written).Length | Should -Be (Get-Item -LiteralPath $_).Length
    }

    It 'writes a G4 page in the current form: keys sorted, records by hash, stacks sorted' {
        $destination = Join-Path $TestDrive 'g4'
        Get-CacheSpec -LiteralPath (Join-Path $Corpus 'legacy/develop/py-multidict/specs.md') | Export-CachePage -Destination $destination
        $lines = Get-Content -LiteralPath (Join-Path $destination '_cache/develop/py-multidict/specs.md')
        $lines[4] | Should -BeLike 'meta: {"compilers": *, "num_specs": 32, "num_specs_by_stack": {"e4s": 5, *"root": 32}, "oss": *'
        $records = $lines[5].Substring(14) | ConvertFrom-Json
        $records.Count | Should -Be 32
        $records.hash | Should -Be ($records.hash | Sort-Object -CaseSensitive)
        $lines[5] -match '^spec_details: \[\{"compiler": "[^"]+", "hash": "[a-z2-7]{32}", "os": "[^"]+", "platform": "linux", "size": "-", "stacks": \["ml-linux-x86_64-cpu", "ml-linux-x86_64-cuda", "root"\], "tarball": "https://[^"]+", "target": ' |
            Should -BeTrue
    }
}

Describe 'Export-CachePage on the sample tree' {
    BeforeAll {
        $script:Samples = $SamplesRoot
        $script:Expected = Get-PageFile (Join-Path $Samples '_cache')
    }

    It 'rebuilds every sample page byte for byte, whatever order the specs arrive in' {
        $destination = Join-Path $TestDrive 'shuffled'
        Get-CacheSpec -Path $Samples | Sort-Object { $_.Hash.Substring(5) } | Export-CachePage -Destination $destination
        Get-PageFile (Join-Path $destination '_cache') | Should -Be $Expected
        @($Expected).Count | Should -Be 10
    }

    It 'merges a binary met twice instead of writing it twice' {
        $destination = Join-Path $TestDrive 'twice'
        $specs = Get-CacheSpec -Path $Samples -Tag develop
        @($specs) + @($specs) | Export-CachePage -Destination $destination -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        Get-PageFile (Join-Path $destination '_cache') | Should -Be ($Expected | Where-Object { $_ -like '/develop/*' })
    }

    It 'passes the written files on with -PassThru' {
        $destination = Join-Path $TestDrive 'passthru'
        $files = Get-CacheSpec -Path $Samples -Name zlib-ng, hdf5 | Export-CachePage -Destination $destination -PassThru
        $files | Should -BeOfType System.IO.FileInfo
        $files.FullName | Should -Be @(
            (Join-Path $destination '_cache/develop/hdf5/specs.md'), (Join-Path $destination '_cache/develop/zlib-ng/specs.md'),
            (Join-Path $destination '_cache/v0.23.1/hdf5/specs.md'), (Join-Path $destination '_cache/v0.23.1/zlib-ng/specs.md'))
        $files[0].Length | Should -Be (Get-Item -LiteralPath (Join-Path $SamplesRoot '_cache/develop/hdf5/specs.md')).Length
        # As Get-Item returns them: they bind to the next cmdlet's -LiteralPath.
        ($files | Get-CachePackage).Name | Should -Be 'hdf5', 'zlib-ng', 'hdf5', 'zlib-ng'
    }

    It 'writes nothing with -WhatIf' {
        $destination = Join-Path $TestDrive 'whatif'
        $output = Get-CacheSpec -Path $Samples | Export-CachePage -Destination $destination -PassThru -WhatIf
        $output | Should -BeNullOrEmpty
        Test-Path -LiteralPath $destination | Should -BeFalse
    }
}

Describe 'Export-CachePage with existing pages' {
    BeforeAll {
        $script:Destination = Join-Path $TestDrive 'existing'
        $script:Page = Join-Path $Destination '_cache/develop/zlib-ng/specs.md'
        $null = New-Item -ItemType Directory -Path (Split-Path $Page) -Force
        Set-Content -LiteralPath $Page -Value 'hand-edited' -NoNewline
        $script:Specs = Get-CacheSpec zlib-ng -Path $SamplesRoot -Tag develop
    }

    It 'refuses to replace a page without -Force and leaves it untouched' {
        $Specs | Export-CachePage -Destination $Destination -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'FileExists,CacheMeta.Commands.ExportCachePageCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $problems[0].TargetObject | Should -Be $Page
        Get-Content -LiteralPath $Page -Raw | Should -Be 'hand-edited'
    }

    It 'leaves the page alone with -Force -WhatIf' {
        $Specs | Export-CachePage -Destination $Destination -Force -WhatIf
        Get-Content -LiteralPath $Page -Raw | Should -Be 'hand-edited'
    }

    It 'replaces it with -Force, leaving no temporary file' {
        $Specs | Export-CachePage -Destination $Destination -Force
        (Get-FileHash -LiteralPath $Page).Hash | Should -Be (Get-FileHash -LiteralPath (Join-Path $SamplesRoot '_cache/develop/zlib-ng/specs.md')).Hash
        @(Get-ChildItem -LiteralPath (Split-Path $Page) -Force).Name | Should -Be 'specs.md'
    }
}

Describe 'Export-CachePage refusals' {
    It 'refuses a tag that would leave the destination, as a security error' {
        $destination = Join-Path $TestDrive 'inside'
        New-Spec -Tag '..' -Package '..' | Export-CachePage -Destination $destination -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'PageOutsideDestination,CacheMeta.Commands.ExportCachePageCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'SecurityError'
        Test-Path -LiteralPath $destination | Should -BeFalse
        Test-Path -LiteralPath (Join-Path $TestDrive 'specs.md') | Should -BeFalse
    }

    It 'refuses a package name with a path separator' {
        New-Spec -Package 'a/../../b' | Export-CachePage -Destination (Join-Path $TestDrive 'sep') -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].CategoryInfo.Category | Should -Be 'SecurityError'
        Test-Path -LiteralPath (Join-Path $TestDrive 'b') | Should -BeFalse
    }

    It 'reports a spec without a tag (the oldest pages) and writes the others' {
        $old = Join-Path $TestDrive 'g2/swig/specs.md'
        $null = New-Item -ItemType Directory -Path (Split-Path $old) -Force
        Set-Content -LiteralPath $old -Value "---`ntitle: swig`ncategory: package`nspec_files:`n - spec-0.json`nspec_names:`n - 'swig@4.0.2%gcc@7.5.0 arch=linux-ubuntu18.04-x86_64'`n---"
        $destination = Join-Path $TestDrive 'tagless'
        @(Get-CacheSpec -LiteralPath $old) + @(New-Spec) | Export-CachePage -Destination $destination -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SpecWithoutTag,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $problems[0].TargetObject.Package | Should -Be 'swig'
        (Get-ChildItem -LiteralPath $destination -Recurse -File).FullName | Should -Be (Join-Path $destination '_cache/develop/zlib/specs.md')
    }

    It 'refuses a record that shares a hash with another but differs, keeping the first' {
        $destination = Join-Path $TestDrive 'conflict'
        @((New-Spec -Target x86_64_v3), (New-Spec -Target neoverse_v1)) | Export-CachePage -Destination $destination -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ConflictingSpecRecords,*'
        (Get-CacheSpec -Path $destination).Target | Should -Be 'x86_64_v3'
    }

    It 'stops at once when the destination is not a file system folder' {
        { New-Spec | Export-CachePage -Destination 'Env:/somewhere' } |
            Should -Throw -ErrorId 'UnsupportedProvider,CacheMeta.Commands.ExportCachePageCommand'
    }

    It 'binds -Destination by position and specs from the pipeline' {
        (Get-Command Export-CachePage).Parameters['Destination'].Attributes.Where({ $_ -is [Parameter] }).Position | Should -Be 0
        (Get-Command Export-CachePage).Parameters['InputObject'].Attributes.Where({ $_ -is [Parameter] }).ValueFromPipeline | Should -BeTrue
    }
}
