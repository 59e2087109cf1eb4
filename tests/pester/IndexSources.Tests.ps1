BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'IndexFixtures.ps1')
    Import-Module $ModuleManifest -Force
    $script:Site = Join-Path $TestDrive 'binaries'
    $script:H = New-TestCacheTree -Root $Site
    $script:Catalog = Join-Path $Site 'catalog.json'
    $script:SavedCacheDir = $env:CACHEMETA_CACHE_DIR
    $env:CACHEMETA_CACHE_DIR = Join-Path $TestDrive 'cache'
    function script:Format-Spec { process { '{0} {1} {2} {3} [{4}] [{5}]' -f $_.Package, $_.Version, $_.Compiler, $_.Target, ($_.Variants -join ' '), ($_.Stacks -join ',') } }
}

AfterAll {
    $env:CACHEMETA_CACHE_DIR = $SavedCacheDir
}

Describe 'Get-CacheSpec -Catalog' {
    It 'reads the develop tag''s root index by default, as the pages show specs' {
        $specs = Get-CacheSpec -Catalog $Catalog -WarningVariable warnings -WarningAction SilentlyContinue
        $specs | Format-Spec | Should -Be @(
            'zlib-ng 2.2.1 gcc@13.3.0 neoverse_v1 [build_system=cmake +compat ~pic] [root]'
            'cmake 3.31.6 llvm@19.1.0 x86_64_v3 [build_type=Release ~doc patches:=dbc3892] [root]'
            'aida 3.2.1 none x86_64_v3 [build_system=generic] [root]')
        $specs | Should -BeOfType CacheMeta.CacheSpec
        $specs.Tag | Sort-Object -Unique | Should -Be 'develop'
        $specs.Hash | Should -Be $H.zlibng, $H.cmake, $H.aida
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike "Skipped the index record '$($H.broken)'*'parameters'*"
    }

    It 'fills Stacks from every stack index with -CompleteStacks' {
        (Get-CacheSpec zlib-ng -Catalog $Catalog -CompleteStacks).Stacks | Should -Be 'e4s', 'root'
    }

    It 'reads only the e4s index for -Stack e4s' {
        Get-CacheSpec -Catalog $Catalog -Stack e4s | Format-Spec |
            Should -Be 'zlib-ng 2.2.1 gcc@13.3.0 neoverse_v1 [build_system=cmake +compat ~pic] [e4s,root]'
    }

    It 'reads a release tag with database 7 conventions' {
        Get-CacheSpec -Catalog $Catalog -Tag v0.23.1 | Format-Spec | Should -Be @(
            'zlib 1.3.1 gcc@=11.4.0 x86_64_v3 [build_system=makefile +optimize +shared] [root]'
            'py-numpy 1.26.4 gcc@=11.4.0 aarch64 [blas=armpl,openblas build_system=python_pip] [root]')
    }

    It 'applies <Parameter> = <Value> as with -Path' -ForEach @(
        @{ Parameter = 'Name'; Value = 'zlib*'; Expected = 'zlib-ng', 'zlib' }
        @{ Parameter = 'Compiler'; Value = 'gcc@11'; Expected = 'zlib', 'py-numpy' }
        @{ Parameter = 'Compiler'; Value = 'none'; Expected = , 'aida' }
        @{ Parameter = 'TargetFamily'; Value = 'aarch64'; Expected = 'zlib-ng', 'py-numpy' }
        @{ Parameter = 'Target'; Value = 'neoverse_*'; Expected = , 'zlib-ng' }
        @{ Parameter = 'OS'; Value = 'ubuntu22.04'; Expected = 'zlib', 'py-numpy' }
        @{ Parameter = 'Platform'; Value = 'linux'; Expected = 'zlib-ng', 'cmake', 'aida', 'zlib', 'py-numpy' }
        @{ Parameter = 'Version'; Value = '3:'; Expected = 'cmake', 'aida' }
        @{ Parameter = 'Variant'; Value = 'blas=openblas'; Expected = , 'py-numpy' }
        @{ Parameter = 'Variant'; Value = 'patches:=dbc3892'; Expected = , 'cmake' }
        @{ Parameter = 'Hash'; Value = 'aida'; Expected = , 'aida' }
    ) {
        $arguments = @{ Catalog = $Catalog; Tag = '*'; $Parameter = $Value; WarningAction = 'SilentlyContinue' }
        (Get-CacheSpec @arguments).Package | Should -Be $Expected
    }

    It 'warns about a tag or stack the catalog lacks, naming the ones it has' {
        Get-CacheSpec -Catalog $Catalog -Tag v9.9.9 -Stack e4z -WarningVariable warnings -ErrorVariable problems -WarningAction SilentlyContinue |
            Should -BeNullOrEmpty
        $problems | Should -BeNullOrEmpty
        "$warnings" | Should -BeLike "*-Tag 'v9.9.9' matches no tag of the source. Its tags: develop, v0.23.1.*"
        Get-CacheSpec -Catalog $Catalog -Stack e4z -WarningVariable stacks -WarningAction SilentlyContinue
        "$stacks" | Should -Be "-Stack 'e4z' matches no stack of the source. Its stacks: e4s, root."
    }

    It 'reports a catalog that is not there as PathNotFound' {
        Get-CacheSpec -Catalog (Join-Path $TestDrive 'none.json') -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,CacheMeta.Commands.GetCacheSpecCommand'
        $missing[0].TargetObject | Should -Be (Join-Path $TestDrive 'none.json')
    }

    It 'takes a relative catalog path against the current location' {
        Push-Location $Site
        try { (Get-CacheSpec -Catalog ./catalog.json -Tag v0.23.1).Count | Should -Be 2 }
        finally { Pop-Location }
    }

    It 'writes progress while reading an index and completes it' {
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $ModuleManifest).AddStatement()
            $null = $ps.AddCommand('Get-CacheSpec').AddParameter('Catalog', $Catalog).AddParameter('WarningAction', 'SilentlyContinue')
            $ps.Invoke().Count | Should -Be 3
            $progress = $ps.Streams.Progress | Where-Object Activity -eq 'Reading index'
            $progress.Count | Should -BeGreaterThan 1
            $progress[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Get-CachePackage -Catalog' {
    It 'aggregates packages from the index as the generator does' {
        $packages = Get-CachePackage -Catalog $Catalog -Tag '*' -CompleteStacks -WarningAction SilentlyContinue
        ($packages | ForEach-Object { "$($_.Tag)/$($_.Name)" }) | Should -Be 'develop/aida', 'develop/cmake', 'develop/zlib-ng', 'v0.23.1/py-numpy', 'v0.23.1/zlib'
        $zlib = $packages | Where-Object Name -eq 'zlib-ng'
        $zlib.NumSpecs | Should -Be 1
        $zlib.NumSpecsByStack['e4s'] | Should -Be 1
        $zlib.Compilers | Should -Be 'gcc@13.3.0'
        $zlib | Should -BeOfType CacheMeta.CachePackage
    }

    It 'keeps the packages of a stack' {
        (Get-CachePackage -Catalog $Catalog -Stack e4s).Name | Should -Be 'zlib-ng'
    }
}

Describe 'Get-CacheSpec -Mirror' {
    It 'reads a v2 mirror folder' {
        $specs = Get-CacheSpec -Mirror (Join-Path $Site 'v0.23.1')
        $specs.Package | Should -Be 'zlib', 'py-numpy'
        $specs[0].Tag | Should -BeNullOrEmpty
        $specs[0].Stacks | Should -BeNullOrEmpty
        $specs[0].Source | Should -Be (Join-Path $Site 'v0.23.1/build_cache/index.json')
    }

    It 'reads a v3 mirror folder, verifying its gzip blob' {
        # In file order: zlib-ng's compiler record, last in the compressed file, is found ahead by a cut of the document.
        (Get-CacheSpec -Mirror (Join-Path $Site 'develop') -WarningAction SilentlyContinue).Package | Should -Be 'zlib-ng', 'cmake', 'aida'
    }

    It 'hands out a spec whose compiler record comes later in its place, with that compiler' {
        $hashes = @{}
        foreach ($name in 'zlib', 'xz', 'zstd', 'gcc', 'llvm') { $hashes[$name] = New-TestHash "late$name" }
        $index = ConvertTo-TestIndex 8 @(
            @{ Hash = $hashes.zlib; InBuildcache = $true; Node = New-TestIndexNode zlib 1.3.1 -Dependencies (New-TestEdge gcc $hashes.gcc -Virtuals c) }
            @{ Hash = $hashes.xz; InBuildcache = $true; Node = New-TestIndexNode xz 5.4.6 -Dependencies (New-TestEdge llvm $hashes.llvm -Virtuals c) }
            @{ Hash = $hashes.gcc; InBuildcache = $false; Node = New-TestIndexNode gcc 13.2.0 }
            @{ Hash = $hashes.zstd; InBuildcache = $true; Node = New-TestIndexNode zstd 1.5.6 -Dependencies (New-TestEdge gcc $hashes.gcc -Virtuals c) }
            @{ Hash = $hashes.llvm; InBuildcache = $false; Node = New-TestIndexNode llvm 19.1.0 }
        )
        $mirror = Join-Path $TestDrive 'compilers-late'
        Write-TestV2Mirror -Root $mirror -IndexJson $index
        Get-CacheSpec -Mirror $mirror | ForEach-Object { "$($_.Package) $($_.Compiler)" } | Should -Be 'zlib gcc@13.2.0', 'xz llvm@19.1.0', 'zstd gcc@13.2.0'
        $first = Get-CacheSpec -Mirror $mirror | Select-Object -First 1
        "$($first.Package) $($first.Compiler)" | Should -Be 'zlib gcc@13.2.0'
    }

    It 'reads arch and variants alike from a compact index, an indented one and one with a repeated arch' {
        # Compact JSON takes the arch and parameters objects as the bytes the cut noted; an indented one (line breaks
        # inside them) reads them token by token; of a repeated arch the last counts, as in System.Text.Json's reading.
        $node = New-TestIndexNode zlib 1.3.1 -Target zen4 -OS rhel9 -Parameters ([ordered]@{ build_system = 'cmake'; shared = $true; patches = @('fedcba9876543210', '0123456789abcdef') })
        $compact = ConvertTo-TestIndex 8 @(@{ Hash = (New-TestHash 'notedarch'); InBuildcache = $true; Node = $node })
        $forms = @{
            compact = $compact
            indented = $compact | ConvertFrom-Json | ConvertTo-Json -Depth 20
            repeated = $compact.Replace('"arch":{', '"arch":{"platform":"darwin","platform_os":"sequoia"},"arch":{')
        }
        $compact | Should -BeLike '*"arch":{"platform":"linux"*' # the replacement above found its place
        foreach ($form in 'compact', 'indented', 'repeated') {
            $mirror = Join-Path $TestDrive "noted-$form"
            Write-TestV2Mirror -Root $mirror -IndexJson $forms[$form]
            $spec = Get-CacheSpec -Mirror $mirror
            "$form $($spec.Platform) $($spec.OS) $($spec.Target) [$($spec.Variants -join ' ')]" |
                Should -Be "$form linux rhel9 zen4 [build_system=cmake patches:=0123456,fedcba9 +shared]"
        }
    }

    It 'reads several mirrors and reports the one that has no index' {
        $null = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'empty') -Force
        $specs = Get-CacheSpec -Mirror (Join-Path $Site 'v0.23.1'), (Join-Path $TestDrive 'empty') -ErrorVariable problems -ErrorAction SilentlyContinue
        $specs.Count | Should -Be 2
        $problems[0].FullyQualifiedErrorId | Should -Be 'IndexNotFound,CacheMeta.Commands.GetCacheSpecCommand'
    }
}

Describe 'The default source' {
    BeforeEach { $script:SavedPath = $env:CACHEMETA_PATH; $script:SavedCatalog = $env:CACHEMETA_CATALOG }
    AfterEach { $env:CACHEMETA_PATH = $SavedPath; $env:CACHEMETA_CATALOG = $SavedCatalog }

    It 'is the catalog in $env:CACHEMETA_CATALOG when $env:CACHEMETA_PATH is not set' {
        $env:CACHEMETA_PATH = $null
        $env:CACHEMETA_CATALOG = $Catalog
        (Get-CacheSpec -Tag v0.23.1 -Compiler gcc).Package | Should -Be 'zlib', 'py-numpy'
        Get-CacheSpec -Verbose -Tag v0.23.1 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] } |
            Select-Object -First 1 | Should -BeLike "*reading the catalog $Catalog*"
    }

    It 'is the page folder in $env:CACHEMETA_PATH when it is set' {
        $pages = Join-Path $TestDrive 'pages'
        New-TestPage -Root $pages -Package 'bzip2' -Specs @(New-TestSpec -Hash (New-TestHash 'bz')) | Out-Null
        $env:CACHEMETA_PATH = $pages
        $env:CACHEMETA_CATALOG = $Catalog
        (Get-CacheSpec).Package | Should -Be 'bzip2'
    }
}

Describe 'Index sources over HTTP' {
    BeforeAll {
        $script:Server = Start-TestHttpServer -Root $Site
        $script:HttpCatalog = Join-Path $TestDrive 'http-catalog.json'
        Set-Content -LiteralPath $HttpCatalog -Value (ConvertTo-Json ([ordered]@{
                    develop = @([ordered]@{ label = 'root'; url = "$($Server.Url)develop" }, [ordered]@{ label = 'e4s'; url = "$($Server.Url)develop/e4s/build_cache/index.json" })
                }) -Depth 5)
        $env:CACHEMETA_CACHE_DIR = Join-Path $TestDrive 'http-cache'
    }
    AfterAll { Stop-TestHttpServer $Server }

    It 'downloads each index once and then only checks it' {
        $first = Get-CacheSpec -Catalog $HttpCatalog -CompleteStacks -WarningAction SilentlyContinue
        $first.Count | Should -Be 3
        ($first | Where-Object Package -eq zlib-ng).Stacks | Should -Be 'e4s', 'root'
        $first[0].Source | Should -BeLike "$($Server.Url)develop/blobs/sha256/*"
        @($Server.Log | Where-Object { $_ -like '200 */blobs/*' -or $_ -like '200 */index.json' }).Count | Should -Be 2
        $Server.Log.Clear()

        $again = Get-CacheSpec -Catalog $HttpCatalog -CompleteStacks -WarningAction SilentlyContinue
        $again.Count | Should -Be 3
        @($Server.Log | Sort-Object) | Should -Be '200 /develop/e4s/build_cache/index.json.hash', '304 /develop/v3/manifests/index/index.manifest.json'
    }

    It 'reads the cache alone with -Offline' {
        $Server.Log.Clear()
        (Get-CacheSpec -Catalog $HttpCatalog -Offline -WarningAction SilentlyContinue).Count | Should -Be 3
        $Server.Log.Count | Should -Be 0
    }

    It 'reports CacheEntryMissing offline when the cache has no copy' {
        $env:CACHEMETA_CACHE_DIR = Join-Path $TestDrive 'empty-cache'
        try {
            Get-CacheSpec -Mirror "$($Server.Url)v0.23.1" -Offline -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems[0].FullyQualifiedErrorId | Should -Be 'CacheEntryMissing,CacheMeta.Commands.GetCacheSpecCommand'
            $problems[0].TargetObject | Should -Be "$($Server.Url)v0.23.1/"
        }
        finally { $env:CACHEMETA_CACHE_DIR = Join-Path $TestDrive 'http-cache' }
    }

    It 'reports a missing remote index as IndexNotFound with its URL' {
        Get-CacheSpec -Mirror "$($Server.Url)nothing" -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -Be 'IndexNotFound,CacheMeta.Commands.GetCacheSpecCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be "$($Server.Url)nothing/"
    }
}

Describe 'The sample build caches the repository ships' {
    BeforeAll { $script:SampleCatalog = Join-Path $SamplesRoot 'binaries/catalog.json' }

    It 'reads every tag, with the stacks of each spec' {
        $specs = Get-CacheSpec -Catalog $SampleCatalog -Tag * -CompleteStacks -ErrorVariable problems -WarningVariable warnings
        $problems | Should -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
        $specs.Count | Should -Be 12
        (Get-CacheSpec zlib-ng -Catalog $SampleCatalog -CompleteStacks | ForEach-Object { $_.Stacks -join ',' }) |
            Should -Be 'e4s,root', 'e4s,ml-linux-aarch64,root', 'ml-linux-aarch64,root'
    }

    It 'answers the README''s aarch64 question from the e4s index' {
        (Get-CacheSpec -Catalog $SampleCatalog -Stack e4s -TargetFamily aarch64).Package | Should -Be 'zlib-ng', 'cmake', 'hdf5'
    }
}
