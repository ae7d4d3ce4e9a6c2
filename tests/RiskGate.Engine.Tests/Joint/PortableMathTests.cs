using RiskGate.Engine.Joint;

namespace RiskGate.Engine.Tests.Joint;

public class PortableMathTests
{
    [Fact]
    public void Log_AcrossMagnitudes_MatchesMathLogWithinFewUlps()
    {
        var rng = new Random(11);
        for (var i = 0; i < 100_000; i++)
        {
            var x = Math.Exp((rng.NextDouble() - 0.5) * 1400);
            var expected = Math.Log(x);
            Assert.True(Math.Abs(PortableMath.Log(x) - expected) <= 4e-16 * Math.Max(1, Math.Abs(expected)), "x = " + x);
        }
    }

    [Fact]
    public void Exp_AcrossRange_MatchesMathExpWithinFewUlps()
    {
        var rng = new Random(12);
        for (var i = 0; i < 100_000; i++)
        {
            var x = (rng.NextDouble() - 0.5) * 1400;
            var expected = Math.Exp(x);
            Assert.True(Math.Abs(PortableMath.Exp(x) - expected) <= 1e-15 * expected, "x = " + x);
        }
    }

    [Theory]
    [InlineData(0.0, double.NaN)] // log of zero is outside the domain here
    [InlineData(-1.0, double.NaN)] // negative
    [InlineData(1.0, 0.0)] // exact
    public void Log_EdgeInputs_Documented(double x, double expected) => Assert.Equal(expected, PortableMath.Log(x));

    [Theory]
    [InlineData(0.0, 1.0)] // exact
    [InlineData(800.0, double.PositiveInfinity)] // overflow
    [InlineData(-800.0, 0.0)] // underflow
    public void Exp_EdgeInputs_Documented(double x, double expected) => Assert.Equal(expected, PortableMath.Exp(x));
}
