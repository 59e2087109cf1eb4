# Shared by the Pester tests: where the staged module and the optional corpus are, and fixture pages.

$script:RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path
$script:ModuleManifest = if ($env:CACHEMETA_MODULE) { $env:CACHEMETA_MODULE } else {
    # Run outside build.ps1: the newest staged module.
    Get-ChildItem -Path (Join-Path $RepoRoot 'out/CacheMeta/*/CacheMeta.psd1') | Sort-Object FullName | Select-Object -Last 1 -ExpandProperty FullName
}

$corpusCandidate = if ($env:CACHEMETA_CORPUS) { $env:CACHEMETA_CORPUS } else { Join-Path $RepoRoot '../shared/corpus' }
$script:Corpus = if (Test-Path -LiteralPath $corpusCandidate) { (Resolve-Path -LiteralPath $corpusCandidate).Path } else { $null }
$script:NoCorpus = -not $Corpus
$script:SamplesRoot = Join-Path $RepoRoot 'samples'

function New-TestSpec {
    param(
        [string] $Hash, [string] $Compiler = 'gcc@=13.2.0', [string] $Version = '1.0.0', [string] $OS = 'ubuntu22.04',
        [string] $Platform = 'linux', [string] $Target = 'x86_64_v3', [string[]] $Variants = @('build_system=cmake'),
        [string[]] $Stacks = @('root')
    )
    [ordered]@{ compiler = $Compiler; hash = $Hash; os = $OS; platform = $Platform; size = '-'; stacks = @($Stacks | Sort-Object -CaseSensitive)
        target = $Target; variants = @($Variants); versions = @($Version) }
}

function ConvertTo-TestPageText {
    # A page in the generator's shape, from New-TestSpec records (values invented for the tests).
    param([string] $Package, [string] $Tag, [object[]] $Specs, [string] $NewLine = "`n")
    $sorted = @($Specs | Sort-Object { $_.hash } -CaseSensitive)
    $byStack = [ordered]@{}
    foreach ($stack in ($sorted.stacks | Sort-Object -Unique -CaseSensitive)) { $byStack[$stack] = @($sorted | Where-Object { $_.stacks -contains $stack }).Count }
    $meta = [ordered]@{
        compilers = @($sorted.compiler | Sort-Object -Unique -CaseSensitive); num_specs = $sorted.Count; num_specs_by_stack = $byStack
        oss = @($sorted.os | Sort-Object -Unique -CaseSensitive); platforms = @($sorted.platform | Sort-Object -Unique -CaseSensitive)
        stacks = @($sorted.stacks | Sort-Object -Unique -CaseSensitive); targets = @($sorted.target | Sort-Object -Unique -CaseSensitive)
        versions = @($sorted | ForEach-Object { $_.versions[0] } | Sort-Object -Unique -CaseSensitive)
    }
    $json = { param($v) ConvertTo-Json -InputObject $v -Compress -Depth 5 }
    @('---', "title: `"$Package`"", 'layout: cache', "categories: [package, $Tag]",
        "meta: $(& $json $meta)", "spec_details: $(& $json @($sorted))", '---') -join $NewLine
}

function New-TestPage {
    # Writes <Root>/_cache/<tag>/<package>/specs.md and returns its path.
    param([string] $Root, [string] $Package, [string] $Tag = 'develop', [object[]] $Specs, [string] $NewLine = "`n")
    $folder = Join-Path $Root "_cache/$Tag/$Package"
    $null = New-Item -ItemType Directory -Path $folder -Force
    $path = Join-Path $folder 'specs.md'
    [IO.File]::WriteAllText($path, (ConvertTo-TestPageText -Package $Package -Tag $Tag -Specs $Specs -NewLine $NewLine))
    $path
}

function New-TestHash {
    # Deterministic 32-character base32 hashes: a short seed, then the alphabet.
    param([string] $Seed)
    ($Seed + 'abcdefghijklmnopqrstuvwxyz234567').Substring(0, 32)
}

# The package build.ps1 -Task Package leaves, and another module's YamlDotNet for the coexistence test.
$manifestVersion = if ($ModuleManifest) { (Import-PowerShellDataFile -LiteralPath $ModuleManifest).ModuleVersion }
$script:PackagePath = if ($env:CACHEMETA_PACKAGE) { $env:CACHEMETA_PACKAGE } else { Join-Path $RepoRoot "out/CacheMeta.$manifestVersion.nupkg" }
$script:ForeignYamlDotNet = if ($env:CACHEMETA_FOREIGN_YAMLDOTNET) { $env:CACHEMETA_FOREIGN_YAMLDOTNET } else {
    Join-Path $RepoRoot 'out/tools/packages/yamldotnet/13.7.1/lib/netstandard2.0/YamlDotNet.dll'
}

function Invoke-FreshPwsh {
    # Runs a script in a new pwsh process (this same pwsh) and returns the object it outputs, carried over as
    # JSON after a marker line so warnings or host output cannot garble it. -Environment sets variables for
    # the child only (HOME for sandboxes).
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})
    $exe = [Environment]::ProcessPath
    $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -ne 'pwsh') { Join-Path $PSHOME 'pwsh.dll' })
    $wrapped = "`$ErrorActionPreference = 'Stop'`n`$result = & {`n$Script`n}`n'::result::'`nConvertTo-Json -InputObject `$result -Depth 6 -Compress"
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($wrapped))
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Environment[$name])
    }
    try {
        $output = @(& $exe @prefix -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1 | ForEach-Object { "$_" })
        $exitCode = $LASTEXITCODE
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
    $marker = [Array]::LastIndexOf($output, '::result::')
    if ($exitCode -ne 0 -or $marker -lt 0) { throw "The child pwsh failed ($exitCode): $($output -join "`n")" }
    ($output | Select-Object -Skip ($marker + 1)) -join "`n" | ConvertFrom-Json
}

# Tests never touch the internet: the default catalog is a file that does not exist, and downloads go to a
# cache folder of this run. (A test that wants either sets its own.)
$env:CACHEMETA_CATALOG = Join-Path ([IO.Path]::GetTempPath()) 'cachemeta-tests-no-default-catalog.json'
$env:CACHEMETA_CACHE_DIR = Join-Path ([IO.Path]::GetTempPath()) "cachemeta-tests-cache-$PID"
