using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Functional.Core.Kernels;

/// <summary>The threads that share a kernel's loop, run as OpenMP runs them: workers stay awake (spinning) for a short
/// while after a loop, so the next kernel, usually a fraction of a millisecond later in a training step, starts on
/// every thread at once instead of waiting for sleeping thread-pool workers to wake (that wait cost a third of the
/// two-thread GEMM time in an MLP epoch). Idle workers sleep after <see cref="SpinMicroseconds"/>. One loop runs on the
/// team at a time: a loop started meanwhile (from another thread, or from inside a loop's body) runs on
/// <see cref="Parallel"/> instead.</summary>
internal static class KernelTeam
{
    /// <summary>How long an idle worker spins before it sleeps.</summary>
    public const int SpinMicroseconds = 200;

    private static readonly long SpinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
    private static readonly SemaphoreSlim Wake = new(0);
    private static readonly object StartGate = new();
    private static Job? _current;
    private static int _busy, _sleepers, _workers;

    /// <summary>One loop: its body, how many indices, which index is next, how many are done, how many workers may
    /// still join, and the first exception a body threw.</summary>
    private sealed class Job(Action<int> body, int count, int helpers)
    {
        public readonly Action<int> Body = body;
        public readonly int Count = count;
        public int Next, Done;
        public int Helpers = helpers;
        public ExceptionDispatchInfo? Error;
    }

    /// <summary>body(0) … body(count − 1) on up to <paramref name="threads"/> threads (the caller's among them), each
    /// index exactly once; returns when all are done. The first exception a body throws is rethrown.</summary>
    public static void For(int count, int threads, Action<int> body)
    {
        int helpers = Math.Min(Math.Min(threads, count), Environment.ProcessorCount) - 1;
        if (helpers <= 0)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            try
            {
                Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // As from the team: the body's own exception, not Parallel's wrapper.
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
            return;
        }
        try
        {
            Start(helpers);
            var job = new Job(body, count, helpers);
            Volatile.Write(ref _current, job);
            int sleeping = Interlocked.Exchange(ref _sleepers, 0);
            if (sleeping > 0) Wake.Release(sleeping);
            Work(job);
            var spin = new SpinWait();
            while (Volatile.Read(ref job.Done) < count) spin.SpinOnce(sleep1Threshold: -1);
            job.Error?.Throw();
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>body(first, end) over [0, <paramref name="count"/>) in up to <paramref name="threads"/> even
    /// ranges, one per thread (one call when a single thread is asked for).</summary>
    public static void ForRanges(int count, int threads, Action<int, int> body)
    {
        int tasks = Math.Min(threads, count);
        if (tasks <= 1)
        {
            body(0, count);
            return;
        }
        For(tasks, tasks, t => body((int)((long)count * t / tasks), (int)((long)count * (t + 1) / tasks)));
    }

    /// <summary><see cref="ForRanges"/> over elements, with every range but the first starting at a multiple of 64
    /// and the last ending at <paramref name="n"/>: on long ranges the vector kernels treat every element as they
    /// would in one call, so the bits do not depend on the thread count.</summary>
    public static void ForAlignedRanges(int n, int threads, Action<int, int> body)
    {
        int tasks = Math.Min(threads, n);
        if (tasks <= 1)
        {
            body(0, n);
            return;
        }
        For(tasks, tasks, t => body((int)((long)n * t / tasks) & ~63,
            t + 1 == tasks ? n : (int)((long)n * (t + 1) / tasks) & ~63));
    }

    /// <summary>Claims and runs indices until none is left.</summary>
    private static void Work(Job job)
    {
        int i;
        while ((i = Interlocked.Increment(ref job.Next) - 1) < job.Count)
        {
            try
            {
                job.Body(i);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref job.Error, ExceptionDispatchInfo.Capture(e), null);
            }
            Interlocked.Increment(ref job.Done);
        }
    }

    /// <summary>Starts workers until there are <paramref name="helpers"/> (they live as long as the process).</summary>
    private static void Start(int helpers)
    {
        if (Volatile.Read(ref _workers) >= helpers) return;
        lock (StartGate)
        {
            while (_workers < helpers)
            {
                new Thread(Worker) { IsBackground = true, Name = $"Functional kernel worker {_workers + 1}" }.Start();
                _workers++;
            }
        }
    }

    /// <summary>A worker: joins each new loop while places are left, spins between loops, sleeps when idle.</summary>
    private static void Worker()
    {
        Job? seen = null;
        long idleSince = Stopwatch.GetTimestamp();
        while (true)
        {
            var job = Volatile.Read(ref _current);
            if (job != seen)
            {
                seen = job;
                if (job != null && Interlocked.Decrement(ref job.Helpers) >= 0) Work(job);
                idleSince = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetTimestamp() - idleSince < SpinTicks)
            {
                Thread.SpinWait(20);
            }
            else
            {
                // Counted before the last look, so a loop published after it releases this worker. A loop published
                // between the count and the look leaves a stale count: one later wake finds nothing and sleeps again.
                Interlocked.Increment(ref _sleepers);
                if (Volatile.Read(ref _current) == seen) Wake.Wait();
                idleSince = Stopwatch.GetTimestamp();
            }
        }
    }
}
