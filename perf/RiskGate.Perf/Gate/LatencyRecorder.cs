using System.Diagnostics;
using HdrHistogram;

namespace RiskGate.Perf.Gate;

/// <summary>
/// Records decision-visible − intended-send latency (ns) into an HdrHistogram. Written by one thread (the
/// egress thread, the direct-mode caller or the baseline's reader), read after that thread is done.
/// </summary>
internal sealed class LatencyRecorder
{
    private static readonly double TicksToNs = 1e9 / Stopwatch.Frequency;
    private long _decided;
    private long _accepted;

    /// <summary>Latencies, ns, up to 100 s.</summary>
    public LongHistogram Histogram { get; } = new(100_000_000_000L, 3);

    /// <summary>Decisions seen (acquire read).</summary>
    public long Decided => Volatile.Read(ref _decided);

    /// <summary>Accepted decisions of timed inputs (read after the writer is done).</summary>
    public long Accepted => _accepted;

    /// <summary>Only decisions of inputs at or after this sequence are recorded (the setup is not timed).</summary>
    public long FirstTimedInput { get; set; }

    /// <summary>Now, in the units of the intended-send stamps.</summary>
    public static long Now() => (long)(Stopwatch.GetTimestamp() * TicksToNs);

    /// <summary>Records one decision of input <paramref name="input"/> intended at <paramref name="intendedNs"/>.</summary>
    public void Record(long input, long intendedNs, bool accepted)
    {
        if (input >= FirstTimedInput)
        {
            Histogram.RecordValue(Math.Max(0, Now() - intendedNs));
            _accepted += accepted ? 1 : 0;
        }

        Volatile.Write(ref _decided, _decided + 1);
    }
}
