<#
.SYNOPSIS
    Generates the module's MAML help (en-US/CacheMeta.dll-Help.xml) from the staged module and the compiler's
    XML documentation files.

.DESCRIPTION
    Run by build.ps1 in a child pwsh, so the module's assemblies never load into the build's own session.
    Imports the staged module, describes every exported cmdlet from Get-Command metadata (sets, positions,
    pipeline binding, wildcards, aliases, defaults, output types) and from its doc comments (summary =
    synopsis, remarks = description, <example> = examples, property summary = parameter text), and writes the
    MAML file. Missing text is reported as a warning here and fails the Pester help tests.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string[]] $DocFile,
    [Parameter(Mandatory)] [string] $OutFile
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'DocComments.ps1')
. (Join-Path $PSScriptRoot 'CommandModel.ps1')
. (Join-Path $PSScriptRoot 'MamlWriter.ps1')

$module = Import-Module $ModuleManifest -PassThru -Force
$docs = Read-DocComment -Path $DocFile
$commands = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name | ForEach-Object {
        Get-CommandHelpModel -Command $_ -Docs $docs
    })

foreach ($command in $commands) {
    if (-not $command.Synopsis) { Write-Warning "$($command.Name): no <summary> (synopsis)." }
    if (-not @($command.Description).Count) { Write-Warning "$($command.Name): no <remarks> (description)." }
    if (@($command.Examples).Count -lt 2) { Write-Warning "$($command.Name): fewer than two <example> elements." }
    foreach ($parameter in $command.Parameters | Where-Object { -not @($_.Description).Count }) {
        Write-Warning "$($command.Name) -$($parameter.Name): no <summary>."
    }
}

$null = New-Item -ItemType Directory -Path (Split-Path $OutFile) -Force
Write-MamlHelp -Path $OutFile -Command $commands
Write-Host "Help for $($commands.Count) cmdlets: $OutFile"
