using System.Diagnostics;
using System.Threading.Channels;
using HdrHistogram;
using RiskGate.Gate.Ring;

namespace RiskGate.Perf.Ring;

/// <summary>
/// Baseline: <see cref="Channel.CreateBounded{T}(BoundedChannelOptions)"/> of the same 160-byte
/// <see cref="GateSlot"/> struct (copied in and out by value), single reader, single writer where allowed,
/// the usual async read loop (<c>WaitToReadAsync</c> then drain with <c>TryRead</c>) and
/// <c>TryWrite</c> with <c>WaitToWriteAsync</c> when full.
/// </summary>
internal static class ChannelRunners
{
    public const int Capacity = 1 << 16;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static ThroughputSample Run(int producers, long eventsPerProducer)
    {
        var total = producers * eventsPerProducer;
        var channel = Channel.CreateBounded<GateSlot>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            SingleWriter = producers == 1,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var start = new StartSignal();
        long batches = 0;
        long endTicks = 0;
        var validator = new OrderValidator(producers);
        var consumer = Task.Run(async () =>
        {
            var reader = channel.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                batches++;
                while (reader.TryRead(out var item))
                {
                    validator.Check(ref item);
                    if (validator.Count == total)
                    {
                        endTicks = Stopwatch.GetTimestamp();
                        return;
                    }
                }
            }
        });
        var tasks = new Task[producers];
        for (var p = 0; p < producers; p++)
        {
            var id = p;
            tasks[p] = Task.Run(async () =>
            {
                start.Wait();
                var writer = channel.Writer;
                var item = default(GateSlot);
                for (long i = 0; i < eventsPerProducer; i++)
                {
                    OrderValidator.Stamp(ref item, id, i);
                    while (!writer.TryWrite(item))
                    {
                        await writer.WaitToWriteAsync().ConfigureAwait(false);
                    }
                }
            });
        }

        var gc = GC.CollectionCount(0);
        var t0 = start.Release();
        var ok = Task.WaitAll(tasks, Timeout) && consumer.Wait(Timeout);
        var errors = validator.Verdict(total) + (ok ? 0 : 1);
        return new ThroughputSample(total, StartSignal.Seconds(t0, endTicks), batches, errors, GC.CollectionCount(0) - gc);
    }

    public static (LongHistogram Histogram, long Errors) PingPong(int roundTrips)
    {
        var options = new BoundedChannelOptions(1024) { SingleReader = true, SingleWriter = true };
        var requests = Channel.CreateBounded<GateSlot>(options);
        var replies = Channel.CreateBounded<GateSlot>(options);
        var histogram = new LongHistogram(10_000_000_000L, 3);
        long errors = 0;
        var echo = Task.Run(async () =>
        {
            var reader = requests.Reader;
            var writer = replies.Writer;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    writer.TryWrite(item);
                }
            }

            writer.Complete();
        });
        var pinger = Task.Run(async () =>
        {
            var writer = requests.Writer;
            var reader = replies.Reader;
            var item = default(GateSlot);
            for (long i = 0; i < roundTrips; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                OrderValidator.Stamp(ref item, 0, i);
                writer.TryWrite(item);
                var reply = await reader.ReadAsync().ConfigureAwait(false);
                var t1 = Stopwatch.GetTimestamp();
                if (reply.DecisionSequence != i)
                {
                    errors++;
                }

                histogram.RecordValue(StartSignal.Nanoseconds(t1 - t0));
            }

            writer.Complete();
        });
        var ok = pinger.Wait(Timeout) && echo.Wait(Timeout);
        return (histogram, errors + (ok ? 0 : 1) + (histogram.TotalCount == roundTrips ? 0 : 1));
    }
}
