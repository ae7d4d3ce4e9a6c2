using RiskGate.Engine.Pricing;

namespace RiskGate.Engine.Tests.Pricing;

public class GridSmileTests
{
    public static TheoryData<double, double[], double[]> ArbitrageFree => new()
    {
        { 0.1, new[] { -0.3, -0.15, 0, 0.15, 0.3 }, new[] { 0.62, 0.55, 0.5, 0.52, 0.57 } }, // why: the BTC example of `riskgate margin`
        { 1.0, new[] { 0.0 }, new[] { 0.2 } }, // why: one point is a flat smile
        { 0.5, new[] { -1.0, -0.5, 0, 0.5, 1.0 }, new[] { 0.2, 0.2, 0.2, 0.2, 0.2 } }, // why: flat vols on a grid
        { 1.0, new[] { -0.5, -0.25, 0, 0.25, 0.5 }, new[] { 0.30, 0.25, 0.21, 0.19, 0.18 } }, // why: monotone equity skew
    };

    public static TheoryData<double, double[], double[], SmileError, string, double> Violating => new()
    {
        // why: a moderate spike at the money: w concave at the peak, negative density just right of it
        { 1.0, new[] { -0.2, -0.1, 0, 0.1, 0.2 }, new[] { 0.2, 0.2, 0.23, 0.2, 0.2 }, SmileError.Butterfly, "vols", 2 },
        // why: a moderate dip at the money: w concave at the shoulders, negative density left of it
        { 1.0, new[] { -0.2, -0.1, 0, 0.1, 0.2 }, new[] { 0.25, 0.25, 0.22, 0.25, 0.25 }, SmileError.Butterfly, "vols", 1 },
        // why: a huge spike: the call price rises with strike (a call spread with negative cost)
        { 1.0, new[] { -0.2, -0.1, 0, 0.1, 0.2 }, new[] { 0.2, 0.2, 0.6, 0.2, 0.2 }, SmileError.CallSpread, "vols", 1 },
        // why: a huge dip: the call price falls faster than the strike rises
        { 1.0, new[] { -0.2, -0.1, 0, 0.1, 0.2 }, new[] { 0.5, 0.5, 0.1, 0.5, 0.5 }, SmileError.CallSpread, "vols", 1 },
        // why: total variance rising by 4.4 over Δk = 0.1 breaks the slope bound |Δw/Δk| ≤ 4
        { 1.0, new[] { 0.0, 0.1 }, new[] { 0.2, 0.7 }, SmileError.WingSlope, "vols", 1 },
        // why: points must be strictly increasing
        { 1.0, new[] { 0.0, 0.0 }, new[] { 0.2, 0.2 }, SmileError.BadShape, "logMoneyness", 1 },
        // why: as many vols as points
        { 1.0, new[] { 0.0, 0.1 }, new[] { 0.2 }, SmileError.BadShape, "vols", 2 },
        // why: vols in (0, 10)
        { 1.0, new[] { 0.0, 0.1 }, new[] { 0.2, -0.2 }, SmileError.OutOfRange, "vols", 1 },
        // why: NaN point
        { 1.0, new[] { double.NaN }, new[] { 0.2 }, SmileError.BadShape, "logMoneyness", 0 },
        // why: T must be in (0, 100)
        { 0.0, new[] { 0.0 }, new[] { 0.2 }, SmileError.OutOfRange, "timeToExpiry", double.NaN },
    };

    [Theory]
    [MemberData(nameof(ArbitrageFree))]
    public void Validate_ArbitrageFreeGrid_IsValid(double t, double[] k, double[] vols)
    {
        var validation = GridSmile.Validate(t, k, vols);
        Assert.True(validation.IsValid, validation.Describe());
        Assert.Equal(k.Length, new GridSmile(t, k, vols).Count);
    }

    [Theory]
    [MemberData(nameof(Violating))]
    public void Validate_ViolatingGrid_ReportsErrorParameterAndPoint(
        double t, double[] k, double[] vols, SmileError error, string parameter, double location)
    {
        var validation = GridSmile.Validate(t, k, vols);
        Assert.Equal(error, validation.Error);
        Assert.Equal(parameter, validation.Parameter);
        Assert.Equal(location, validation.Location);
        var exception = Assert.ThrowsAny<ArgumentException>(() => new GridSmile(t, k, vols));
        Assert.Equal(parameter, exception.ParamName);
    }

    [Fact]
    public void Validate_SampledArbitrageFreeSvi_IsValid()
    {
        // Grids sampled from arbitrage-free SVI smiles (convex in k) pass the discrete checks, from fine to
        // coarse spacing and short to long expiries.
        foreach (var t in new[] { 0.1, 0.5, 2.0 })
        {
            foreach (var spacing in new[] { 0.01, 0.05, 0.25 })
            {
                var svi = new SviSmile(t, 0.02, 0.2, -0.5, 0.0, 0.15);
                var count = (int)Math.Round(2 / spacing) + 1;
                var k = new double[count];
                var vols = new double[count];
                for (var i = 0; i < count; i++)
                {
                    k[i] = -1.0 + i * spacing;
                    vols[i] = Math.Sqrt(svi.TotalVariance(k[i]) / t);
                }

                var validation = GridSmile.Validate(t, k, vols);
                Assert.True(validation.IsValid, $"T={t} spacing={spacing}: {validation.Describe()}");
            }
        }
    }

    [Fact]
    public void TotalVariance_AtNodes_IsExact()
    {
        double[] k = [-0.4, -0.1, 0.0, 0.2, 0.5];
        double[] vols = [0.35, 0.27, 0.25, 0.24, 0.26];
        var smile = new GridSmile(0.75, k, vols);
        for (var i = 0; i < k.Length; i++)
        {
            Assert.Equal(vols[i] * vols[i] * 0.75, smile.TotalVariance(k[i]));
            Assert.Equal(vols[i], smile.Vol(100, 100 * Math.Exp(k[i])), 12);
        }
    }

    [Fact]
    public void TotalVariance_BetweenNodes_IsLinearInTotalVariance()
    {
        double[] k = [-0.4, -0.1, 0.0, 0.2, 0.5];
        double[] vols = [0.35, 0.27, 0.25, 0.24, 0.26];
        var smile = new GridSmile(0.75, k, vols);
        for (var i = 0; i + 1 < k.Length; i++)
        {
            var w0 = vols[i] * vols[i] * 0.75;
            var w1 = vols[i + 1] * vols[i + 1] * 0.75;
            foreach (var fraction in new[] { 0.1, 0.25, 0.5, 0.9 })
            {
                var at = k[i] + fraction * (k[i + 1] - k[i]);
                Assert.Equal(w0 + fraction * (w1 - w0), smile.TotalVariance(at), 14);
            }
        }
    }

    [Fact]
    public void TotalVariance_BeyondTheEnds_IsFlatInVol()
    {
        var smile = new GridSmile(0.75, [-0.4, 0.0, 0.5], [0.35, 0.25, 0.26]);
        Assert.Equal(0.35 * 0.35 * 0.75, smile.TotalVariance(-3.0));
        Assert.Equal(0.26 * 0.26 * 0.75, smile.TotalVariance(2.0));
        Assert.Equal(0.26, smile.Vol(100, 1000), 14);
    }
}
