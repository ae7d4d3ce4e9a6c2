using RiskGate.Engine.Joint;

namespace RiskGate.Engine.Tests.Joint;

public class JointScenarioSetTests
{
    private static JointScenarioSet TwoBucketSet() => new(
        groupCount: 2,
        horizonDays: 2,
        tenorBuckets: [0.1, 0.5],
        priceShocks: [0.01, -0.02, -0.05, 0.03],
        volShocks: [0.10, 0.20, 0.0, 0.0, 0.3, 0.1, -0.2, -0.4],
        weights: [0.25, 0.75],
        stresses: [new StressScenario("crash", [-0.3, -0.25], [0.6, 0.5], 0.4)]);

    [Fact]
    public void Construct_Valid_ExposesShocksWeightsAndStress()
    {
        var set = TwoBucketSet();
        Assert.Equal(3, set.Count);
        Assert.Equal(2, set.RegularCount);
        Assert.Equal(1, set.StressCount);
        Assert.Equal(2 / 365.0, set.HorizonYears, 1e-15);
        Assert.Equal(-0.05, set.PriceShock(1, 0));
        Assert.Equal(0.98, set.PriceSlope(0, 1), 1e-15);
        Assert.Equal(0.75, set.RegularWeights[1]);
        Assert.False(set.IsStress(1));
        Assert.True(set.IsStress(2));
        Assert.Equal(0.4, set.Weight(2));
        Assert.Equal(0.5, set.VolShock(2, 1, 0));
        Assert.Equal(0.5, set.VolShock(2, 1, 1));
    }

    public static TheoryData<double, double> Tenors => new()
    {
        { 0.05, 0.3 }, // before the first bucket: flat at the first
        { 0.1, 0.3 }, // on the first bucket
        { 0.3, 0.2 }, // halfway: (0.3 + 0.1) / 2
        { 0.4, 0.15 }, // three quarters: 0.25·0.3 + 0.75·0.1
        { 2.0, 0.1 }, // after the last bucket: flat at the last
    };

    [Theory]
    [MemberData(nameof(Tenors))]
    public void VolShockAt_Tenor_LinearBetweenBucketsFlatOutside(double years, double expected)
        => Assert.Equal(expected, TwoBucketSet().VolShockAt(1, 0, years), 1e-15);

    [Fact]
    public void Construct_WeightsSlightlyOff_Renormalised()
    {
        var set = new JointScenarioSet(1, 1, [0.1], [0.01, 0.02], [0, 0], [0.5 + 4e-7, 0.5], []);
        Assert.Equal(1.0, set.RegularWeights[0] + set.RegularWeights[1], 1e-15);
    }

    public static TheoryData<string, double[], double[], double[], double[]> BadSets => new()
    {
        { "weights", new double[] { 0.1 }, new double[] { 0.1, 0.2 }, new double[] { 0, 0 }, new double[] { 0.5, 0.4 } }, // weights sum to 0.9
        { "weights", new double[] { 0.1 }, new double[] { 0.1, 0.2 }, new double[] { 0, 0 }, new double[] { 1.0, 0.0 } }, // zero weight
        { "priceShocks", new double[] { 0.1 }, new double[] { -1.0, 0.2 }, new double[] { 0, 0 }, new double[] { 0.5, 0.5 } }, // price to zero
        { "volShocks", new double[] { 0.1 }, new double[] { 0.1, 0.2 }, new double[] { 0, -1.5 }, new double[] { 0.5, 0.5 } }, // negative vol
        { "tenorBuckets", new double[] { 0.5, 0.1 }, new double[] { 0.1, 0.2 }, new double[] { 0, 0, 0, 0 }, new double[] { 0.5, 0.5 } }, // buckets not increasing
        { "volShocks", new double[] { 0.1, 0.5 }, new double[] { 0.1, 0.2 }, new double[] { 0, 0 }, new double[] { 0.5, 0.5 } }, // one bucket of shocks for two tenors
        { "priceShocks", new double[] { 0.1 }, new double[] { 0.1 }, new double[] { 0, 0 }, new double[] { 0.5, 0.5 } }, // one price shock for two scenarios
    };

    [Theory]
    [MemberData(nameof(BadSets))]
    public void Construct_BadSetting_ThrowsNamingIt(string setting, double[] tenors, double[] price, double[] vol, double[] weights)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new JointScenarioSet(1, 1, tenors, price, vol, weights, []));
        Assert.Equal(setting, ex.ParamName);
    }

    [Theory]
    [InlineData(0)] // no horizon
    [InlineData(251)] // above a trading year
    public void Construct_BadHorizon_Throws(int days)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new JointScenarioSet(1, days, [0.1], [0.1], [0], [1.0], []));
        Assert.Equal("horizonDays", ex.ParamName);
    }

    [Fact]
    public void Construct_StressWithWrongGroupCount_Throws()
    {
        var stress = new StressScenario("x", [0.1], [0.1], 1);
        var ex = Assert.ThrowsAny<ArgumentException>(() => new JointScenarioSet(2, 1, [0.1], [0.1, 0.1], [0, 0], [1.0], [stress]));
        Assert.Equal("stresses", ex.ParamName);
    }

    [Theory]
    [InlineData(0.0)] // counts nothing
    [InlineData(1.5)] // counts more than the loss
    public void StressScenario_BadWeight_Throws(double weight)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new StressScenario("x", [0.1], [0.1], weight));
}
