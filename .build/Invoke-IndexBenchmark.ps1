<#
.SYNOPSIS
    Measures CacheMeta on a public-scale build-cache index against the floor, jq and Python (build.ps1 -Task Bench).

.DESCRIPTION
    Runs in a child pwsh with the staged module, over the tree the bench tool's 'indexes' command writes: a root index
    of 150,000 specs (database 8) and three stack indexes of one tag, with a catalog, served from 127.0.0.1 by the
    bench tool. After a warm-up, the median of -Repetitions runs of:
      floor  one thread streaming the root index through System.Text.Json's reader, building nothing (measured before
             the first row and after each; a row's ratio is against the mean of the floors either side of it)
      i      Get-CacheSpec -Mirror root -Name no-such-package
      ii     Get-CacheSpec -Mirror root -Name 'py-*'
      iii    Get-CacheSpec -Mirror root (every spec as an object)
      iv     Get-CacheSpec -Catalog url -Stack e4s -TargetFamily aarch64 -CompleteStacks
      v      Get-CacheSpec -Mirror root -Spec 'py-* ^glibc@2.39' (a ^ query, answered on the index's graph)
      vi     Test-CacheIndex -Mirror root (the audit)
      vii    the first object
      viii   peak working set of a fresh pwsh for i, ii and iii
      ix     -Name 'py-*' again on the served, cached and unchanged root index (read from the index snapshot the first
             read left beside the cached blob)
    and the index snapshot's stored format against MessagePack and SQLite (write time, size, a repeated py-* read),
    and jq and Python's json.load on ii (once each: they take seconds; skipped with a note when missing), checking
    that CacheMeta, jq and Python count the same specs. Writes the results as JSON to -ResultPath.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $BenchTool,
    [Parameter(Mandatory)] [string] $Root,
    [Parameter(Mandatory)] [string] $ResultPath,
    [int] $Repetitions = 5,
    [int] $WarmUp = 3
)

$ErrorActionPreference = 'Stop'
$env:CACHEMETA_CACHE_DIR = Join-Path (Split-Path $ResultPath) 'index-cache' # never the user's cache
Import-Module $ModuleManifest
$mirror = Join-Path $Root 'develop'
$file = Join-Path $mirror 'build_cache/index.json'

. (Join-Path $PSScriptRoot 'Measure-Median.ps1')

function Invoke-Tool([string[]] $Arguments) {
    # The bench tool prints "<median ms> <count>".
    $line = & dotnet $BenchTool @Arguments
    if ($LASTEXITCODE -ne 0) { throw "The bench tool failed: $Arguments" }
    $ms, $count = $line -split ' '
    [pscustomobject]@{ Ms = [double]$ms; Output = [long]$count }
}

$server = [Diagnostics.Process]::new()
$server.StartInfo = [Diagnostics.ProcessStartInfo]::new('dotnet', "`"$BenchTool`" serve `"$Root`"")
$server.StartInfo.RedirectStandardInput = $true
$server.StartInfo.RedirectStandardOutput = $true
$null = $server.Start()
try {
    $url = $server.StandardOutput.ReadLine()
    $catalog = $url + 'catalog.json'
    $served = $url + 'develop'
    $r = [ordered]@{}
    # The floor is measured before the first row and after every row, and each row is set against the mean of the
    # floors on either side of it: this machine's speed drifts by a fifth and more within minutes, so one floor
    # measured at the start set later rows against a machine that was no longer there.
    $floors = [Collections.Generic.List[double]]::new()
    $floors.Add((Invoke-Tool @('index-floor', $file, $Repetitions, $WarmUp)).Ms)
    function Measure-Row([scriptblock] $Block, [int] $WarmUpRuns = $WarmUp) {
        $row = Measure-Median -Block $Block -Count $Repetitions -WarmUp $WarmUpRuns
        $before = $floors[$floors.Count - 1]
        $after = (Invoke-Tool @('index-floor', $file, $Repetitions, $WarmUp)).Ms
        $floors.Add($after)
        $row | Add-Member -NotePropertyName FloorMs -NotePropertyValue (($before + $after) / 2) -PassThru
    }
    $r.I = Measure-Row { (Get-CacheSpec -Mirror $mirror -Name no-such-package | Measure-Object).Count }
    $r.II = Measure-Row { (Get-CacheSpec -Mirror $mirror -Name 'py-*' | Measure-Object).Count }
    $r.III = Measure-Row { (Get-CacheSpec -Mirror $mirror | Measure-Object).Count }
    $r.IV = Measure-Row { (Get-CacheSpec -Catalog $catalog -Stack e4s -TargetFamily aarch64 -CompleteStacks | Measure-Object).Count }
    $r.V = Measure-Row { (Get-CacheSpec -Mirror $mirror -Spec 'py-* ^glibc@2.39' | Measure-Object).Count }
    $r.VI = Measure-Row { (Test-CacheIndex -Mirror $mirror | Measure-Object).Count }
    $r.VII = Measure-Row { (Get-CacheSpec -Mirror $mirror | Select-Object -First 1).Hash } -WarmUpRuns ($WarmUp * 3)
    $null = Get-CacheSpec -Mirror $served -Name no-such-package # downloads once; later runs revalidate
    $r.IX = Measure-Row { (Get-CacheSpec -Mirror $served -Name 'py-*' | Measure-Object).Count }
    $sortedFloors = @($floors | Sort-Object)
    $r.Floor = [pscustomobject]@{ Ms = $sortedFloors[[int][math]::Floor($sortedFloors.Count / 2)]; Output = $null }
    $r.Floor | Add-Member -NotePropertyName FloorMs -NotePropertyValue $r.Floor.Ms
    Write-Host ("  floor {0,8:N0} ms  (median of {1} measurements: {2} ms)" -f $r.Floor.Ms, $floors.Count, (($floors | ForEach-Object { '{0:N0}' -f $_ }) -join ', '))
    foreach ($key in 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'IX') { Write-Host ("  {0,-5} {1,8:N1} ms  {2}" -f $key, $r[$key].Ms, $r[$key].Output) }
    if ($r.I.Output -ne 0) { throw "-Name no-such-package found $($r.I.Output) specs." }
    if ($r.IX.Output -ne $r.II.Output) { throw "The served index counted $($r.IX.Output) py-* specs, the local one $($r.II.Output)." }
}
finally {
    $server.StandardInput.Close()
    $null = $server.WaitForExit(10000)
}

# The snapshot's layout against the well-kept candidates, in this run (so on the same load), as ratios to it.
Write-Host '  index snapshot formats (the same records; write, size, repeated py-* read):'
$formats = & dotnet $BenchTool snapshot-formats $file (Join-Path (Split-Path $ResultPath) 'snapshot-formats') $Repetitions 1
if ($LASTEXITCODE -ne 0) { throw 'The bench tool failed: snapshot-formats' }
$formats | ForEach-Object { Write-Host "    $_" }
Remove-Item -LiteralPath (Join-Path (Split-Path $ResultPath) 'snapshot-formats') -Recurse -Force

# Fresh processes: the peak belongs to one question alone.
$pwsh = Join-Path $PSHOME 'pwsh.dll'
$peaks = foreach ($question in "-Name no-such-package", "-Name 'py-*'", '') {
    $script = "Import-Module '$ModuleManifest'; `$null = Get-CacheSpec -Mirror '$mirror' $question | Measure-Object; [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64"
    [math]::Round([long](& dotnet $pwsh -NoProfile -NonInteractive -Command $script) / 1MB, 1)
}
Write-Host ("  viii  {0} MB peak (i, ii, iii)" -f ($peaks -join ', '))

# jq and Python on (ii): the in-cache records whose package name starts with py-.
$jq = Get-Command jq -ErrorAction Ignore
$r.Jq = if ($jq) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $count = [long](& $jq.Source '[.database.installs[] | select(.in_buildcache == true and (.spec.name | startswith("py-")))] | length' $file)
    [pscustomobject]@{ Ms = $clock.Elapsed.TotalMilliseconds; Output = $count }
}
else { Write-Host '  jq is not installed: its row is skipped.' }
$python = Get-Command python3 -ErrorAction Ignore
$r.Python = if ($python) {
    $code = 'import json, sys; d = json.load(open(sys.argv[1], "rb")); print(sum(1 for r in d["database"]["installs"].values() if r.get("in_buildcache") is True and r["spec"]["name"].startswith("py-")))'
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $count = [long](& $python.Source -c $code $file)
    [pscustomobject]@{ Ms = $clock.Elapsed.TotalMilliseconds; Output = $count }
}
else { Write-Host '  python3 is not installed: its row is skipped.' }
foreach ($name in 'Jq', 'Python') {
    if ($r[$name]) {
        Write-Host ("  {0,-6} {1,8:N0} ms  {2}" -f $name, $r[$name].Ms, $r[$name].Output)
        if ($r[$name].Output -ne $r.II.Output) { throw "Get-CacheSpec counted $($r.II.Output) py-* specs, $name $($r[$name].Output)." }
    }
}

$floor = $r.Floor.Ms
$results = [ordered]@{ Load = (Get-Content /proc/loadavg -ErrorAction Ignore); PeakMB = $peaks; SnapshotFormats = @($formats) }
$results.Floors = @($floors)
foreach ($key in $r.Keys) { $results[$key] = [ordered]@{ Ms = $r[$key].Ms; Count = $r[$key].Output; FloorMs = $r[$key].FloorMs } }
$results | ConvertTo-Json -Depth 3 | Set-Content -LiteralPath $ResultPath

$rows = @(
    @{ Case = 'floor: Utf8JsonReader over the index, 1 thread'; Key = 'Floor' }
    @{ Case = '(i) Get-CacheSpec -Mirror m -Name no-such-package'; Key = 'I'; Target = 1.2 }
    @{ Case = "(ii) -Name 'py-*'"; Key = 'II'; Target = 1.5 }
    @{ Case = '(iii) every spec as an object'; Key = 'III'; Target = 2.5 }
    @{ Case = '(iv) catalog -Stack e4s -TargetFamily aarch64 -CompleteStacks'; Key = 'IV' }
    @{ Case = "(v) -Spec 'py-* ^glibc@2.39'"; Key = 'V' }
    @{ Case = '(vi) Test-CacheIndex -Mirror m'; Key = 'VI' }
    @{ Case = '(vii) first object'; Key = 'VII' }
    @{ Case = "(ix) -Name 'py-*' again, cached and unchanged"; Key = 'IX'; Target = 0.5 }
    @{ Case = "jq on (ii)"; Key = 'Jq' }
    @{ Case = "Python json.load on (ii)"; Key = 'Python' }
)
$table = foreach ($row in $rows) {
    $m = $r[$row.Key]
    [pscustomobject]@{
        Case    = $row.Case
        ms      = if ($m) { '{0:N1}' -f $m.Ms } else { 'skipped' }
        'x floor' = if ($m) { '{0:N2}' -f ($m.Ms / $(if ($m.FloorMs) { $m.FloorMs } else { $floor })) } else { '-' }
        Count   = if ($m) { $m.Output } else { '-' }
        Target  = if ($row.Target) { ('<= {0}x' -f $row.Target) + $(if ($m.Ms / $m.FloorMs -le $row.Target) { ' ok' } else { ' MISSED' }) }
                  elseif ($row.Key -eq 'VII') { '< 100 ms' + $(if ($m.Ms -lt 100) { ' ok' } else { ' MISSED' }) } else { '' }
    }
}
$table | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
$maxPeak = ($peaks | Measure-Object -Maximum).Maximum
Write-Host ("(viii) peak working set {0} MB for (i), (ii), (iii): <= 200 MB{1}" -f ($peaks -join ' / '), $(if ($maxPeak -le 200) { ' ok' } else { ' MISSED' }))
if ($r.Jq) { Write-Host ("(ii) is {0:N1}x faster than jq: >= 10x{1}" -f ($r.Jq.Ms / $r.II.Ms), $(if ($r.Jq.Ms / $r.II.Ms -ge 10) { ' ok' } else { ' MISSED' })) }
Write-Host ("Load average during the run: {0}" -f $results.Load)
