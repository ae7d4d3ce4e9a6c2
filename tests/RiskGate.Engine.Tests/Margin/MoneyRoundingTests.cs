using RiskGate.Engine.Margin;

namespace RiskGate.Engine.Tests.Margin;

public class MoneyRoundingTests
{
    [Theory]
    [InlineData(2_500, 1.0, 2_750)] // issue's example: 1.10 × 2,500
    [InlineData(525, 1.0, 578)] // issue's example: 1.10 × 525 = 577.5 rounds up
    [InlineData(0, 1.0, 0)] // empty account
    [InlineData(1_234.5, 10.0, 1_360)] // 1,357.95 to tens
    public void RoundHalfUp_InitialFromMaintenance(double maintenance, double unit, double initial)
        => Assert.Equal(initial, MoneyRounding.RoundHalfUp(MarginOptions.DefaultInitialRatio * maintenance, unit));

    [Theory]
    [InlineData(1.005, 0.01, 1.01)] // binary 1.005 is 1.00499999…: the 9-decimal snap keeps the half
    [InlineData(2.5, 1.0, 3)] // half goes up, not to even
    [InlineData(-2.5, 1.0, -2)] // half goes towards +∞
    [InlineData(2.4999, 1.0, 2)] // below the half
    public void RoundHalfUp_Halves(double amount, double unit, double expected)
        => Assert.Equal(expected, MoneyRounding.RoundHalfUp(amount, unit), 12);

    [Fact]
    public void RoundHalfUp_ZeroUnit_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => MoneyRounding.RoundHalfUp(1, 0));

    [Fact]
    public void RoundHalfUp_Cents_IsTheNearestDoubleToTheDecimal()
    {
        Assert.Equal(16_930.42, MoneyRounding.RoundHalfUp(16_930.419_999_9, 0.01));
        Assert.Equal(0.3, MoneyRounding.RoundHalfUp(0.1 + 0.2, 0.01));
    }
}
