BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # Two pages: one with a block list, which only the YAML reading (YamlDotNet) accepts, and one in the
    # generator's current shape, which takes the fast path.
    $script:YamlPage = Join-Path $TestDrive 'g3/_cache/develop/old/specs.md'
    $null = New-Item -ItemType Directory -Path (Split-Path $YamlPage) -Force
    Set-Content -LiteralPath $YamlPage -Value ("---`ntitle: old`ncategories: [package, develop]`nspec_names:`n" +
        " - 'old@1.0%gcc@7.5.0 arch=linux-centos7-x86_64'`n - 'old@1.1%gcc@7.5.0 arch=linux-centos7-aarch64'`n---")
    $script:FastPage = Join-Path $SamplesRoot '_cache/develop/hdf5/specs.md'
    # The site's tag list is YAML too: the corpus copy when there is one, else a small one of our own.
    $script:TagList = if ($Corpus) { Join-Path $Corpus 'data/tags.yaml' } else {
        $path = Join-Path $TestDrive 'tags.yaml'
        Set-Content -LiteralPath $path -Value "- name: develop`n  stacks: [e4s, root]`n- name: v0.23.1`n  stacks:`n  - root`n"
        $path
    }
    $script:TagCount = if ($Corpus) { 45 } else { 2 }

    # What the child reports: every YamlDotNet and CacheMeta.Core assembly loaded, with its load context.
    $script:Inventory = @'
$assemblies = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'YamlDotNet', 'CacheMeta.Core' } |
    ForEach-Object { [pscustomobject]@{ Name = $_.GetName().Name; Version = $_.GetName().Version.ToString()
        Context = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name } }
'@
    $script:ForeignParse = @'
# The other module's YamlDotNet still works: its deserializer reads a document.
$foreign = (New-Object YamlDotNet.Serialization.Deserializer).Deserialize[object]("answer: 42")
'@
}

Describe 'CacheMeta beside another module''s YamlDotNet' -Skip:($PSEdition -ne 'Core') {
    It 'has the other YamlDotNet from NuGet (build.ps1 restores it)' {
        $ForeignYamlDotNet | Should -Exist
        [Reflection.AssemblyName]::GetAssemblyName($ForeignYamlDotNet).Version.Major | Should -Be 13
    }

    It 'works when YamlDotNet 13.7.1 was loaded first' {
        $result = Invoke-FreshPwsh @"
Add-Type -LiteralPath '$ForeignYamlDotNet'
Import-Module '$ModuleManifest'
`$yaml = @(Get-CacheSpec -LiteralPath '$YamlPage')
`$fast = @(Get-CacheSpec -LiteralPath '$FastPage')
`$packages = @(Get-CachePackage -Path '$(Split-Path (Split-Path (Split-Path (Split-Path $YamlPage))))')
`$tags = @(Get-CacheTag -Path '$TagList')
$ForeignParse
$Inventory
[pscustomobject]@{ YamlTargets = @(`$yaml.Target); FastSpecs = `$fast.Count; Packages = @(`$packages.Name); Tags = `$tags.Count
    FirstTag = `$tags[0].Name; Foreign = `$foreign['answer']; Assemblies = @(`$assemblies) }
"@
        $result.YamlTargets | Should -Be 'x86_64', 'aarch64'
        $result.FastSpecs | Should -Be 3
        $result.Packages | Should -Be 'old'
        $result.Tags | Should -Be $TagCount
        $result.FirstTag | Should -Be 'develop'
        $result.Foreign | Should -Be '42'
        $loaded = @($result.Assemblies)
        ($loaded | Where-Object { $_.Name -eq 'YamlDotNet' -and $_.Context -eq 'Default' }).Version | Should -Be '13.0.0.0'
        ($loaded | Where-Object { $_.Name -eq 'YamlDotNet' -and $_.Context -eq 'CacheMeta' }).Version | Should -Be '18.0.0.0'
        ($loaded | Where-Object Name -EQ 'CacheMeta.Core').Context | Should -Be 'CacheMeta'
        $loaded.Count | Should -Be 3
    }

    It 'lets the other YamlDotNet load after CacheMeta has read a page' {
        $result = Invoke-FreshPwsh @"
Import-Module '$ModuleManifest'
`$yaml = @(Get-CacheSpec -LiteralPath '$YamlPage')
Add-Type -LiteralPath '$ForeignYamlDotNet'
$ForeignParse
`$fast = @(Get-CacheSpec -LiteralPath '$FastPage')
$Inventory
[pscustomobject]@{ YamlSpecs = `$yaml.Count; FastSpecs = `$fast.Count; Foreign = `$foreign['answer']; Assemblies = @(`$assemblies) }
"@
        $result.YamlSpecs | Should -Be 2
        $result.FastSpecs | Should -Be 3
        $result.Foreign | Should -Be '42'
        @($result.Assemblies | Where-Object Context -EQ 'Default').Name | Should -Be 'YamlDotNet'
        @($result.Assemblies | Where-Object Context -EQ 'CacheMeta').Count | Should -Be 2
    }
}

Describe 'BouncyCastle inside the module' -Skip:($PSEdition -ne 'Core') {
    It 'is staged beside the engine and loads in the CacheMeta context when a signature is checked' {
        Join-Path (Split-Path $ModuleManifest) 'bin/net8.0/Dependencies/BouncyCastle.Cryptography.dll' | Should -Exist
        $result = Invoke-FreshPwsh @"
Import-Module '$ModuleManifest'
`$status = (Get-CacheSpec -Mirror '$(Join-Path $SamplesRoot 'binaries/signed')' -Name hdf5 | Test-CacheSignature).Status.ToString()
`$contexts = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'BouncyCastle.Cryptography' } |
    ForEach-Object { [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name })
[pscustomobject]@{ Status = `$status; Contexts = `$contexts }
"@ -Environment @{ CACHEMETA_CACHE_DIR = (Join-Path $TestDrive 'bc-cache') }
        $result.Status | Should -Be 'Valid'
        @($result.Contexts) | Should -Be 'CacheMeta'
    }
}

Describe 'The Windows PowerShell 5.1 build' {
    # It cannot run on this Linux machine; what can be checked is that it is built for netstandard2.0 and staged.
    It 'is staged as <_>' -ForEach 'CacheMeta.dll', 'Dependencies/CacheMeta.Core.dll' {
        $file = Join-Path (Split-Path $ModuleManifest) "bin/netstandard2.0/$_"
        $file | Should -Exist
        [Text.Encoding]::UTF8.GetString([IO.File]::ReadAllBytes($file)) | Should -Match '\.NETStandard,Version=v2\.0'
        [Reflection.AssemblyName]::GetAssemblyName($file).Version.ToString(3) |
            Should -Be (Import-PowerShellDataFile -LiteralPath $ModuleManifest).ModuleVersion
    }

    It 'has the dependencies .NET Framework lacks beside the engine' {
        $dependencies = Join-Path (Split-Path $ModuleManifest) 'bin/netstandard2.0/Dependencies'
        foreach ($dll in 'YamlDotNet.dll', 'BouncyCastle.Cryptography.dll', 'System.Text.Json.dll', 'System.Memory.dll') { Join-Path $dependencies $dll | Should -Exist }
        Join-Path $dependencies 'System.Management.Automation.dll' | Should -Not -Exist
    }
}
