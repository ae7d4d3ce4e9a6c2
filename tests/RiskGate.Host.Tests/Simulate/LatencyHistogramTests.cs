using RiskGate.Engine.Joint;
using RiskGate.Host.Simulate;

namespace RiskGate.Host.Tests.Simulate;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentile_AgainstSortedValues_WithinOnePartInAThousand()
    {
        var h = new LatencyHistogram();
        var rng = new Xoshiro256StarStar(1);
        var values = new long[100_000];
        for (var i = 0; i < values.Length; i++)
        {
            // log-uniform from 10 ns to 10 ms
            values[i] = (long)Math.Pow(10, 1 + (6 * rng.NextDouble()));
            h.Record(values[i]);
        }

        Array.Sort(values);
        foreach (var p in new[] { 50.0, 90.0, 99.0, 99.9, 99.99 })
        {
            var exact = values[(int)Math.Ceiling(p / 100 * values.Length) - 1];
            var got = h.Percentile(p);
            Assert.InRange(got, exact, exact + Math.Max(1, exact / 1000));
        }

        Assert.Equal(values[^1], h.Max);
        Assert.Equal(values[^1], h.Percentile(100));
    }

    [Fact]
    public void Percentile_Empty_Zero()
    {
        Assert.Equal(0, new LatencyHistogram().Percentile(99));
    }

    [Fact]
    public void Record_AfterWarmUp_AllocatesNothing()
    {
        var h = new LatencyHistogram();
        h.Record(1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            h.Record(i * 997L);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
