# Loads the cmdlet assembly built for this edition of PowerShell: net8.0 on PowerShell 7.4+, where the
# engine and YamlDotNet load in their own AssemblyLoadContext; netstandard2.0 on Windows PowerShell 5.1.
# The manifest can say 5.1 only (PowerShellVersion is one minimum for both editions), so 7.4 is checked here.
if ($PSEdition -eq 'Core' -and $PSVersionTable.PSVersion -lt [version]'7.4') {
    throw "CacheMeta needs PowerShell 7.4 or later (it runs on .NET 8), or Windows PowerShell 5.1; this is PowerShell $($PSVersionTable.PSVersion)."
}
$framework = if ($PSEdition -eq 'Core') { 'net8.0' } else { 'netstandard2.0' }
$assembly = [System.IO.Path]::Combine($PSScriptRoot, 'bin', $framework, 'CacheMeta.dll')
$binary = Import-Module -Name $assembly -PassThru -ErrorAction Stop

# Version values sort as Spack orders versions in PowerShell and serialize as plain strings ("3.2.1"): the model's
# public Version properties are the text, and these code properties put the SpackVersion in front of them
# (src/CacheMeta/Members/VersionProperties.cs says why). They are added here rather than in
# CacheMeta.types.ps1xml because a types file resolves its code references when it loads, before this script
# has loaded the assembly that holds them; -Force makes importing again harmless.
$versionProperties = [CacheMeta.Commands.Members.VersionProperties]
foreach ($property in @(
        [pscustomobject]@{ Type = 'CacheMeta.CacheSpec'; Name = 'Version'; Getter = 'SpecVersion' }
        [pscustomobject]@{ Type = 'CacheMeta.CacheSpecDifference'; Name = 'Version'; Getter = 'DifferenceVersion' }
        [pscustomobject]@{ Type = 'CacheMeta.CacheTag'; Name = 'Version'; Getter = 'TagVersion' }
        [pscustomobject]@{ Type = 'CacheMeta.CachePackage'; Name = 'LatestVersion'; Getter = 'PackageLatestVersion' }
        [pscustomobject]@{ Type = 'CacheMeta.CacheHost'; Name = 'Glibc'; Getter = 'HostGlibc' }
        [pscustomobject]@{ Type = 'CacheMeta.CacheDependency'; Name = 'Version'; Getter = 'DependencyVersion' })) {
    Update-TypeData -TypeName $property.Type -MemberType CodeProperty -MemberName $property.Name `
        -Value $versionProperties.GetMethod($property.Getter) -Force
}

# Cmdlets of a nested binary module are exported only when the root module says so.
Export-ModuleMember -Cmdlet @($binary.ExportedCmdlets.Keys)
