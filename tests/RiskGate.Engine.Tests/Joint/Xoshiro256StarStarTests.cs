using RiskGate.Engine.Joint;

namespace RiskGate.Engine.Tests.Joint;

public class Xoshiro256StarStarTests
{
    [Fact]
    public void NextUInt64_Seed42_MatchesIndependentImplementation()
    {
        // Literals from an independent Python implementation of SplitMix64 seeding + xoshiro256** (seed 42).
        var rng = new Xoshiro256StarStar(42);
        Assert.Equal(0x15780b2e0c2ec716UL, rng.NextUInt64());
        Assert.Equal(0x6104d9866d113a7eUL, rng.NextUInt64());
        Assert.Equal(0xae17533239e499a1UL, rng.NextUInt64());
        Assert.Equal(0xecb8ad4703b360a1UL, rng.NextUInt64());
    }

    [Fact]
    public void NextGaussian_Seed42_MatchesIndependentPolarMethod()
    {
        // The same Python implementation, Marsaglia polar with math.log: agreement to a few ulps.
        var rng = new Xoshiro256StarStar(42);
        double[] expected = [-0.7262191382447857, -0.21119691823195985, 0.2216227015035933, 0.5227716877560146];
        foreach (var e in expected)
        {
            Assert.Equal(e, rng.NextGaussian(), 14);
        }
    }

    [Fact]
    public void NextGaussian_LargeSample_StandardNormalMoments()
    {
        var rng = new Xoshiro256StarStar(2026);
        const int N = 200_000;
        double sum = 0;
        double sumSq = 0;
        for (var i = 0; i < N; i++)
        {
            var z = rng.NextGaussian();
            sum += z;
            sumSq += z * z;
        }

        var mean = sum / N;
        var variance = sumSq / N - mean * mean;

        // Five standard errors: 5/√n ≈ 0.011 for the mean, 5·√(2/n) ≈ 0.016 for the variance.
        Assert.InRange(mean, -0.011, 0.011);
        Assert.InRange(variance, 1 - 0.016, 1 + 0.016);
    }

    [Fact]
    public void NextDouble_AlwaysInUnitInterval()
    {
        var rng = new Xoshiro256StarStar(0);
        for (var i = 0; i < 100_000; i++)
        {
            var u = rng.NextDouble();
            Assert.True(u is >= 0 and < 1);
        }
    }
}
