using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.Intrinsics.X86;
using HdrHistogram;
using RiskGate.Gate.Ring;

namespace RiskGate.Perf.Ring;

/// <summary>
/// Baseline: a <see cref="ConcurrentQueue{T}"/> of the same 160-byte <see cref="GateSlot"/> struct (copied in
/// and out by value), the consumer spinning on <c>TryDequeue</c> with a pause hint. The queue is unbounded
/// (that is how it is used); it may grow segments while the producer runs ahead, which favours it.
/// </summary>
internal static class ConcurrentQueueRunners
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static ThroughputSample Run(int producers, long eventsPerProducer)
    {
        var total = producers * eventsPerProducer;
        var queue = new ConcurrentQueue<GateSlot>();
        var start = new StartSignal();
        long batches = 0;
        long endTicks = 0;
        var validator = new OrderValidator(producers);
        var consumer = new Thread(() =>
        {
            long run = 0;
            while (validator.Count < total)
            {
                if (queue.TryDequeue(out var item))
                {
                    run++;
                    validator.Check(ref item);
                }
                else
                {
                    if (run > 0)
                    {
                        batches++;
                        run = 0;
                    }

                    Pause();
                }
            }

            endTicks = Stopwatch.GetTimestamp();
            if (run > 0)
            {
                batches++;
            }
        })
        { IsBackground = true, Name = "perf-cq-consumer" };
        consumer.Start();
        var threads = new Thread[producers];
        for (var p = 0; p < producers; p++)
        {
            var id = p;
            threads[p] = new Thread(() =>
            {
                start.Wait();
                var item = default(GateSlot);
                for (long i = 0; i < eventsPerProducer; i++)
                {
                    OrderValidator.Stamp(ref item, id, i);
                    queue.Enqueue(item);
                }
            })
            { IsBackground = true, Name = "perf-cq-producer-" + p };
            threads[p].Start();
        }

        var gc = GC.CollectionCount(0);
        var t0 = start.Release();
        var ok = true;
        foreach (var t in threads)
        {
            ok &= t.Join(Timeout);
        }

        ok &= consumer.Join(Timeout);
        var errors = validator.Verdict(total) + (ok ? 0 : 1);
        return new ThroughputSample(total, StartSignal.Seconds(t0, endTicks), batches, errors, GC.CollectionCount(0) - gc);
    }

    public static (LongHistogram Histogram, long Errors) PingPong(int roundTrips)
    {
        var requests = new ConcurrentQueue<GateSlot>();
        var replies = new ConcurrentQueue<GateSlot>();
        var histogram = new LongHistogram(10_000_000_000L, 3);
        long errors = 0;
        var echo = new Thread(() =>
        {
            for (var i = 0; i < roundTrips; i++)
            {
                GateSlot item;
                while (!requests.TryDequeue(out item))
                {
                    Pause();
                }

                replies.Enqueue(item);
            }
        })
        { IsBackground = true, Name = "perf-cq-echo" };
        var pinger = new Thread(() =>
        {
            var item = default(GateSlot);
            for (long i = 0; i < roundTrips; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                OrderValidator.Stamp(ref item, 0, i);
                requests.Enqueue(item);
                GateSlot reply;
                while (!replies.TryDequeue(out reply))
                {
                    Pause();
                }

                var t1 = Stopwatch.GetTimestamp();
                if (reply.DecisionSequence != i)
                {
                    errors++;
                }

                histogram.RecordValue(StartSignal.Nanoseconds(t1 - t0));
            }
        })
        { IsBackground = true, Name = "perf-cq-pinger" };
        echo.Start();
        pinger.Start();
        var ok = pinger.Join(Timeout) & echo.Join(Timeout);
        return (histogram, errors + (ok ? 0 : 1) + (histogram.TotalCount == roundTrips ? 0 : 1));
    }

    private static void Pause()
    {
        if (X86Base.IsSupported)
        {
            X86Base.Pause();
        }
        else
        {
            Thread.SpinWait(1);
        }
    }
}
