using System.Diagnostics;

namespace RiskGate.Perf.Ring;

/// <summary>Holds producers at the line until every thread exists, then releases them and returns the start time.</summary>
internal sealed class StartSignal
{
    private int _go;

    public void Wait()
    {
        while (Volatile.Read(ref _go) == 0)
        {
            Thread.Yield();
        }
    }

    public long Release()
    {
        var start = Stopwatch.GetTimestamp();
        Volatile.Write(ref _go, 1);
        return start;
    }

    public static double Seconds(long startTicks, long endTicks) => (endTicks - startTicks) / (double)Stopwatch.Frequency;

    public static long Nanoseconds(long ticks) => (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency));
}
