using RiskGate.Engine.Pricing;

namespace RiskGate.Engine.Tests.Pricing;

public class NormalDistributionTests
{
    [Fact]
    public void Reference_ContinuedFraction_HasConverged()
    {
        // The reference itself: doubling the number of terms changes nothing at 1e-25 relative, at the
        // slowest-converging point it is used at.
        var m1 = ReferenceNormal.Mills(5.0m, 4000);
        var m2 = ReferenceNormal.Mills(5.0m, 8000);
        Assert.True(Math.Abs((double)((m1 - m2) / m2)) < 1e-25);

        // Both branches agree where they meet (the series at a = 5 vs the fraction at a = 5).
        var series = ReferenceNormal.Tail(5.0);
        var fraction = (double)ReferenceNormal.Mills(5.0m, 4000) * Math.Exp(-12.5) / Math.Sqrt(2 * Math.PI);
        Assert.True(Math.Abs(series / fraction - 1) < 1e-15, $"{series} vs {fraction}");
    }

    [Fact]
    public void Cdf_AgainstHighPrecisionReference_AbsoluteErrorBelow3e16()
    {
        // x = j/128 on [−10, 10]: exact in decimal, off and on the table nodes.
        var worst = 0.0;
        for (var j = -1280; j <= 1280; j++)
        {
            var x = j / 128.0;
            var tail = ReferenceNormal.Tail(Math.Abs(x));
            var reference = x > 0 ? 1.0 - tail : tail;
            worst = Math.Max(worst, Math.Abs(NormalDistribution.Cdf(x) - reference));
        }

        Assert.True(worst < 3e-16, $"worst absolute error {worst:E3}");
    }

    [Fact]
    public void Cdf_LeftTail_RelativeErrorBelow2e15()
    {
        // Relative accuracy of N(−a) out to a = 37 (N ≈ 6e-300): the property that keeps far
        // out-of-the-money prices and implied vols accurate. Hart/West's approximation, used before,
        // was off by up to 9e-9 relative here.
        var worst = 0.0;
        var worstAt = 0.0;
        for (var k = 1; k <= 37 * 128; k += 3)
        {
            var a = k / 128.0;
            var reference = ReferenceNormal.Tail(a);
            var error = Math.Abs(NormalDistribution.Cdf(-a) / reference - 1);
            if (error > worst)
            {
                worst = error;
                worstAt = a;
            }
        }

        Assert.True(worst < 2e-15, $"worst relative error {worst:E3} at a = {worstAt}");
    }

    [Theory]
    [InlineData(0.0, 0.5)] // why: symmetry point
    [InlineData(-1.0, 0.15865525393145705)] // why: one sigma, published N(−1)
    [InlineData(-1.959963984540054, 0.025)] // why: the 97.5% quantile
    [InlineData(-5.0, 2.866515718791939e-7)] // why: where Hart's rational branch starts to lose relative digits
    [InlineData(-10.0, 7.619853024160526e-24)] // why: inside the old asymptotic branch
    [InlineData(-30.0, 4.906713927148187e-198)] // why: deep tail
    public void Cdf_PublishedValues_MatchToFifteenDigits(double x, double expected)
        => Assert.True(Math.Abs(NormalDistribution.Cdf(x) / expected - 1) < 1e-14, $"{NormalDistribution.Cdf(x):R}");

    [Fact]
    public void Cdf_Symmetry_SumsToOne()
    {
        var random = new Random(7);
        for (var i = 0; i < 5000; i++)
        {
            var x = (random.NextDouble() - 0.5) * 20;
            Assert.Equal(1.0, NormalDistribution.Cdf(x) + NormalDistribution.Cdf(-x), 15);
            Assert.Equal(NormalDistribution.Cdf(-x), NormalDistribution.Complement(x));
        }
    }

    [Theory]
    [InlineData(38.5, 0.0)] // why: beyond the cutoff the tail is below the smallest double
    [InlineData(1e300, 0.0)] // why: huge argument, no overflow inside
    [InlineData(double.MaxValue, 0.0)] // why: largest finite
    public void Cdf_FarTails_ExactLimits(double a, double tail)
    {
        Assert.Equal(tail, NormalDistribution.Cdf(-a));
        Assert.Equal(1.0 - tail, NormalDistribution.Cdf(a));
        Assert.Equal(tail, NormalDistribution.Complement(a));
        Assert.True(NormalDistribution.Pdf(a) < 1e-300);
    }

    [Fact]
    public void Cdf_NaN_IsNaN()
    {
        Assert.True(double.IsNaN(NormalDistribution.Cdf(double.NaN)));
        Assert.True(double.IsNaN(NormalDistribution.Complement(double.NaN)));
    }

    [Fact]
    public void Cdf_IsMonotone_AcrossTableNodes()
    {
        // Adjacent Taylor patches meet without a step backwards.
        var previous = 0.0;
        for (var x = -38.0; x <= 9.0; x += 1.0 / 1024)
        {
            var value = NormalDistribution.Cdf(x);
            Assert.True(value >= previous, $"N({x}) = {value} < {previous}");
            previous = value;
        }
    }
}
