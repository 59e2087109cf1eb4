<#
.SYNOPSIS
    Measures CacheMeta against the ways the same question is answered without it (build.ps1 -Task Bench).

.DESCRIPTION
    Runs in a child pwsh with the staged module. For each tree (one tag of ~60k specs, all tags of ~425k)
    it times, after a warm-up, the median of -Repetitions runs of:
      a  Get-CacheSpec -Path tree -Stack e4s -Target x86_64_v3 | Measure-Object
      b  the same question scripted without CacheMeta (Get-ChildItem, Get-Content, ConvertFrom-Json, Where-Object)
      c  Python with PyYAML's C loader (skipped when python3 or libyaml is missing)
      d  the floor: reading the files and parsing their JSON with System.Text.Json, no objects (1 thread; d2: 2)
      e  Get-CacheSpec -Path tree | Where-Object Target -eq aarch64
      f  Measure-CacheStack -Path tree
      g  time to the first object
      h  peak working set of a fresh pwsh streaming every spec of the tree
    and checks that a, b and c count the same specs. Writes the results as JSON to -ResultPath. Then, once:
      i  Get-CacheHost: its first call in a fresh pwsh (median over -Repetitions processes) and a warm call
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $BenchTool,
    [Parameter(Mandatory)] [string[]] $Trees,
    [Parameter(Mandatory)] [string] $ResultPath,
    [int] $Repetitions = 5,
    # The scripted and Python baselines take long on the big tree: they run this many times there.
    [int] $SlowRepetitions = 3,
    # Warm-up runs of the fast cases (see Measure-Median).
    [int] $WarmUp = 12
)

$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest

. (Join-Path $PSScriptRoot 'Measure-Median.ps1')

$python = Get-Command python3 -ErrorAction Ignore
$hasPyYaml = $python -and ((& $python.Source -c 'import yaml; print(yaml.__with_libyaml__)' 2>$null) -eq 'True')
$pythonScript = @'
import os, sys, yaml
count = 0
for folder, _, files in os.walk(sys.argv[1]):
    if 'specs.md' in files:
        with open(os.path.join(folder, 'specs.md'), encoding='utf-8') as f:
            text = f.read()
        front = text.split('\n---', 1)[0][4:]
        page = yaml.load(front, Loader=yaml.CSafeLoader)
        count += sum(1 for s in page['spec_details'] if 'e4s' in s['stacks'] and s['target'] == 'x86_64_v3')
print(count)
'@

# One pass over every tree first: the JIT's tiers are per process, so the first tree measured would otherwise
# pay for warming code that every later measurement gets for free.
foreach ($tree in $Trees) {
    foreach ($i in 1..$WarmUp) {
        $null = Get-CacheSpec -Path $tree -Stack e4s -Target x86_64_v3 | Measure-Object
        $null = Get-CacheSpec -Path $tree | Where-Object Target -eq aarch64 | Measure-Object
    }
}

$results = foreach ($tree in $Trees) {
    $specs = [long](Get-CachePackage -Path $tree | Measure-Object -Property NumSpecs -Sum).Sum
    $big = $specs -gt 100000
    $slow = if ($big) { $SlowRepetitions } else { $Repetitions }
    Write-Host "Tree $tree ($specs specs)" -ForegroundColor Cyan

    $a = Measure-Median -Count $Repetitions -WarmUp $WarmUp { (Get-CacheSpec -Path $tree -Stack e4s -Target x86_64_v3 | Measure-Object).Count }
    Write-Host ("  a {0,9:N0} ms  {1} specs" -f $a.Ms, $a.Output)

    $b = Measure-Median -Count $slow {
        (Get-ChildItem -LiteralPath $tree -Recurse -Filter specs.md | ForEach-Object {
                $line = Get-Content -LiteralPath $_.FullName | Where-Object { $_.StartsWith('spec_details: ') }
                $line.Substring(14) | ConvertFrom-Json | Where-Object { $_.stacks -contains 'e4s' -and $_.target -eq 'x86_64_v3' }
            } | Measure-Object).Count
    }
    Write-Host ("  b {0,9:N0} ms  {1} specs" -f $b.Ms, $b.Output)
    if ($b.Output -ne $a.Output) { throw "Get-CacheSpec counted $($a.Output) specs, the scripted baseline $($b.Output)." }

    $c = if ($hasPyYaml) {
        $m = Measure-Median -Count $slow { [int](& $python.Source -c $pythonScript $tree) }
        Write-Host ("  c {0,9:N0} ms  {1} specs" -f $m.Ms, $m.Output)
        if ($m.Output -ne $a.Output) { throw "Get-CacheSpec counted $($a.Output) specs, Python $($m.Output)." }
        $m
    }

    $floor = foreach ($threads in 1, 2) {
        $line = & dotnet $BenchTool floor $tree $threads $Repetitions $WarmUp
        [double]($line -split ' ')[0]
    }
    Write-Host ("  d {0,9:N0} ms (1 thread), {1:N0} ms (2 threads)" -f $floor[0], $floor[1])

    $e = Measure-Median -Count $Repetitions -WarmUp $WarmUp { (Get-CacheSpec -Path $tree | Where-Object Target -eq aarch64 | Measure-Object).Count }
    Write-Host ("  e {0,9:N0} ms  {1} specs" -f $e.Ms, $e.Output)
    $f = Measure-Median -Count $Repetitions -WarmUp $WarmUp { @(Measure-CacheStack -Path $tree).Count }
    Write-Host ("  f {0,9:N0} ms  {1} rows" -f $f.Ms, $f.Output)
    $g = Measure-Median -Count $Repetitions -WarmUp $WarmUp { (Get-CacheSpec -Path $tree | Select-Object -First 1).Hash }
    Write-Host ("  g {0,9:N1} ms" -f $g.Ms)

    # A fresh process per tree, so the peak belongs to this tree alone.
    $pwsh = Join-Path $PSHOME 'pwsh.dll'
    $peakScript = "Import-Module '$ModuleManifest'; `$null = Get-CacheSpec -Path '$tree' | Measure-Object; [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64"
    $peak = [long](& dotnet $pwsh -NoProfile -NonInteractive -Command $peakScript)
    $baseScript = "Import-Module '$ModuleManifest'; [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64"
    $base = [long](& dotnet $pwsh -NoProfile -NonInteractive -Command $baseScript)
    Write-Host ("  h {0,9:N0} MB peak ({1:N0} MB after import alone)" -f ($peak / 1MB), ($base / 1MB))

    [pscustomobject]@{
        Tree = $tree; Specs = $specs; Matches = $a.Output
        A = $a.Ms; B = $b.Ms; C = if ($c) { $c.Ms } else { $null }; D1 = $floor[0]; D2 = $floor[1]
        E = $e.Ms; F = $f.Ms; G = $g.Ms; PeakMB = [math]::Round($peak / 1MB, 1); ImportMB = [math]::Round($base / 1MB, 1)
    }
}

$results | ConvertTo-Json -Depth 3 | Set-Content -LiteralPath $ResultPath

# The table: times, ratios against (a) measured in this same run, specs per second.
$small, $large = $results[0], $results[-1]
function Ratio([double] $value, [double] $reference) { if ($value -and $reference) { '{0:N1}x' -f ($value / $reference) } else { '-' } }
function Rate([double] $ms, [long] $specs) { if ($ms) { '{0:N0}' -f ($specs / ($ms / 1000)) } else { '-' } }
$rows = @(
    @{ Case = '(a) Get-CacheSpec -Stack e4s -Target x86_64_v3'; Key = 'A' }
    @{ Case = '(b) scripted: Get-Content | ConvertFrom-Json'; Key = 'B' }
    @{ Case = '(c) Python, PyYAML CSafeLoader'; Key = 'C' }
    @{ Case = '(d) floor: System.Text.Json, 1 thread'; Key = 'D1' }
    @{ Case = '(d) floor: System.Text.Json, 2 threads'; Key = 'D2' }
    @{ Case = '(e) Get-CacheSpec | Where-Object Target -eq ...'; Key = 'E' }
    @{ Case = '(f) Measure-CacheStack'; Key = 'F' }
    @{ Case = '(g) time to first object'; Key = 'G' }
)
$table = foreach ($row in $rows) {
    [pscustomobject]@{
        Case             = $row.Case
        "ms $($small.Specs)" = if ($null -ne $small.($row.Key)) { '{0:N1}' -f $small.($row.Key) } else { 'skipped' }
        "ms $($large.Specs)" = if ($null -ne $large.($row.Key)) { '{0:N1}' -f $large.($row.Key) } else { 'skipped' }
        'x (a), small'    = Ratio $small.($row.Key) $small.A
        'x (a), large'    = Ratio $large.($row.Key) $large.A
        'specs/s, small'  = if ($row.Key -ne 'G') { Rate $small.($row.Key) $small.Specs } else { '-' }
    }
}
$table | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
Write-Host ("(h) peak working set: {0:N1} MB for {1:N0} specs, {2:N1} MB for {3:N0} specs (import alone: {4:N1} MB); ratio {5:N2}" -f
    $small.PeakMB, $small.Specs, $large.PeakMB, $large.Specs, $small.ImportMB, ($large.PeakMB / $small.PeakMB))
Write-Host ("Time per spec, (a): {0:N2} us small, {1:N2} us large; ratio {2:N2}" -f
    ($small.A * 1000 / $small.Specs), ($large.A * 1000 / $large.Specs), (($large.A / $large.Specs) / ($small.A / $small.Specs)))

# The targets, checked against this run's own baselines.
$checks = @(
    @{ Target = '(a) at least 20x faster than (b)'; Value = { param($r) $r.B / $r.A }; Pass = { param($v) $v -ge 20 }; Format = '{0:N1}x' }
    @{ Target = '(a) at least 10x faster than (c)'; Value = { param($r) if ($r.C) { $r.C / $r.A } }; Pass = { param($v) $v -ge 10 }; Format = '{0:N1}x' }
    @{ Target = '(a) within 1.5x of (d), 1 thread'; Value = { param($r) $r.A / $r.D1 }; Pass = { param($v) $v -le 1.5 }; Format = '{0:N2}x' }
    @{ Target = '(a) within 1.5x of (d), 2 threads'; Value = { param($r) $r.A / $r.D2 }; Pass = { param($v) $v -le 1.5 }; Format = '{0:N2}x' }
    @{ Target = '(g) first object under 100 ms'; Value = { param($r) $r.G }; Pass = { param($v) $v -lt 100 }; Format = '{0:N1} ms' }
)
foreach ($check in $checks) {
    $cells = foreach ($r in $small, $large) {
        $v = & $check.Value $r
        if ($null -eq $v) { 'skipped' } else { ($check.Format -f $v) + $(if (& $check.Pass $v) { ' ok' } else { ' MISSED' }) }
    }
    Write-Host ("{0,-36} {1,-14} {2}" -f $check.Target, $cells[0], $cells[1])
}
$peakRatio = $large.PeakMB / $small.PeakMB
$perSpecRatio = ($large.A / $large.Specs) / ($small.A / $small.Specs)
Write-Host ("{0,-36} {1:N2}{2}" -f '(h) peak, large/small within 1.5', $peakRatio, $(if ($peakRatio -le 1.5) { ' ok' } else { ' MISSED' }))
Write-Host ("{0,-36} {1:N2}{2}" -f 'time per spec, large/small within 1.2', $perSpecRatio, $(if ($perSpecRatio -le 1.2) { ' ok' } else { ' MISSED' }))

# (i) Host detection, which has no tree: the first call pays for loading and compiling the detection code.
$firstScript = "Import-Module '$ModuleManifest'; `$null = Get-Command Get-CacheHost; `$clock = [Diagnostics.Stopwatch]::StartNew(); " +
    "`$null = Get-CacheHost; `$clock.Elapsed.TotalMilliseconds"
$firsts = @(foreach ($i in 1..$Repetitions) { [double](& dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $firstScript) }) | Sort-Object
$firstCall = $firsts[[int][math]::Floor($firsts.Count / 2)]
$warmCall = (Measure-Median -Count $Repetitions -WarmUp $WarmUp { $null = Get-CacheHost }).Ms
Write-Host ("{0,-36} {1:N1} ms first call{2}, {3:N2} ms warm" -f '(i) Get-CacheHost under 50 ms', $firstCall,
    $(if ($firstCall -lt 50) { ' ok' } else { ' MISSED' }), $warmCall)
