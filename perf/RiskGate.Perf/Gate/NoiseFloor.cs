using System.Diagnostics;
using System.Runtime.InteropServices;
using HdrHistogram;

namespace RiskGate.Perf.Gate;

/// <summary>
/// The machine's own latency floor, measured in the same process as the gate: a do-nothing two-thread
/// ping-pong (the best cross-thread hand-off this machine can do) and a hiccup meter (a thread that
/// sleeps about 1 ms and records how late it wakes; the scheduler's stalls). Called from the harness's
/// main thread; starts and joins its own threads.
/// </summary>
internal static class NoiseFloor
{
    /// <summary>Round trips of a volatile flag between two spinning threads, ns.</summary>
    public static LongHistogram PingPong(int roundTrips)
    {
        var histogram = new LongHistogram(10_000_000_000L, 3);
        var cells = new PaddedCells();
        var responder = new Thread(() =>
        {
            for (long i = 1; i <= roundTrips; i++)
            {
                var spin = default(SpinWait);
                while (Volatile.Read(ref cells.Ping) != i)
                {
                    if (spin.Count > 1000)
                    {
                        Thread.Yield();
                    }

                    spin.SpinOnce(-1);
                }

                Volatile.Write(ref cells.Pong, i);
            }
        })
        { IsBackground = true, Name = "noise-pong" };
        responder.Start();
        for (long i = 1; i <= roundTrips; i++)
        {
            var start = Stopwatch.GetTimestamp();
            Volatile.Write(ref cells.Ping, i);
            var spin = default(SpinWait);
            while (Volatile.Read(ref cells.Pong) != i)
            {
                if (spin.Count > 1000)
                {
                    Thread.Yield();
                }

                spin.SpinOnce(-1);
            }

            histogram.RecordValue(Nanoseconds(Stopwatch.GetTimestamp() - start));
        }

        responder.Join();
        return histogram;
    }

    /// <summary>How late a thread wakes from a 1 ms sleep, ns, for <paramref name="duration"/>.</summary>
    public static LongHistogram Hiccups(TimeSpan duration)
    {
        var histogram = new LongHistogram(10_000_000_000L, 3);
        var meter = new Thread(() =>
        {
            var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            const long Intended = 1_000_000;
            while (Stopwatch.GetTimestamp() < end)
            {
                var start = Stopwatch.GetTimestamp();
                Thread.Sleep(1);
                var late = Nanoseconds(Stopwatch.GetTimestamp() - start) - Intended;
                histogram.RecordValue(Math.Max(0, late));
            }
        })
        { IsBackground = true, Name = "noise-hiccup" };
        meter.Start();
        meter.Join();
        return histogram;
    }

    /// <summary>Stopwatch ticks to nanoseconds.</summary>
    public static long Nanoseconds(long ticks) => (long)(ticks * (1e9 / Stopwatch.Frequency));

    [StructLayout(LayoutKind.Explicit, Size = 384)]
    private sealed class PaddedCells
    {
        [FieldOffset(128)]
        public long Ping;

        [FieldOffset(256)]
        public long Pong;
    }
}
