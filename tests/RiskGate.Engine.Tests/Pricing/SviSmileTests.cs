using RiskGate.Engine.Pricing;

namespace RiskGate.Engine.Tests.Pricing;

public class SviSmileTests
{
    public static TheoryData<double, double, double, double, double, double> ArbitrageFree => new()
    {
        { 1.0, 0.04, 0.4, -0.4, 0.0, 0.1 }, // why: typical equity-like skew, min g ≈ 0.08
        { 1.0, 0.02, 0.1, -0.5, 0.0, 0.2 }, // why: gentle smile, g ≥ 0.25
        { 1.0, 0.04, 0.8, -0.2, 0.0, 0.5 }, // why: steep but within Lee (b(1+|ρ|) = 0.96)
        { 0.4, 0.01, 0.1, -0.5, 0.0, 0.2 }, // why: the set the margin tests use
        { 0.25, 0.0008, 0.012, -0.6, 0.01, 0.08 }, // why: the ES example of `riskgate margin`
        { 2.0, 0.1, 0.0, 0.0, 0.0, 0.1 }, // why: b = 0 is a flat smile
        { 0.5, 0.04, 0.2, -0.3, 0.0, 0.001 }, // why: tiny curvature s: the grid refines to s/8
        { 1.0, 0.04, 0.4, 0.5, 0.0, 0.3 }, // why: positive skew (commodity-like), min g ≈ 0.17
        { 1.0, 0.04, 0.5, 0.3, 0.0, 0.2 }, // why: right wing steeper than left
    };

    public static TheoryData<double, double, double, double, double, double, SmileError, string> Violating => new()
    {
        // why: Axel Vogt's example (Gatheral & Jacquier 2014): g(k) < 0 near k ≈ 0.88
        { 1.0, -0.0410, 0.1331, 0.3060, 0.3586, 0.4153, SmileError.Butterfly, "g(k)" },
        // why: very sharp vertex (s = 0.01) with a steep wing: negative density near the money
        { 1.0, 0.0, 1.0, -0.5, 0.0, 0.01, SmileError.Butterfly, "g(k)" },
        // why: steep right-leaning smile: g < 0 just right of the vertex
        { 1.0, 0.01, 0.9, 0.1, 0.0, 0.05, SmileError.Butterfly, "g(k)" },
        // why: wing slope b(1+|ρ|) = 2.25 > 2 breaks Lee's moment bound
        { 1.0, 0.04, 1.5, 0.5, 0.0, 0.1, SmileError.WingSlope, "b" },
        // why: minimum total variance a + b·s·√(1−ρ²) = −0.09 < 0
        { 1.0, -0.1, 0.1, 0.0, 0.0, 0.1, SmileError.NonPositiveVariance, "a" },
        // why: ρ must be inside (−1, 1)
        { 1.0, 0.04, 0.1, 1.0, 0.0, 0.1, SmileError.OutOfRange, "rho" },
        // why: b must be ≥ 0
        { 1.0, 0.04, -0.1, 0.0, 0.0, 0.1, SmileError.OutOfRange, "b" },
        // why: s must be > 0
        { 1.0, 0.04, 0.1, 0.0, 0.0, 0.0, SmileError.OutOfRange, "sigma" },
        // why: T must be > 0
        { 0.0, 0.04, 0.1, 0.0, 0.0, 0.1, SmileError.OutOfRange, "timeToExpiry" },
        // why: m must be finite
        { 1.0, 0.04, 0.1, 0.0, double.NaN, 0.1, SmileError.OutOfRange, "m" },
        // why: a must be finite
        { 1.0, double.PositiveInfinity, 0.1, 0.0, 0.0, 0.1, SmileError.OutOfRange, "a" },
    };

    [Theory]
    [MemberData(nameof(ArbitrageFree))]
    public void Validate_ArbitrageFreeSet_IsValid(double t, double a, double b, double rho, double m, double s)
    {
        var validation = SviSmile.Validate(t, a, b, rho, m, s);
        Assert.True(validation.IsValid, validation.Describe());
        var smile = new SviSmile(t, a, b, rho, m, s);
        Assert.True(smile.ButterflyFunction(0.0) >= 0);
    }

    [Theory]
    [MemberData(nameof(Violating))]
    public void Validate_ViolatingSet_ReportsErrorAndParameter(
        double t, double a, double b, double rho, double m, double s, SmileError error, string parameter)
    {
        var validation = SviSmile.Validate(t, a, b, rho, m, s);
        Assert.Equal(error, validation.Error);
        Assert.Equal(parameter, validation.Parameter);
        Assert.Contains(parameter, validation.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Violating))]
    public void Constructor_ViolatingSet_ThrowsNamingTheParameter(
        double t, double a, double b, double rho, double m, double s, SmileError error, string parameter)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => new SviSmile(t, a, b, rho, m, s));
        Assert.Equal(parameter, exception.ParamName);
        Assert.Equal(error == SmileError.OutOfRange, exception is ArgumentOutOfRangeException);
    }

    [Fact]
    public void Validate_VogtExample_LocatesTheNegativeDensity()
    {
        // Gatheral & Jacquier plot g for this set: negative on roughly k ∈ (0.6, 1.1), minimum ≈ −0.033.
        var validation = SviSmile.Validate(1.0, -0.0410, 0.1331, 0.3060, 0.3586, 0.4153);
        Assert.Equal(SmileError.Butterfly, validation.Error);
        Assert.InRange(validation.Location, 0.3, 1.2);
        Assert.True(validation.Value < 0);
    }

    [Fact]
    public void TotalVariance_MatchesRawSviFormula()
    {
        var smile = new SviSmile(0.5, 0.04, 0.4, -0.4, 0.1, 0.2);
        foreach (var k in new[] { -1.0, -0.1, 0.0, 0.1, 0.7 })
        {
            var x = k - 0.1;
            var expected = 0.04 + 0.4 * (-0.4 * x + Math.Sqrt(x * x + 0.04));
            Assert.Equal(expected, smile.TotalVariance(k), 15);
            Assert.Equal(Math.Sqrt(expected / 0.5), smile.Vol(100, 100 * Math.Exp(k)), 14);
        }
    }
}
