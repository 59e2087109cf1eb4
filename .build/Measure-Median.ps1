# The timing both benchmark scripts share (dot-sourced).

function Measure-Median {
    # Warm-up runs, then the median of $Count runs, in milliseconds; the block's last output is kept.
    # .NET's tiered JIT with dynamic PGO runs hot code instrumented for a while before it is fully optimised
    # (for PowerShell's pipeline, System.Text.Json and CacheMeta alike), so fast cases warm up several times.
    param([scriptblock] $Block, [int] $Count, [int] $WarmUp = 1)
    foreach ($i in 1..$WarmUp) { $script:lastOutput = & $Block }
    $times = foreach ($i in 1..$Count) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $script:lastOutput = & $Block
        $clock.Elapsed.TotalMilliseconds
    }
    $sorted = @($times | Sort-Object)
    [pscustomobject]@{ Ms = $sorted[[int][math]::Floor($sorted.Count / 2)]; Output = $script:lastOutput }
}
