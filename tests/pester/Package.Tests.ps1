BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $script:Version = (Import-PowerShellDataFile -LiteralPath $ModuleManifest).ModuleVersion
    # Specs in the sample develop tag, counted from the pages' records, to check the installed module's answer.
    $script:SampleDevelopSpecs = (Get-ChildItem (Join-Path $SamplesRoot '_cache/develop') -Recurse -Filter specs.md |
            Select-String -Pattern '"hash": ' -AllMatches | ForEach-Object { $_.Matches.Count } | Measure-Object -Sum).Sum
}

Describe 'The package build.ps1 -Task Package leaves' {
    It 'exists as out/CacheMeta.<version>.nupkg (run build.ps1 -Task Package first)' {
        $PackagePath | Should -Exist
        Split-Path $PackagePath -Leaf | Should -Be "CacheMeta.$Version.nupkg"
    }

    It 'holds the staged module and nothing that must not ship' {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($PackagePath)
        try { $entries = @($zip.Entries.FullName) } finally { $zip.Dispose() }
        $manifest = Import-PowerShellDataFile -LiteralPath $ModuleManifest
        $moduleFiles = @($manifest.FormatsToProcess) + @($manifest.TypesToProcess)
        $moduleFiles.Count | Should -BeGreaterThan 6
        foreach ($file in @('CacheMeta.psd1', 'CacheMeta.psm1', 'LICENSE') + $moduleFiles + @(
            'en-US/CacheMeta.dll-Help.xml', 'en-US/about_CacheMeta.help.txt',
            'bin/net8.0/CacheMeta.dll', 'bin/net8.0/Dependencies/CacheMeta.Core.dll', 'bin/net8.0/Dependencies/YamlDotNet.dll',
            'bin/netstandard2.0/CacheMeta.dll', 'bin/netstandard2.0/Dependencies/CacheMeta.Core.dll', 'bin/netstandard2.0/Dependencies/YamlDotNet.dll')) {
            $entries | Should -Contain $file
        }
        $entries | Where-Object { $_ -match 'System\.Management\.Automation\.dll$|\.pdb$|bin/[^/]+/CacheMeta(\.Core)?\.xml$' } | Should -BeNullOrEmpty
    }

    It 'describes the module for the Gallery in its nuspec' {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($PackagePath)
        try {
            $reader = [IO.StreamReader]::new($zip.GetEntry('CacheMeta.nuspec').Open())
            $nuspec = [xml]$reader.ReadToEnd()
            $reader.Dispose()
        }
        finally { $zip.Dispose() }
        $metadata = $nuspec.package.metadata
        $metadata.id | Should -Be 'CacheMeta'
        $metadata.version | Should -Be $Version
        $metadata.tags -split ' ' | Should -Contain 'spack'
        $metadata.tags -split ' ' | Should -Contain 'PSEdition_Core'
        $metadata.tags -split ' ' | Should -Contain 'PSModule'
        $metadata.licenseUrl | Should -Not -BeNullOrEmpty
        $metadata.projectUrl | Should -Not -BeNullOrEmpty
    }
}

Describe 'Installing the package by name' {
    BeforeAll {
        # A sandbox HOME: PSResourceGet keeps its repositories and CurrentUser installs under HOME.
        $script:Sandbox = Join-Path $TestDrive 'home'
        $script:Repository = Join-Path $TestDrive 'repository'
        $script:Saved = Join-Path $TestDrive 'saved'
        # With no ~/.config, NuGet would write NuGet/NuGet.Config into the current directory.
        $null = New-Item -ItemType Directory -Path $Sandbox, (Join-Path $Sandbox '.config'), $Repository, $Saved
        Copy-Item -LiteralPath $PackagePath -Destination $Repository
        $script:Installed = Invoke-FreshPwsh -Environment @{ HOME = $Sandbox } @"
Register-PSResourceRepository -Name CacheMetaLocal -Uri '$Repository' -Trusted
`$install = Install-PSResource -Name CacheMeta -Repository CacheMetaLocal -Scope CurrentUser -PassThru
`$save = Save-PSResource -Name CacheMeta -Repository CacheMetaLocal -Path '$Saved' -PassThru
[pscustomobject]@{ Installed = `$install.Version.ToString(); Saved = `$save.Version.ToString() }
"@
        # A second fresh pwsh finds the module by name, as a user's next session would.
        $script:Used = Invoke-FreshPwsh -Environment @{ HOME = $Sandbox } @"
Import-Module CacheMeta
`$module = Get-Module CacheMeta
`$specs = @(Get-CacheSpec -Path '$SamplesRoot' -Tag develop)
[pscustomobject]@{
    ModuleBase = `$module.ModuleBase
    Version    = `$module.Version.ToString()
    Cmdlets    = @(`$module.ExportedCmdlets.Keys | Sort-Object)
    Specs      = `$specs.Count
    FirstType  = `$specs[0].GetType().FullName
    Synopsis   = (Get-Help Get-CacheSpec).Synopsis
    Examples   = @((Get-Help Get-CacheSpec).examples.example).Count
    About      = (Get-Help about_CacheMeta | Out-String) -match 'SPEC SYNTAX'
    Views      = @(`$module.ExportedFormatFiles | ForEach-Object { [IO.Path]::GetFileName(`$_) } | Sort-Object)
    Table      = (`$specs | Select-Object -First 1 | Out-String -Width 80) -match 'ShortHash'
    Alias      = @(Get-CachePackage -Path '$SamplesRoot' -Tag develop | Sort-Object Specs -Descending)[0].NumSpecs
}
"@
    }

    It 'installs and saves the packaged version from a local repository' {
        $Installed.Installed | Should -Be $Version
        $Installed.Saved | Should -Be $Version
        Join-Path $Saved "CacheMeta/$Version/CacheMeta.psd1" | Should -Exist
        Join-Path $Saved "CacheMeta/$Version/en-US/CacheMeta.dll-Help.xml" | Should -Exist
    }

    It 'imports by name in a fresh pwsh from the user module folder' {
        $Used.ModuleBase | Should -BeLike "$Sandbox*"
        $Used.Version | Should -Be $Version
        $Used.Cmdlets | Should -Be @((Import-PowerShellDataFile -LiteralPath $ModuleManifest).CmdletsToExport | Sort-Object)
    }

    It 'reads the sample tree and shows help once installed' {
        $SampleDevelopSpecs | Should -Be 17
        $Used.Specs | Should -Be $SampleDevelopSpecs
        $Used.FirstType | Should -Be 'CacheMeta.CacheSpec'
        $Used.Synopsis | Should -Match '^Gets the specs'
        $Used.Examples | Should -BeGreaterOrEqual 2
        $Used.About | Should -BeTrue
    }

    It 'brings every view and type member of the module' {
        $expected = (Import-PowerShellDataFile -LiteralPath $ModuleManifest).FormatsToProcess | ForEach-Object { Split-Path $_ -Leaf } | Sort-Object
        $Used.Views | Should -Be @($expected)
        $Used.Table | Should -BeTrue
        $Used.Alias | Should -Be 5
    }
}
