using System;
using System.Linq;
using System.Threading;
using CacheMeta.Binaries;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Binaries;

public class OrderedWorkTests
{
    [Fact]
    public void Results_come_in_input_order_whatever_finishes_first_and_no_more_than_the_bound_run_at_once()
    {
        int running = 0, most = 0;
        bool overlapped = false;
        using var firstTwo = new Barrier(2); // items 0 and 1 each wait inside their work until the other is there too
        var observer = new RecordingObserver();
        using var work = new OrderedWork<int, int>(3, (item, reports, token) =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            if (item < 2)
            {
                // Run one at a time, the other would never come. (Item 1 merely having started once is not enough: on a
                // loaded pool it may start and finish before item 0 starts, and nothing overlaps.)
                bool met = firstTwo.SignalAndWait(TimeSpan.FromSeconds(30));
                overlapped = item == 0 ? met : overlapped;
            }

            Thread.Sleep(item % 2 == 0 ? 60 : 5); // even items finish last
            reports.Verbose("item " + item);
            Interlocked.Decrement(ref running);
            if (item == 4)
            {
                throw new CacheMetaException(ErrorIds.BinaryNotFound, CacheErrorKind.ObjectNotFound, "gone", "item 4");
            }

            return item * 10;
        }, CancellationToken.None);
        for (int i = 0; i < 9; i++)
        {
            work.Add(i);
        }

        var results = work.Take(observer, wait: true).ToList();

        Assert.Equal(Enumerable.Range(0, 9).ToArray(), results.Select(r => r.Item).ToArray());
        Assert.Equal(new[] { 0, 10, 20, 30, 0, 50, 60, 70, 80 }, results.Select(r => r.Value).ToArray());
        Assert.Equal(ErrorIds.BinaryNotFound, Assert.IsType<CacheMetaException>(results[4].Error).ErrorId);
        Assert.True(overlapped, "item 1 started while item 0 was still running");
        Assert.InRange(most, 2, 3);
        Assert.Equal(9, observer.Verbose.Count); // passed on from the pool's threads by the caller's
    }

    [Fact]
    public void Reports_made_after_every_result_was_taken_are_passed_on_when_asked()
    {
        var observer = new RecordingObserver();
        using var work = new OrderedWork<int, int>(2, (item, reports, token) => item, CancellationToken.None);
        work.Add(1);
        Assert.Single(work.Take(observer, wait: true).ToList());

        // Work that reports through the pool's observer once nothing is pending (Save-CacheBinary's signature check).
        work.Observer.Warning("key ignored");
        work.Observer.Verbose("downloaded");
        Assert.Empty(work.Take(observer, wait: true).ToList());
        Assert.Empty(observer.Warnings); // Take passes reports only while results are pending

        work.PassReports(observer);
        work.PassReports(observer);

        Assert.Equal(new[] { "key ignored" }, observer.Warnings);
        Assert.Equal(new[] { "downloaded" }, observer.Verbose);
    }

    [Fact]
    public void Cancelling_stops_the_wait_for_work_that_has_not_finished()
    {
        using var cancel = new CancellationTokenSource();
        using var release = new ManualResetEventSlim();
        using var work = new OrderedWork<int, int>(1, (item, reports, token) => { release.Wait(); return item; }, cancel.Token);
        work.Add(1);
        cancel.CancelAfter(100);

        try
        {
            Assert.ThrowsAny<OperationCanceledException>(() => work.Take(new RecordingObserver(), wait: true).ToList());
        }
        finally
        {
            release.Set(); // the work never finishes by itself: only the cancellation can end the wait
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
