using RiskGate.Engine.Joint;

namespace RiskGate.Engine.Tests.Joint;

public class ExpectedShortfallTests
{
    public static TheoryData<double[], double, double, double> HandCases => new()
    {
        // Equal weights, tail of exactly 2 of 4: mean of the two largest, VaR the second largest.
        { new double[] { 1, 4, 3, 2 }, 0.5, 3.5, 3 },

        // Equal weights, tail of 1.6 scenarios: (0.25·4 + 0.15·3) / 0.4; the boundary counts 60% of its weight.
        { new double[] { 1, 4, 3, 2 }, 0.6, (0.25 * 4 + 0.15 * 3) / 0.4, 3 },

        // 100 equal weights at 99%: 1 − 0.99 is not exactly 0.01 in binary; the tolerance closes the tail on the single worst loss.
        { Enumerable.Range(1, 100).Select(i => (double)i).ToArray(), 0.99, 100, 100 },

        // Ties across the boundary: the tail of 2 takes 9 and one of the tied 5s, whichever.
        { new double[] { 5, 9, 5, 1 }, 0.5, 7, 5 },

        // Negative losses (gains everywhere): ES is the mean of the smallest gains.
        { new double[] { -3, -1, -2, -4 }, 0.5, -1.5, -2 },
    };

    [Theory]
    [MemberData(nameof(HandCases))]
    public void Compute_EqualWeightsHandCase_MatchesHandValue(double[] losses, double alpha, double expectedEs, double expectedVar)
    {
        var weights = Enumerable.Repeat(1.0 / losses.Length, losses.Length).ToArray();
        var scratch = new double[ExpectedShortfall.ScratchLength(losses.Length)];
        var es = ExpectedShortfall.Compute(losses, weights, alpha, scratch, out var var);
        Assert.Equal(expectedEs, es, 12);
        Assert.Equal(expectedVar, var, 12);
    }

    [Fact]
    public void Compute_UnevenWeights_TailFilledByMassNotCount()
    {
        // Weights 0.05 on the worst, 0.5 on the next: at 90% the tail (0.1) takes all of the worst and 0.05 of the next.
        double[] losses = [10, 100, 20, 30];
        double[] weights = [0.2, 0.05, 0.5, 0.25];
        var scratch = new double[8];
        var es = ExpectedShortfall.Compute(losses, weights, 0.9, scratch, out var var);
        Assert.Equal((0.05 * 100 + 0.05 * 30) / 0.1, es, 12);
        Assert.Equal(30, var);
    }

    [Fact]
    public void Compute_UnnormalisedWeights_SameAsNormalised()
    {
        double[] losses = [3, 7, 1, 9, 4];
        double[] weights = [1, 2, 3, 4, 5];
        var normalised = weights.Select(w => w / 15).ToArray();
        var scratch = new double[10];
        var a = ExpectedShortfall.Compute(losses, weights, 0.7, scratch, out var varA);
        var b = ExpectedShortfall.Compute(losses, normalised, 0.7, scratch, out var varB);
        Assert.Equal(b, a, 12);
        Assert.Equal(varB, varA);
    }

    [Fact]
    public void Compute_RandomWeightedVectors_EqualsSortBasedReference()
    {
        var rng = new Random(20261124);
        double[] alphas = [0.5, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999];
        var checkedCases = 0;
        for (var trial = 0; trial < 4000; trial++)
        {
            // Sizes around and above the sampling threshold (128), up to 1,200 scenarios.
            var n = trial % 4 == 0 ? rng.Next(1, 130) : rng.Next(100, 1200);
            var losses = new double[n];
            var weights = new double[n];
            var kind = trial % 5;
            for (var i = 0; i < n; i++)
            {
                losses[i] = kind switch
                {
                    0 => rng.Next(-5, 6), // heavy ties
                    1 => Math.Round(rng.NextDouble() * 20, 1), // some ties
                    2 => i, // sorted ascending: worst case for naive pivots
                    3 => -i, // sorted descending
                    _ => (rng.NextDouble() - 0.4) * 1e6, // continuous
                };
                weights[i] = trial % 3 == 0 ? 1.0 / n : rng.NextDouble() * (rng.Next(10) == 0 ? 50 : 1) + 1e-6;
            }

            var alpha = alphas[trial % alphas.Length];
            var scratch = new double[ExpectedShortfall.ScratchLength(n) + 3];
            var es = ExpectedShortfall.Compute(losses, weights, alpha, scratch, out var var);
            var expected = ExpectedShortfallReference.Compute(losses, weights, alpha, out var expectedVar);
            Assert.True(Math.Abs(es - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)), "trial " + trial + ": ES " + es + " vs " + expected);
            Assert.Equal(expectedVar, var);
            checkedCases++;
        }

        Assert.Equal(4000, checkedCases);
    }

    [Fact]
    public void Compute_FractionalTailsEqualWeights_EqualsReferenceForEveryLevelStep()
    {
        // Walk alpha across integer and fractional tail sizes of a 250-scenario vector.
        var rng = new Random(7);
        var losses = Enumerable.Range(0, 250).Select(_ => rng.NextDouble() * 1000).ToArray();
        var weights = Enumerable.Repeat(1.0 / 250, 250).ToArray();
        var scratch = new double[500];
        for (var k = 1; k <= 125; k++)
        {
            var alpha = 1 - k / 250.0 + (k % 2 == 0 ? 0 : 0.0013);
            var es = ExpectedShortfall.Compute(losses, weights, alpha, scratch, out var var);
            var expected = ExpectedShortfallReference.Compute(losses, weights, alpha, out var expectedVar);

            // Relative, not decimal places: rounding both to 9 places can split values 1e-15 apart.
            Assert.True(Math.Abs(es - expected) <= 1e-12 * Math.Abs(expected), "alpha " + alpha + ": ES " + es + " vs " + expected);
            Assert.Equal(expectedVar, var);
        }
    }

    [Fact]
    public void Compute_InputsUnchangedAndScratchReusable()
    {
        var losses = Enumerable.Range(0, 300).Select(i => (double)((i * 37) % 101)).ToArray();
        var weights = Enumerable.Repeat(1.0 / 300, 300).ToArray();
        var copy = (double[])losses.Clone();
        var scratch = new double[600];
        var first = ExpectedShortfall.Compute(losses, weights, 0.99, scratch, out _);
        var second = ExpectedShortfall.Compute(losses, weights, 0.99, scratch, out _);
        Assert.Equal(copy, losses);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(0.4)] // below the minimum level
    [InlineData(1.0)] // no tail at all
    [InlineData(double.NaN)] // not a level
    public void Compute_LevelOutOfRange_Throws(double alpha)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ExpectedShortfall.Compute([1.0], [1.0], alpha, new double[2], out _));
        Assert.Equal("alpha", ex.ParamName);
    }

    [Fact]
    public void Compute_ShortScratchOrMismatchedWeights_Throws()
    {
        Assert.Throws<ArgumentException>(() => ExpectedShortfall.Compute([1.0, 2.0], [0.5, 0.5], 0.9, new double[3], out _));
        Assert.Throws<ArgumentException>(() => ExpectedShortfall.Compute([1.0, 2.0], [1.0], 0.9, new double[4], out _));
        Assert.Throws<ArgumentException>(() => ExpectedShortfall.Compute([], [], 0.9, new double[4], out _));
    }

    [Fact]
    public void Compute_10000Calls_AllocateNothing()
    {
        var rng = new Random(3);
        var losses = Enumerable.Range(0, 500).Select(_ => rng.NextDouble()).ToArray();
        var weights = Enumerable.Repeat(1.0 / 500, 500).ToArray();
        var scratch = new double[1000];
        double sink = 0;
        for (var i = 0; i < 100; i++)
        {
            sink += ExpectedShortfall.Compute(losses, weights, 0.99, scratch, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            sink += ExpectedShortfall.Compute(losses, weights, 0.975, scratch, out _);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(sink > 0);
    }
}
