#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, stages, tests and demonstrates the CacheMeta module.

.DESCRIPTION
    Build  (default) publishes the cmdlet assembly for net8.0 (PowerShell 7.4+) and netstandard2.0
           (Windows PowerShell 5.1) and stages a clean module folder out/CacheMeta/<version>/.
    Test   builds, runs the xUnit tests, restores Pester from NuGet and runs the Pester tests against the
           staged module in a child pwsh. Exits non-zero when anything fails.
    Demo   builds, then queries the sample cache tree in samples/ with the staged module.
    Clean  removes out/ and the projects' bin/obj folders.

    The version is read from CacheMeta.psd1, the one place it is written.

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Version = (Import-PowerShellDataFile -LiteralPath (Join-Path $Root 'CacheMeta.psd1')).ModuleVersion
$Out = Join-Path $Root 'out'
$Staging = Join-Path $Out "CacheMeta/$Version"
$PesterVersion = '6.2.0'
$Frameworks = 'net8.0', 'netstandard2.0'

function Invoke-Native {
    # Runs a native command and fails the build when it fails.
    param([Parameter(Mandatory)] [string] $Command, [string[]] $Arguments = @())
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Get-ChildPwsh {
    # The pwsh running this script, or the repository's pinned tool when it runs under 'dotnet pwsh'.
    $exe = [Environment]::ProcessPath
    if ($exe -and [IO.Path]::GetFileNameWithoutExtension($exe) -eq 'pwsh') { return , @($exe) }
    return , @('dotnet', 'pwsh')
}

function Invoke-ChildPwsh {
    param([Parameter(Mandatory)] [string] $Script)
    $pwsh = Get-ChildPwsh
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Script)
    Push-Location $Root
    try {
        # To the host, not the pipeline: the caller wants the exit code, the user wants the output.
        & $pwsh[0] @arguments | Out-Host
        return $LASTEXITCODE
    }
    finally {
        Pop-Location
    }
}

function Invoke-BuildTask {
    Write-Host "Building CacheMeta $Version ($Configuration)" -ForegroundColor Cyan
    foreach ($framework in $Frameworks) {
        Invoke-Native dotnet @('publish', (Join-Path $Root 'src/CacheMeta/CacheMeta.csproj'), '--nologo', '-v', 'quiet',
            '-c', $Configuration, '-f', $framework, '-o', (Join-Path $Out "publish/$framework"))
    }

    # Stage from scratch: Publish-PSResource packs whatever the folder holds.
    if (Test-Path -LiteralPath $Staging) { Remove-Item -LiteralPath $Staging -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $Staging
    Copy-Item -LiteralPath (Join-Path $Root 'CacheMeta.psd1') -Destination $Staging
    Copy-Item -Path (Join-Path $Root 'module/*') -Destination $Staging -Recurse

    foreach ($framework in $Frameworks) {
        $publish = Join-Path $Out "publish/$framework"
        $bin = Join-Path $Staging "bin/$framework"
        $dependencies = Join-Path $bin 'Dependencies'
        $null = New-Item -ItemType Directory -Path $dependencies -Force
        # The cmdlet assembly loads in the default context; the engine and third-party dlls go to
        # Dependencies/, where only the module's own resolver finds them.
        Copy-Item -LiteralPath (Join-Path $publish 'CacheMeta.dll') -Destination $bin
        Get-ChildItem -LiteralPath $publish -Filter *.dll |
            Where-Object Name -NE 'CacheMeta.dll' |
            Copy-Item -Destination $dependencies
        if (Test-Path -LiteralPath (Join-Path $bin 'Dependencies/System.Management.Automation.dll')) {
            throw 'System.Management.Automation.dll must never ship with the module.'
        }
    }

    Write-Host "Staged $Staging" -ForegroundColor Green
}

function Get-PesterModule {
    # Pester comes from NuGet like every other dependency: a throwaway project downloads the package.
    $tools = Join-Path $Out 'tools'
    $packages = Join-Path $tools 'packages'
    $module = Join-Path $packages "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $module)) {
        $project = Join-Path $tools 'pester-restore/pester-restore.csproj'
        $null = New-Item -ItemType Directory -Path (Split-Path $project) -Force
        Set-Content -LiteralPath $project -Value @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><PackageDownload Include="Pester" Version="[$PesterVersion]" /></ItemGroup>
</Project>
"@
        Invoke-Native dotnet @('restore', $project, '--packages', $packages, '-v', 'quiet', '--nologo')
    }

    return $module
}

function Invoke-TestTask {
    Invoke-BuildTask
    $failed = @()

    Write-Host 'xUnit: tests/CacheMeta.Tests' -ForegroundColor Cyan
    & dotnet test (Join-Path $Root 'tests/CacheMeta.Tests/CacheMeta.Tests.csproj') --nologo -c $Configuration `
        --logger 'console;verbosity=minimal' --results-directory (Join-Path $Out 'TestResults')
    if ($LASTEXITCODE -ne 0) { $failed += 'xUnit' }

    Write-Host "Pester $($PesterVersion): tests/pester against $Staging" -ForegroundColor Cyan
    $pester = Get-PesterModule
    $resultFile = Join-Path $Out 'TestResults/pester.xml'
    $exitCode = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
`$env:NO_COLOR = '1'
`$env:CACHEMETA_MODULE = '$(Join-Path $Staging 'CacheMeta.psd1')'
Import-Module '$pester' -Force
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $Root 'tests/pester')'
`$config.Run.Exit = `$true
`$config.Output.Verbosity = 'Normal'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputPath = '$resultFile'
Invoke-Pester -Configuration `$config
"@
    if ($exitCode -ne 0) { $failed += 'Pester' }

    if ($failed) {
        Write-Host "FAILED: $($failed -join ', ')" -ForegroundColor Red
        exit 1
    }

    Write-Host 'All tests passed.' -ForegroundColor Green
}

function Invoke-DemoTask {
    Invoke-BuildTask
    $exitCode = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
`$PSStyle.OutputRendering = 'PlainText'
Import-Module '$(Join-Path $Staging 'CacheMeta.psd1')'
Write-Host "``nPS> Get-CachePackage -Path ./samples" -ForegroundColor Cyan
Get-CachePackage -Path ./samples | Format-Table | Out-String -Width 120 | Write-Host
Write-Host "PS> Get-CacheSpec -Path ./samples -Tag develop -Stack e4s* | Where-Object TargetFamily -eq aarch64" -ForegroundColor Cyan
Get-CacheSpec -Path ./samples -Tag develop -Stack e4s* | Where-Object TargetFamily -eq aarch64 | Format-Table | Out-String -Width 120 | Write-Host
`$env:CACHEMETA_CACHE_DIR = '$(Join-Path $Out 'demo-cache')'
Write-Host "PS> Get-CacheSpec zlib-ng -Catalog ./samples/binaries/catalog.json -CompleteStacks" -ForegroundColor Cyan
Get-CacheSpec zlib-ng -Catalog ./samples/binaries/catalog.json -CompleteStacks | Format-Table | Out-String -Width 120 | Write-Host
"@
    if ($exitCode -ne 0) { exit $exitCode }
}

function Invoke-CleanTask {
    foreach ($path in @($Out) + (Get-ChildItem -Path (Join-Path $Root 'src'), (Join-Path $Root 'tests') -Directory -Recurse -Include bin, obj).FullName) {
        if (Test-Path -LiteralPath $path) { Remove-Item -LiteralPath $path -Recurse -Force }
    }
}

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Test' { Invoke-TestTask }
    'Demo' { Invoke-DemoTask }
    'Clean' { Invoke-CleanTask }
}
