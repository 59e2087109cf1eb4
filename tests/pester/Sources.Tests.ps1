# The source model (issue 11): each cmdlet takes the sources that make sense for it, one selection maps them
# for cmdlets and tab completion alike, one catalog reader, and catalog entries taken against the catalog.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'IndexFixtures.ps1')
    Import-Module $ModuleManifest -Force
    $script:Site = Join-Path $TestDrive 'binaries'
    $script:H = New-TestCacheTree -Root $Site
    $script:SavedCacheDir = $env:CACHEMETA_CACHE_DIR
    $env:CACHEMETA_CACHE_DIR = Join-Path $TestDrive 'cache'
    $script:SavedPath = $env:CACHEMETA_PATH
    $env:CACHEMETA_PATH = $null
    function script:Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }
}

AfterAll {
    $env:CACHEMETA_CACHE_DIR = $SavedCacheDir
    $env:CACHEMETA_PATH = $SavedPath
}

Describe 'Each cmdlet declares only the sources it reads' {
    It 'Test-CachePage audits pages only: -Mirror and -Catalog are not its parameters' {
        { Test-CachePage -Mirror (Join-Path $Site 'v0.23.1') } | Should -Throw -ErrorId 'NamedParameterNotFound,CacheMeta.Commands.TestCachePageCommand'
        { Test-CachePage -Catalog (Join-Path $Site 'catalog.json') } | Should -Throw -ErrorId 'NamedParameterNotFound,CacheMeta.Commands.TestCachePageCommand'
    }

    It 'Test-CachePage with no source and no $env:CACHEMETA_PATH stops with NoCacheSource instead of reading the catalog' {
        { Test-CachePage -ErrorAction Stop } | Should -Throw -ErrorId 'NoCacheSource,CacheMeta.Commands.TestCachePageCommand'
    }

    It '<Command> <Arguments> is a parameter-binding error' -ForEach @(
        @{ Command = 'Get-CacheSpec'; Arguments = @{ Path = '.'; Offline = $true } }
        @{ Command = 'Get-CacheSpec'; Arguments = @{ LiteralPath = '.'; CompleteStacks = $true } }
        @{ Command = 'Get-CachePackage'; Arguments = @{ Path = '.'; CompleteStacks = $true } }
        @{ Command = 'Measure-CacheStack'; Arguments = @{ Mirror = 'm'; CompleteStacks = $true } }
        @{ Command = 'Get-CacheTag'; Arguments = @{ Path = '.'; Offline = $true } }
    ) {
        $failure = $null
        try { & $Command @Arguments -ErrorAction Stop } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike "AmbiguousParameterSet,*"
    }

    It '-Catalog has one type, string[], wherever it exists' {
        foreach ($name in 'Get-CacheSpec', 'Get-CachePackage', 'Measure-CacheStack', 'Get-CacheTag') {
            (Get-Command $name).Parameters['Catalog'].ParameterType | Should -Be ([string[]]) -Because $name
        }
    }
}

Describe 'One catalog reader, with the stricter rules' {
    It 'refuses an entry without a url in Get-CacheTag as Get-CacheSpec does' {
        $catalog = Join-Path $TestDrive 'labels-only.json'
        Set-Content -LiteralPath $catalog -Value '{"develop": [{"label": "root"}]}'
        Get-CacheTag -Catalog $catalog -ErrorVariable tagProblems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-CacheSpec -Catalog $catalog -ErrorVariable specProblems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $tagProblems[0].FullyQualifiedErrorId | Should -Be 'InvalidCatalog,CacheMeta.Commands.GetCacheTagCommand'
        $specProblems[0].FullyQualifiedErrorId | Should -Be 'InvalidCatalog,CacheMeta.Commands.GetCacheSpecCommand'
        $tagProblems[0].Exception.Message | Should -Be $specProblems[0].Exception.Message
    }
}

Describe 'Catalogs over HTTP' {
    BeforeAll {
        $script:Server = Start-TestHttpServer -Root $Site
        $script:CatalogUrl = "$($Server.Url)catalog.json"
    }
    AfterAll { Stop-TestHttpServer $Server }

    It 'takes the relative entries of a catalog read over HTTP against its URL, not the process''s folder' {
        $specs = Get-CacheSpec -Catalog $CatalogUrl -Tag * -ErrorVariable problems -WarningAction SilentlyContinue
        $problems | Should -BeNullOrEmpty
        $specs.Package | Should -Be 'zlib-ng', 'cmake', 'aida', 'zlib', 'py-numpy'
        $specs | ForEach-Object { $_.Source | Should -BeLike "$($Server.Url)*" }
    }

    It 'Get-CacheTag reads a catalog URL like the other cmdlets' {
        (Get-CacheTag -Catalog $CatalogUrl).Name | Should -Be 'develop', 'v0.23.1'
    }

    It 'tab completion reads the catalog the command line names, a URL from the local cache' {
        Get-CacheTag -Catalog $CatalogUrl | Out-Null # caches the catalog
        Complete "Get-CacheSpec -Catalog '$CatalogUrl' -Tag " | Should -Be 'develop', 'v0.23.1'
        Complete "Get-CacheSpec -Catalog '$CatalogUrl' -Stack " | Should -Be 'e4s', 'root'
    }
}
