# Loads the cmdlet assembly built for this edition of PowerShell: net8.0 on PowerShell 7.4+, where the
# engine and YamlDotNet load in their own AssemblyLoadContext; netstandard2.0 on Windows PowerShell 5.1.
$framework = if ($PSEdition -eq 'Core') { 'net8.0' } else { 'netstandard2.0' }
$assembly = [System.IO.Path]::Combine($PSScriptRoot, 'bin', $framework, 'CacheMeta.dll')
$binary = Import-Module -Name $assembly -PassThru -ErrorAction Stop

# Cmdlets of a nested binary module are exported only when the root module says so.
Export-ModuleMember -Cmdlet @($binary.ExportedCmdlets.Keys)
