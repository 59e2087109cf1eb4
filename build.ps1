#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, stages, tests and demonstrates the CacheMeta module.

.DESCRIPTION
    Build  (default) publishes the cmdlet assembly for net8.0 (PowerShell 7.4+) and netstandard2.0
           (Windows PowerShell 5.1), stages a clean module folder out/CacheMeta/<version>/ and generates its
           MAML help (en-US/CacheMeta.dll-Help.xml) from the doc comments and the cmdlets' metadata.
    Package builds, then publishes the staged folder with Publish-PSResource to a local folder repository
           and leaves out/CacheMeta.<version>.nupkg, the file the PowerShell Gallery would receive.
    Test   packages, runs the xUnit tests, restores Pester from NuGet and runs the Pester tests against the
           staged module (and the package) in a child pwsh. Exits non-zero when anything fails.
    Demo   builds, then queries the sample cache tree in samples/ with the staged module.
    Bench  builds, generates the synthetic public-scale trees (out/bench, deterministic, reused when present)
           and measures CacheMeta against the scripted, Python and System.Text.Json baselines in one run:
           page trees, then a 150,000-spec build-cache index with a catalog served from 127.0.0.1 (-Suite
           picks one of them).
    Fuzz   runs the mutation fuzzers over every reader for -Seconds per reader and reports how many
           inputs they tried (the test suite runs them for a couple of seconds each).
    Clean  removes out/ and the projects' bin/obj folders.

    The version is read from CacheMeta.psd1, the one place it is written.

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Package', 'Test', 'Demo', 'Bench', 'Fuzz', 'Clean')]
    [string] $Task = 'Build',

    # Bench: timed runs per case (after a warm-up); the median is reported.
    [ValidateRange(1, 100)]
    [int] $Repetitions = 5,

    # Bench: which measurements (page trees, build-cache indexes, or both).
    [ValidateSet('All', 'Pages', 'Index')]
    [string] $Suite = 'All',

    # Fuzz: seconds per reader.
    [ValidateRange(1, 86400)]
    [int] $Seconds = 60,

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
# Another module's YamlDotNet, loaded first in the coexistence test (an older major version than ours).
$ForeignYamlDotNetVersion = '13.7.1'
$Package = Join-Path $Out "CacheMeta.$Version.nupkg"
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
    # The pwsh running this script; under 'dotnet pwsh' the same pwsh.dll through the same dotnet host, which
    # (unlike the tool name) also works where the tool manifest cannot be found, e.g. with another HOME.
    $exe = [Environment]::ProcessPath
    if ($exe -and [IO.Path]::GetFileNameWithoutExtension($exe) -eq 'pwsh') { return , @($exe) }
    return , @($exe, (Join-Path $PSHOME 'pwsh.dll'))
}

function Invoke-ChildPwsh {
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})
    $pwsh = Get-ChildPwsh
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Script)
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Environment[$name])
    }
    Push-Location $Root
    try {
        # To the host, not the pipeline: the caller wants the exit code, the user wants the output.
        & $pwsh[0] @arguments | Out-Host
        return $LASTEXITCODE
    }
    finally {
        Pop-Location
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
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
    Copy-Item -LiteralPath (Join-Path $Root 'CacheMeta.psd1'), (Join-Path $Root 'LICENSE') -Destination $Staging
    Copy-Item -Path (Join-Path $Root 'module/*') -Destination $Staging -Recurse
    # The release notes are CHANGELOG.md's section of this version, written into the staged manifest.
    . (Join-Path $Root '.build/ReleaseNotes.ps1')
    $stagedManifest = Join-Path $Staging 'CacheMeta.psd1'
    $notes = (Get-ReleaseNote -ChangelogPath (Join-Path $Root 'CHANGELOG.md') -Version $Version).Replace("'", "''")
    $manifestText = [regex]::Replace((Get-Content -LiteralPath $stagedManifest -Raw), "(?m)^(\s*ReleaseNotes\s*=\s*)'[^']*'",
        { param($match) $match.Groups[1].Value + "'" + $notes + "'" })
    [IO.File]::WriteAllText($stagedManifest, $manifestText)

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

    New-HelpFile
    Write-Host "Staged $Staging" -ForegroundColor Green
}

function New-HelpFile {
    # In a child pwsh: generating help imports the module, which must not load into this session.
    $docFiles = @('CacheMeta.xml', 'CacheMeta.Core.xml' | ForEach-Object { "'$(Join-Path $Out "publish/net8.0/$_")'" }) -join ', '
    $exitCode = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
& '$(Join-Path $Root '.build/New-MamlHelp.ps1')' -ModuleManifest '$(Join-Path $Staging 'CacheMeta.psd1')' ``
    -DocFile $docFiles -OutFile '$(Join-Path $Staging 'en-US/CacheMeta.dll-Help.xml')'
"@
    if ($exitCode -ne 0) { throw "Generating the help failed with exit code $exitCode." }
}

function Invoke-PackageTask {
    Invoke-BuildTask
    # A throwaway HOME: registering a repository writes to the user's PSResourceGet settings.
    $repository = Join-Path $Out 'repository'
    $sandbox = Join-Path $Out 'package-home'
    foreach ($folder in $repository, $sandbox) {
        if (Test-Path -LiteralPath $folder) { Remove-Item -LiteralPath $folder -Recurse -Force }
        $null = New-Item -ItemType Directory -Path $folder
    }
    # NuGet inside Publish-PSResource writes NuGet/NuGet.Config under the user's config folder; when that
    # folder does not exist .NET reports it as '' and the file would land in the current directory.
    $null = New-Item -ItemType Directory -Path (Join-Path $sandbox '.config')
    $exitCode = Invoke-ChildPwsh -Environment @{ HOME = $sandbox } @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name CacheMetaBuild -Uri '$repository' -Trusted
Publish-PSResource -Path '$Staging' -Repository CacheMetaBuild
"@
    if ($exitCode -ne 0) { throw "Publish-PSResource failed with exit code $exitCode." }
    Move-Item -LiteralPath (Join-Path $repository "CacheMeta.$Version.nupkg") -Destination $Package -Force
    Remove-Item -LiteralPath $repository, $sandbox -Recurse -Force
    Write-Host "Packaged $Package" -ForegroundColor Green
}

function Get-NuGetPackage {
    # Test tools come from NuGet like every other dependency: a throwaway project downloads the package,
    # and its folder is returned.
    param([Parameter(Mandatory)] [string] $Id, [Parameter(Mandatory)] [string] $Version)
    $tools = Join-Path $Out 'tools'
    $packages = Join-Path $tools 'packages'
    $folder = Join-Path $packages "$($Id.ToLowerInvariant())/$Version"
    # NuGet writes .nupkg.metadata last, so its presence means a complete download.
    if (-not (Test-Path -LiteralPath (Join-Path $folder '.nupkg.metadata'))) {
        $project = Join-Path $tools "$($Id.ToLowerInvariant())-restore/restore.csproj"
        $null = New-Item -ItemType Directory -Path (Split-Path $project) -Force
        Set-Content -LiteralPath $project -Value @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><PackageDownload Include="$Id" Version="[$Version]" /></ItemGroup>
</Project>
"@
        Invoke-Native dotnet @('restore', $project, '--packages', $packages, '-v', 'quiet', '--nologo')
    }

    return $folder
}

function Invoke-TestTask {
    # The package first: the Pester suite installs it from a local repository and uses it.
    Invoke-PackageTask
    $failed = @()

    Write-Host 'xUnit: tests/CacheMeta.Tests' -ForegroundColor Cyan
    & dotnet test (Join-Path $Root 'tests/CacheMeta.Tests/CacheMeta.Tests.csproj') --nologo -c $Configuration `
        --logger 'console;verbosity=minimal' --results-directory (Join-Path $Out 'TestResults')
    if ($LASTEXITCODE -ne 0) { $failed += 'xUnit' }

    Write-Host "Pester $($PesterVersion): tests/pester against $Staging" -ForegroundColor Cyan
    $pester = Join-Path (Get-NuGetPackage Pester $PesterVersion) 'tools/Pester.psd1'
    $foreignYaml = Join-Path (Get-NuGetPackage YamlDotNet $ForeignYamlDotNetVersion) 'lib/netstandard2.0/YamlDotNet.dll'
    $resultFile = Join-Path $Out 'TestResults/pester.xml'
    $exitCode = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
`$env:NO_COLOR = '1'
`$env:CACHEMETA_MODULE = '$(Join-Path $Staging 'CacheMeta.psd1')'
`$env:CACHEMETA_PACKAGE = '$Package'
`$env:CACHEMETA_FOREIGN_YAMLDOTNET = '$foreignYaml'
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

function Invoke-BenchTask {
    Invoke-BuildTask
    $bench = Join-Path $Out 'bench'
    Invoke-Native dotnet @('build', (Join-Path $Root 'tests/CacheMeta.Bench/CacheMeta.Bench.csproj'), '--nologo', '-v', 'quiet',
        '-c', 'Release', '-o', (Join-Path $bench 'tool'))
    $tool = Join-Path $bench 'tool/CacheMeta.Bench.dll'
    $manifest = Join-Path $Staging 'CacheMeta.psd1'
    if ($Suite -in 'All', 'Pages') {
        # Seven tags of 60,750 specs over 3,000 pages: one tag is the 60k tree, all of them the 425k tree.
        $tree = Join-Path $bench 'tree'
        Invoke-Native dotnet @($tool, 'generate', $tree, '7', '3000', '60750', '20251125')
        $trees = (Join-Path $tree '_cache/develop'), (Join-Path $tree '_cache')
        $exitCode = Invoke-ChildPwsh ("& '$(Join-Path $Root '.build/Invoke-Benchmark.ps1')' -ModuleManifest '$manifest' " +
            "-BenchTool '$tool' -Trees '$($trees -join "','")' -ResultPath '$(Join-Path $bench 'results.json')' -Repetitions $Repetitions")
        if ($exitCode -ne 0) { exit $exitCode }
    }

    if ($Suite -in 'All', 'Index') {
        # One tag as the public cache serves it: a root index of 150,000 specs and three stack indexes.
        $indexes = Join-Path $bench 'indexes'
        Invoke-Native dotnet @($tool, 'indexes', $indexes, '150000', '20251125')
        $exitCode = Invoke-ChildPwsh ("& '$(Join-Path $Root '.build/Invoke-IndexBenchmark.ps1')' -ModuleManifest '$manifest' " +
            "-BenchTool '$tool' -Root '$indexes' -ResultPath '$(Join-Path $bench 'index-results.json')' -Repetitions $Repetitions")
        if ($exitCode -ne 0) { exit $exitCode }
    }
}

function Invoke-FuzzTask {
    $env:CACHEMETA_FUZZ_SECONDS = $Seconds
    try {
        & dotnet test (Join-Path $Root 'tests/CacheMeta.Tests/CacheMeta.Tests.csproj') --nologo -c $Configuration `
            --filter 'Category=Fuzz' --logger 'console;verbosity=detailed' |
            Where-Object { $_ -match '^\s*(fuzz |Test Run|Total tests|Passed:|Failed:|input \d+|Error Message)' } | ForEach-Object { $_.Trim() }
        if ($LASTEXITCODE -ne 0) { exit 1 }
    }
    finally {
        Remove-Item Env:CACHEMETA_FUZZ_SECONDS -ErrorAction Ignore
    }
}

function Invoke-CleanTask {
    foreach ($path in @($Out) + (Get-ChildItem -Path (Join-Path $Root 'src'), (Join-Path $Root 'tests') -Directory -Recurse -Include bin, obj).FullName) {
        if (Test-Path -LiteralPath $path) { Remove-Item -LiteralPath $path -Recurse -Force }
    }
}

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Package' { Invoke-PackageTask }
    'Test' { Invoke-TestTask }
    'Demo' { Invoke-DemoTask }
    'Bench' { Invoke-BenchTask }
    'Fuzz' { Invoke-FuzzTask }
    'Clean' { Invoke-CleanTask }
}
