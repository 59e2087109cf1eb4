using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace CacheMeta.Tests.Fuzzing;

/// <summary>A reader under test: seed inputs and a function that must only ever return or throw CacheMetaException.</summary>
internal sealed record FuzzTarget(string Name, IReadOnlyList<byte[]> Seeds, Action<byte[]> Read);

/// <summary>What a fuzzing run tried and what it found.</summary>
internal sealed record FuzzReport(string Target, int Inputs, int Rejected, TimeSpan Elapsed, long MaxAllocatedBytes, string? Failure);

/// <summary>
/// Runs a target over mutated inputs for a time budget. Each input runs with a time limit (a hang is a
/// failure), must not let any exception but CacheMetaException escape, and must allocate within a bound
/// proportional to its size (no blow-up from aliases, nesting or repetition).
/// </summary>
internal static class FuzzRunner
{
    private const long AllocationAllowancePerInputByte = 64;
    private const long AllocationAllowanceBase = 32L * 1024 * 1024;

    // How far past its budget a run may go to reach its minimum number of inputs.
    private const int OverrunFactor = 20;

    public static FuzzReport Run(FuzzTarget target, int seed, TimeSpan budget, TimeSpan perInputLimit, int minimumInputs)
    {
        var mutator = new Mutator(seed);
        var random = new Random(seed);
        using var worker = new Worker(target.Read);
        var clock = Stopwatch.StartNew();
        int inputs = 0, rejected = 0;
        long maxAllocated = 0;
        // The budget is time, but a loaded machine (a test run beside other builds) must not turn it into too
        // few inputs to mean anything: below minimumInputs the run goes on, up to OverrunFactor times the budget.
        var hardStop = TimeSpan.FromTicks(budget.Ticks * OverrunFactor);
        while ((clock.Elapsed < budget || inputs < minimumInputs) && clock.Elapsed < hardStop)
        {
            byte[] input = mutator.Mutate(target.Seeds[random.Next(target.Seeds.Count)], target.Seeds);
            inputs++;
            if (!worker.TryRun(input, perInputLimit, out var outcome))
            {
                return Fail($"input {inputs} ran longer than {perInputLimit.TotalSeconds:0.#} s");
            }

            if (outcome.Error is not null)
            {
                return Fail($"input {inputs} let {outcome.Error.GetType().Name} escape: {outcome.Error.Message}\n{outcome.Error.StackTrace}");
            }

            if (outcome.Allocated > AllocationAllowanceBase + AllocationAllowancePerInputByte * input.Length)
            {
                return Fail($"input {inputs} ({input.Length:N0} bytes) allocated {outcome.Allocated:N0} bytes");
            }

            rejected += outcome.Rejected ? 1 : 0;
            maxAllocated = Math.Max(maxAllocated, outcome.Allocated);

            FuzzReport Fail(string what) => new(target.Name, inputs, rejected, clock.Elapsed, maxAllocated,
                $"{what} (seed {seed}, mutations {mutator.LastOperation}); input as base64: {Convert.ToBase64String(input)}");
        }

        return new FuzzReport(target.Name, inputs, rejected, clock.Elapsed, maxAllocated, null);
    }

    private readonly record struct Outcome(bool Rejected, long Allocated, Exception? Error);

    // One dedicated thread runs the inputs: a thread-pool task per input starves under a busy test run, and
    // a hung input must be detectable (the thread is then abandoned; it is a background thread).
    private sealed class Worker : IDisposable
    {
        private readonly Action<byte[]> _read;
        private readonly Thread _thread;
        private readonly SemaphoreSlim _start = new(0);
        private readonly SemaphoreSlim _done = new(0);
        private byte[] _input = Array.Empty<byte>();
        private Outcome _outcome;
        private volatile bool _stop;

        public Worker(Action<byte[]> read)
        {
            _read = read;
            _thread = new Thread(Loop, 64 * 1024 * 1024) { IsBackground = true, Name = "fuzz worker" };
            _thread.Start();
        }

        public bool TryRun(byte[] input, TimeSpan limit, out Outcome outcome)
        {
            _input = input;
            _start.Release();
            bool finished = _done.Wait(limit);
            outcome = _outcome;
            return finished;
        }

        public void Dispose()
        {
            _stop = true;
            _start.Release();
        }

        private void Loop()
        {
            while (true)
            {
                _start.Wait();
                if (_stop)
                {
                    return;
                }

                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    _read(_input);
                    _outcome = new Outcome(false, GC.GetAllocatedBytesForCurrentThread() - before, null);
                }
                catch (CacheMetaException)
                {
                    _outcome = new Outcome(true, GC.GetAllocatedBytesForCurrentThread() - before, null);
                }
                catch (Exception ex)
                {
                    _outcome = new Outcome(false, 0, ex);
                }

                _done.Release();
            }
        }
    }

    /// <summary>The budget per target: CACHEMETA_FUZZ_SECONDS (build.ps1 -Task Fuzz -Seconds N), else a few seconds.</summary>
    public static TimeSpan Budget(double defaultSeconds) =>
        TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("CACHEMETA_FUZZ_SECONDS"), out double s) && s > 0 ? s : defaultSeconds);
}
