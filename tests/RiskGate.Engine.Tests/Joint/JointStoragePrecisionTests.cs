using RiskGate.Engine.State;
using Xunit.Abstractions;
using static RiskGate.Engine.Tests.Joint.JointEngineFixture;

namespace RiskGate.Engine.Tests.Joint;

/// <summary>
/// The float32 evaluation of the cached joint vectors: the same 2,000 random trades accumulated into a
/// float32 vector (what float32 storage would hold) and by the engine (float64), both against full
/// revaluation. float64 stays within the 1e-9 acceptance; float32 misses it by orders of magnitude
/// (its unit round-off is 6e-8 per element, and the sums cancel), which is why storage is float64.
/// </summary>
public class JointStoragePrecisionTests(ITestOutputHelper output)
{
    [Fact]
    public void CachedVector_Float32VersusFloat64_ErrorAgainstFullRevaluation()
    {
        var f = new JointEngineFixture(scenarios: 500);
        var e = f.Engine;
        var joint = e.JointMargin!;
        var rng = new Random(7);
        var instruments = new List<uint> { EsZ, NqZ };
        instruments.AddRange(f.EsOptions);
        instruments.AddRange(f.NqOptions);
        var stride = joint.Arrays.ScenarioStride;
        var single = new float[stride];
        for (var n = 0; n < 2000; n++)
        {
            var inst = instruments[rng.Next(instruments.Count)];
            var q = rng.Next(1, 6) * (rng.Next(2) == 0 ? 1 : -1);
            Ok(f.Fill(1, inst, q > 0 ? OrderSide.Buy : OrderSide.Sell, Math.Abs(q)));
            var row = joint.Arrays.Losses(f.Index(inst));
            for (var s = 0; s < stride; s++)
            {
                single[s] += (float)q * (float)row[s];
            }
        }

        var count = f.Set.Count;
        var a = e.AccountIndex(1);
        var cached = new double[count];
        Assert.True(joint.CopyLosses(a, 0, cached));
        var reference = f.Reference();
        var fullResult = reference.CreateResult();
        reference.Compute(f.Book(1, 0, -1, 0), e.Market!.Current, fullResult);
        var full = fullResult.ScenarioLosses.ToArray();
        var widened = new double[count];
        double scale = 0, err64 = 0, err32 = 0;
        for (var s = 0; s < count; s++)
        {
            widened[s] = single[s];
            scale = Math.Max(scale, Math.Abs(full[s]));
        }

        for (var s = 0; s < count; s++)
        {
            err64 = Math.Max(err64, Math.Abs(cached[s] - full[s]) / scale);
            err32 = Math.Max(err32, Math.Abs(widened[s] - full[s]) / scale);
        }

        var es64 = reference.Aggregate(cached, out _, out _, out _, out _);
        var es32 = reference.Aggregate(widened, out _, out _, out _, out _);
        var esFull = reference.Aggregate(full, out _, out _, out _, out _);
        output.WriteLine("element error / largest loss: float64 " + err64 + ", float32 " + err32);
        output.WriteLine("requirement relative error: float64 " + Math.Abs(es64 - esFull) / esFull + ", float32 " + Math.Abs(es32 - esFull) / esFull);
        output.WriteLine("bytes per account (float64): " + joint.BytesPerAccount);

        Assert.True(Math.Abs(es64 - esFull) <= 1e-9 * esFull, "float64 " + es64 + " vs " + esFull);
        Assert.True(err32 > 1e-9, "float32 storage cannot hold the 1e-9 acceptance: " + err32);
        Assert.True(Math.Abs(es32 - esFull) <= 1e-4 * esFull, "float32 " + es32 + " vs " + esFull);
    }
}
