using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Functional.Core.Kernels;
using Xunit;

namespace Functional.Core.Tests.Kernels;

/// <summary>The spinning worker team under the GEMM: every index once, exceptions, nesting, concurrent callers, and
/// workers that wake from sleep.</summary>
public sealed class KernelTeamTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(7, 2)]
    [InlineData(1000, 2)]
    [InlineData(1000, 1)]
    [InlineData(64, 8)] // more threads than this machine may have: capped at its processors
    public void Every_index_runs_exactly_once(int count, int threads)
    {
        var hits = new int[count];
        KernelTeam.For(count, threads, i => Interlocked.Increment(ref hits[i]));
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void A_loop_of_nothing_runs_nothing()
    {
        KernelTeam.For(0, 2, _ => throw new InvalidOperationException("no index should run"));
    }

    [Fact]
    public void A_body_exception_reaches_the_caller_and_the_team_keeps_working()
    {
        var e = Assert.Throws<InvalidOperationException>(
            () => KernelTeam.For(100, 2, i => { if (i == 37) throw new InvalidOperationException("index 37"); }));
        Assert.Equal("index 37", e.Message);

        var hits = new int[100];
        KernelTeam.For(100, 2, i => Interlocked.Increment(ref hits[i]));
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void A_loop_inside_a_loop_body_completes()
    {
        var hits = new int[8 * 16];
        KernelTeam.For(8, 2, i => KernelTeam.For(16, 2, j => Interlocked.Increment(ref hits[i * 16 + j])));
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void Loops_started_from_several_threads_at_once_all_complete()
    {
        var hits = new int[6, 500];
        Parallel.For(0, 6, new ParallelOptions { MaxDegreeOfParallelism = 6 }, caller =>
        {
            for (int round = 0; round < 20; round++)
                KernelTeam.For(25, 2, i => Interlocked.Increment(ref hits[caller, round * 25 + i]));
        });
        foreach (int h in hits) Assert.Equal(1, h);
    }

    [Fact]
    public void A_worker_that_fell_asleep_joins_the_next_loop()
    {
        if (Environment.ProcessorCount < 2)
        {
            // One processor: no workers; the loop runs on the caller.
            var ran = new ConcurrentBag<int>();
            KernelTeam.For(4, 2, _ => ran.Add(Environment.CurrentManagedThreadId));
            Assert.Equal(new[] { Environment.CurrentManagedThreadId }, ran.Distinct());
            return;
        }
        for (int attempt = 0; attempt < 3; attempt++)
        {
            // Longer than the spin time, so the workers are asleep when the loop starts.
            Thread.Sleep(KernelTeam.SpinMicroseconds / 1000 + 20);
            var threads = new ConcurrentDictionary<int, bool>();
            // Each index waits (up to 10 s) until a second thread has joined: a team whose worker never woke
            // would take 20 s and fail below.
            var started = DateTime.UtcNow;
            KernelTeam.For(2, 2, _ =>
            {
                threads[Environment.CurrentManagedThreadId] = true;
                SpinWait.SpinUntil(() => threads.Count >= 2, TimeSpan.FromSeconds(10));
            });
            Assert.Equal(2, threads.Count);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "the worker joined");
        }
    }

    [Theory]
    [InlineData(10, 3, false)]
    [InlineData(1, 4, false)]
    [InlineData(300_007, 2, true)]
    [InlineData(300_007, 5, true)]
    [InlineData(100, 1, true)]
    public void Ranges_cover_every_index_once_and_aligned_ranges_start_at_multiples_of_64(int n, int threads,
        bool aligned)
    {
        var ranges = new ConcurrentBag<(int First, int End)>();
        if (aligned) KernelTeam.ForAlignedRanges(n, threads, (first, end) => ranges.Add((first, end)));
        else KernelTeam.ForRanges(n, threads, (first, end) => ranges.Add((first, end)));
        var sorted = ranges.OrderBy(r => r.First).ToArray();
        Assert.Equal(Math.Min(threads, n), sorted.Length);
        Assert.Equal(0, sorted[0].First);
        Assert.Equal(n, sorted[^1].End);
        for (int i = 1; i < sorted.Length; i++)
        {
            Assert.Equal(sorted[i - 1].End, sorted[i].First);
            if (aligned) Assert.Equal(0, sorted[i].First % 64);
        }
    }
}
