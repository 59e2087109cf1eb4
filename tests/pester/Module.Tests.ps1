BeforeDiscovery {
    # Discovery needs the same facts as the run (which tests are skipped, which files to read).
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'The staged CacheMeta module' {
    It 'exports the cmdlets the manifest lists' {
        $exported = (Get-Module CacheMeta).ExportedCmdlets.Keys | Sort-Object
        $listed = (Import-PowerShellDataFile $ModuleManifest).CmdletsToExport | Sort-Object
        $exported | Should -Be $listed
        $exported | Should -Contain 'Get-CacheSpec'
        $exported | Should -Contain 'Get-CachePackage'
    }

    It 'carries the version of CacheMeta.psd1 in its assemblies' {
        $version = [version](Import-PowerShellDataFile $ModuleManifest).ModuleVersion
        (Get-Module CacheMeta).Version | Should -Be $version
        [CacheMeta.CacheSpec].Assembly.GetName().Version.ToString(3) | Should -Be $version.ToString(3)
    }

    It 'makes the engine types nameable although they load in their own context' {
        [CacheMeta.CacheSpec].FullName | Should -Be 'CacheMeta.CacheSpec'
        [CacheMeta.CachePackage].FullName | Should -Be 'CacheMeta.CachePackage'
    }

    It 'loads the engine and YamlDotNet outside the default load context' -Skip:($PSEdition -ne 'Core') {
        # A page with a block list takes the YAML reading, which is what loads YamlDotNet.
        $page = Join-Path $TestDrive 'g3/specs.md'
        $null = New-Item -ItemType Directory -Path (Split-Path $page) -Force
        Set-Content -LiteralPath $page -Value "---`ntitle: old`nspec_names:`n - 'old@1.0%gcc@7.5.0 arch=linux-centos7-x86_64'`n---"
        (Get-CacheSpec -LiteralPath $page).Target | Should -Be 'x86_64'
        $contexts = [AppDomain]::CurrentDomain.GetAssemblies() |
            Where-Object { $_.GetName().Name -in 'CacheMeta.Core', 'YamlDotNet' -and $_.Location -like "$(Split-Path $ModuleManifest)*" } |
            ForEach-Object { [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }
        @($contexts).Count | Should -Be 2
        $contexts | Should -Not -Contain 'Default'
    }

    It 'has table and list views for <_>' -ForEach 'CacheMeta.CacheSpec', 'CacheMeta.CachePackage' {
        $controls = (Get-FormatData -TypeName $_).FormatViewDefinition | ForEach-Object { $_.Control.GetType().Name }
        $controls | Should -Contain 'TableControl'
        $controls | Should -Contain 'ListControl'
    }

    It 'declares the output type of <Name>' -ForEach @(
        @{ Name = 'Get-CacheSpec'; Type = 'CacheMeta.CacheSpec' }
        @{ Name = 'Get-CachePackage'; Type = 'CacheMeta.CachePackage' }
    ) {
        (Get-Command $Name).OutputType.Name | Should -Be $Type
    }
}
