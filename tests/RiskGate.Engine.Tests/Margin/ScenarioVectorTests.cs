using RiskGate.Engine.Margin;

namespace RiskGate.Engine.Tests.Margin;

public class ScenarioVectorTests
{
    [Theory]
    [InlineData(16)] // whole SIMD lanes
    [InlineData(13)] // a scalar tail
    [InlineData(3)] // shorter than one lane
    public void AddScaled_AnyLength_EqualsScalarLoop(int length)
    {
        var random = new Random(length);
        var pnl = new double[length];
        var expected = new double[length];
        var ra = new double[length];
        for (var s = 0; s < length; s++)
        {
            pnl[s] = expected[s] = random.NextDouble();
            ra[s] = random.NextDouble() - 0.5;
            expected[s] += -3 * ra[s];
        }

        ScenarioVector.AddScaled(pnl, ra, -3);
        for (var s = 0; s < length; s++)
        {
            Assert.Equal(expected[s], pnl[s], 12);
        }
    }

    [Fact]
    public void Worst_Ties_FirstNodeWins()
    {
        Assert.Equal(5, ScenarioVector.Worst([1, 5, -2, 5], out var node));
        Assert.Equal(1, node);
        Assert.Equal(double.NegativeInfinity, ScenarioVector.Worst([], out node));
        Assert.Equal(-1, node);
    }
}
