using RiskGate.Engine.Joint;

namespace RiskGate.Engine.Tests.Joint;

public class ExpectedShortfallEqualWeightsTests
{
    private static readonly double[] Alphas = [0.5, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 0.99999];

    [Theory]
    [InlineData(100, 0.99, 1)] // why: 1 − 0.99 is not exactly 0.01; the tolerance closes the tail on one scenario
    [InlineData(500, 0.99, 5)] // why: the budgeted size, an integer tail
    [InlineData(250, 0.975, 7)] // why: 6.25 scenarios: six whole, the seventh is the fractional boundary
    [InlineData(4, 0.6, 2)] // why: 1.6 scenarios
    [InlineData(1, 0.99, 1)] // why: a single scenario is always the boundary
    [InlineData(1000, 0.5, 500)] // why: the lowest level, half the vector
    public void EqualWeightTailCount_HandCases_MatchesHandValue(int scenarios, double alpha, int expected)
        => Assert.Equal(expected, ExpectedShortfall.EqualWeightTailCount(scenarios, alpha));

    public static TheoryData<double[], bool> WeightCases => new()
    {
        { [], false }, // why: no weights, nothing to be equal
        { [0.3], true }, // why: a single weight
        { Enumerable.Repeat(1.0 / 7, 7).ToArray(), true }, // why: equal, shorter than two vectors plus a loose scalar
        { Enumerable.Repeat(0.002, 500).ToArray(), true }, // why: equal, whole vectors
        { [.. Enumerable.Repeat(0.002, 499), Math.BitIncrement(0.002)], false }, // why: the last (loose) weight one ulp off
        { [0.25, 0.25, Math.BitDecrement(0.25), 0.25, 0.25, 0.25, 0.25, 0.25], false }, // why: one ulp off inside a vector
        { [0.0, -0.0, 0.0, 0.0, 0.0], true }, // why: == comparison, the two zeros are equal
    };

    [Theory]
    [MemberData(nameof(WeightCases))]
    public void HasEqualWeights_Table_DetectsExactlyEqualWeights(double[] weights, bool expected)
        => Assert.Equal(expected, ExpectedShortfall.HasEqualWeights(weights));

    [Fact]
    public void ComputeEqualWeights_RandomVectors_EqualsBruteForceAndWeightedPath()
    {
        var rng = new Random(20261124);
        var checkedCases = 0;
        for (var trial = 0; trial < 3000; trial++)
        {
            var n = trial % 4 == 0 ? rng.Next(1, 130) : rng.Next(100, 1500);
            var losses = RandomLosses(rng, n, trial % 7);
            var alpha = Alphas[trial % Alphas.Length];
            var weights = Enumerable.Repeat(1.0 / n, n).ToArray();
            var scratch = new double[ExpectedShortfall.ScratchLength(n)];

            var es = ExpectedShortfall.ComputeEqualWeights(losses, alpha, scratch, out var var);
            var expected = ExpectedShortfallReference.Compute(losses, weights, alpha, out var expectedVar);
            AssertClose(expected, es, "trial " + trial + " vs brute force");
            Assert.Equal(expectedVar, var);

            // Compute picks the equal-weight path for these weights: the same function, the same bits.
            Assert.Equal(es, ExpectedShortfall.Compute(losses, weights, alpha, scratch, out var computeVar));
            Assert.Equal(var, computeVar);

            // One weight an ulp off sends Compute down the weighted path: the same ES within rounding.
            if (n > 1)
            {
                weights[n / 2] = Math.BitIncrement(weights[n / 2]);
                var weighted = ExpectedShortfall.Compute(losses, weights, alpha, scratch, out var weightedVar);
                AssertClose(weighted, es, "trial " + trial + " vs weighted path");
                Assert.Equal(weightedVar, var);
            }

            checkedCases++;
        }

        Assert.Equal(3000, checkedCases);
    }

    [Fact]
    public void ComputeEqualWeights_TailInOneBlockOrAllTied_EqualsBruteForce()
    {
        // Block maxima: vectors are dealt round-robin into groups, so the largest losses placed at
        // stride (groups × lanes) all fall in one block; only the block's maximum is a candidate pivot.
        var rng = new Random(11);
        foreach (var n in new[] { 128, 129, 500, 503, 1000 })
        {
            foreach (var stride in new[] { 1, 4, 8, 40, 80 })
            {
                var losses = RandomLosses(rng, n, 4);
                for (var j = 0; j < 40 && j * stride < n; j++)
                {
                    losses[j * stride] = 1e7 + j;
                }

                AssertMatchesBruteForce(losses, "n " + n + " stride " + stride);
            }

            AssertMatchesBruteForce(Enumerable.Repeat(42.0, n).ToArray(), "all tied, n " + n);
            var plateau = RandomLosses(rng, n, 4);
            for (var j = 0; j < n; j += 3)
            {
                plateau[j] = 5e6; // a third of the vector tied above every other loss: ties straddle every boundary
            }

            AssertMatchesBruteForce(plateau, "plateau, n " + n);
        }
    }

    [Fact]
    public void TryComputeEqualWeightsFromTop_RandomPivots_EqualsUnseededOrDeclines()
    {
        var rng = new Random(5);
        int accepted = 0, declined = 0;
        for (var trial = 0; trial < 3000; trial++)
        {
            var n = rng.Next(1, 1200);
            var losses = RandomLosses(rng, n, trial % 7);
            var alpha = Alphas[trial % Alphas.Length];
            var scratch = new double[ExpectedShortfall.ScratchLength(n)];
            var es = ExpectedShortfall.ComputeEqualWeights(losses, alpha, scratch, out var var);

            // Pivots: a loss of the vector (ties included), the exact VaR, a hair either side of it.
            var pivot = (trial % 4) switch
            {
                0 => losses[rng.Next(n)],
                1 => var,
                2 => Math.BitDecrement(var),
                _ => Math.BitIncrement(var),
            };
            var top = losses.Where(l => l >= pivot).ToArray();
            var k = ExpectedShortfall.EqualWeightTailCount(n, alpha);

            var ok = ExpectedShortfall.TryComputeEqualWeightsFromTop(top, n, alpha, out var seededEs, out var seededVar);

            Assert.Equal(top.Length >= k, ok);
            if (ok)
            {
                AssertClose(es, seededEs, "trial " + trial);
                Assert.Equal(var, seededVar);
                accepted++;
            }
            else
            {
                declined++;
            }
        }

        Assert.True(accepted > 1000 && declined > 300, "both outcomes exercised: " + accepted + " accepted, " + declined + " declined");
    }

    [Fact]
    public void ComputeEqualWeights_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => ExpectedShortfall.ComputeEqualWeights([], 0.99, new double[4], out _));
        Assert.Throws<ArgumentException>(() => ExpectedShortfall.ComputeEqualWeights([1.0, 2.0], 0.99, new double[3], out _));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ExpectedShortfall.ComputeEqualWeights([1.0], 0.3, new double[2], out _));
        Assert.Equal("alpha", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ExpectedShortfall.EqualWeightTailCount(0, 0.99));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExpectedShortfall.EqualWeightTailCount(10, 1.0));
    }

    [Fact]
    public void ComputeEqualWeights_10000Calls_AllocateNothing()
    {
        var rng = new Random(3);
        var losses = Enumerable.Range(0, 500).Select(_ => rng.NextDouble()).ToArray();
        var scratch = new double[1000];
        var top = new double[500];
        double sink = 0;
        for (var i = 0; i < 100; i++)
        {
            sink += ExpectedShortfall.ComputeEqualWeights(losses, 0.99, scratch, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            sink += ExpectedShortfall.ComputeEqualWeights(losses, 0.975, scratch, out var var);
            losses.AsSpan(0, 20).CopyTo(top);
            sink += ExpectedShortfall.TryComputeEqualWeightsFromTop(top.AsSpan(0, 20), 500, 0.99, out var es, out _) ? es : 0;
            sink += ExpectedShortfall.HasEqualWeights(losses) ? 1 : var;
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(sink > 0);
    }

    private static double[] RandomLosses(Random rng, int n, int kind)
    {
        var losses = new double[n];
        for (var i = 0; i < n; i++)
        {
            losses[i] = kind switch
            {
                0 => rng.Next(-5, 6), // heavy ties
                1 => Math.Round(rng.NextDouble() * 20, 1), // some ties
                2 => i, // sorted ascending: the tail is in the last blocks
                3 => -i, // sorted descending: the tail is in the first block
                4 => (rng.NextDouble() - 0.4) * 1e6, // continuous
                5 => rng.Next(50) == 0 ? 1e5 * rng.NextDouble() : rng.NextDouble(), // a few large outliers
                _ => Math.Exp(3 * rng.NextDouble()) * (rng.Next(2) == 0 ? 1 : -1), // skewed, both signs
            };
        }

        return losses;
    }

    private static void AssertMatchesBruteForce(double[] losses, string what)
    {
        var weights = Enumerable.Repeat(1.0 / losses.Length, losses.Length).ToArray();
        var scratch = new double[ExpectedShortfall.ScratchLength(losses.Length)];
        foreach (var alpha in Alphas)
        {
            var es = ExpectedShortfall.ComputeEqualWeights(losses, alpha, scratch, out var var);
            var expected = ExpectedShortfallReference.Compute(losses, weights, alpha, out var expectedVar);
            AssertClose(expected, es, what + " alpha " + alpha);
            Assert.Equal(expectedVar, var);
        }
    }

    private static void AssertClose(double expected, double actual, string what)
        => Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1.0, Math.Abs(expected)), what + ": expected " + expected + ", got " + actual);
}
