using RiskGate.Engine.Instruments;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Tests.Joint;

/// <summary>
/// The hand-computed FHS fixture: 10 days × 2 groups of daily log returns, λ = 0.94, horizon 4 days.
/// Expected values were derived independently of the engine (a short Python script in double
/// precision applying the formulas of <see cref="FilteredHistoricalSimulation"/>'s remarks step by
/// step); the first steps can be checked by hand: group A's seed variance is
/// (0.01² + 0.02² + 0.005² + 0.03² + 0.012² + 0.008² + 0.025² + 0 + 0.015² + 0.006²) / 10 = 0.0002519,
/// so σ₁ = √0.0002519 = 0.015871357…, and σ₂² = 0.94 × 0.0002519 + 0.06 × 0.01² = 0.000242786, σ₂ = 0.015581591….
/// </summary>
public class FilteredHistoricalSimulationTests
{
    private static readonly double[] History =
    [
        0.010, -0.004,
        -0.020, 0.012,
        0.005, 0.003,
        0.030, -0.010,
        -0.012, 0.020,
        0.008, -0.006,
        -0.025, 0.015,
        0.000, 0.002,
        0.015, -0.018,
        -0.006, 0.004,
    ];

    private static readonly double[] ExpectedSigma =
    [
        0.01587135784991316, 0.01128716084761797,
        0.01558159170303214, 0.010987083325432643,
        0.015881399182691682, 0.011050476912785257,
        0.015446219912975475, 0.010739006359994393,
        0.016681443793149325, 0.010696105933656417,
        0.016438197376919407, 0.011469188341611624,
        0.016057442916679057, 0.011216494298239463,
        0.01672934501530356, 0.011478726396333875,
        0.016219701771691068, 0.011139815532627932,
        0.016149117685769786, 0.011665751612944612,
    ];

    private static readonly double[] ExpectedFiltered =
    [
        0.009908400682842183, -0.004023235107325872,
        -0.02018532842535077, 0.012399351248858168,
        0.004951067949009855, 0.003082054883868689,
        0.030543351158481308, -0.01057148591357068,
        -0.011312673524503563, 0.021227773016570688,
        0.00765338287900195, -0.005939073511341818,
        -0.024483937724973103, 0.015182184126583008,
        0.0, 0.0019780461793511427,
        0.014543403001914404, -0.018344025305467613,
        -0.005842787551035772, 0.003892668324412255,
    ];

    // exp(√4 · r̃) − 1 per day and group.
    private static readonly double[] ExpectedShocks =
    [
        0.0200144576533563, -0.008014184027842819,
        -0.03956661804378436, 0.025108747923455077,
        0.009951324268271833, 0.006183146988089305,
        0.06299107398092851, -0.020921026147473598,
        -0.022371313358073408, 0.043369673421849164,
        0.01542451431305425, -0.011807880322239672,
        -0.04778828141980951, 0.030830067284077556,
        0.0, 0.003963928021538887,
        0.02951395858903494, -0.03602319957556299,
        -0.011617563943612463, 0.007815721182282687,
    ];

    [Fact]
    public void Filter_HandFixture_ExpectedEwmaVolsAndScaledReturns()
    {
        var sigma = new double[20];
        var now = new double[2];
        var filtered = new double[20];
        FilteredHistoricalSimulation.Filter(History, 2, 0.94, sigma, now, filtered);
        Assert.Equal(0.01572597729577122, now[0], 1e-15);
        Assert.Equal(0.011352725446042666, now[1], 1e-15);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(ExpectedSigma[i], sigma[i], 1e-15);
            Assert.Equal(ExpectedFiltered[i], filtered[i], 1e-15);
        }
    }

    [Fact]
    public void Build_HandFixture_ShocksAreHorizonScaledFilteredReturns()
    {
        var set = FilteredHistoricalSimulation.Build(History, 2, 4, 10, 0.94, [], []);
        Assert.Equal(10, set.RegularCount);
        Assert.Equal(0, set.StressCount);
        Assert.Equal(4, set.HorizonDays);
        for (var s = 0; s < 10; s++)
        {
            Assert.Equal(0.1, set.Weight(s), 1e-15);
            for (var g = 0; g < 2; g++)
            {
                Assert.Equal(ExpectedShocks[s * 2 + g], set.PriceShock(s, g), 1e-14);
                Assert.Equal(0, set.VolShock(s, g, 0));
            }
        }
    }

    [Fact]
    public void Build_HandFixtureHedge_ExpectedShortfallMatchesHandValue()
    {
        // Long 1 A future (F = 100, multiplier 10) against short 2 B futures (F = 50, multiplier 10):
        // loss = −1000·pA + 1000·pB per scenario. Worst losses 78.618…, 65.741…, 64.675…; at α = 0.75
        // the tail of 2.5 scenarios is (0.1·78.618 + 0.1·65.741 + 0.05·64.675) / 0.25.
        var instruments = new InstrumentTable(4, 2);
        var a = instruments.AddFuture(0, 0.5, 10, 0.01);
        var b = instruments.AddFuture(1, 0.5, 10, 0.01);
        var market = new MarketSnapshot(4);
        market.SetPrice(a, 100);
        market.SetPrice(b, 50);
        var arrays = new JointRiskArrayTable(instruments, 10);
        arrays.Rebuild(FilteredHistoricalSimulation.Build(History, 2, 4, 10, 0.94, [], []), market);
        var calculator = new JointMarginCalculator(instruments, arrays, new JointMarginOptions([MarginMethodology.ExpectedShortfall, MarginMethodology.ExpectedShortfall], [], 0.75));
        var portfolio = new Portfolio(instruments);
        portfolio.SetPosition(a, 1, 100);
        portfolio.SetPosition(b, -2, 50);
        var result = calculator.CreateResult();
        calculator.Compute(portfolio, market, result);

        Assert.Equal(70.67880738697174, result.ExpectedShortfall, 1e-9);
        Assert.Equal(64.67536596723943, result.ValueAtRisk, 1e-9);
        Assert.Equal(70.67880738697174, result.Requirement, 1e-9);
        Assert.Equal([6, 4, 1], result.TailScenarios.ToArray());
    }

    [Fact]
    public void Build_FewerScenariosThanDays_UsesMostRecentDays()
    {
        var set = FilteredHistoricalSimulation.Build(History, 2, 4, 6, 0.94, [], []);
        Assert.Equal(6, set.RegularCount);
        Assert.Equal(ExpectedShocks[4 * 2], set.PriceShock(0, 0), 1e-14);
        Assert.Equal(ExpectedShocks[9 * 2 + 1], set.PriceShock(5, 1), 1e-14);
        Assert.Equal(1.0 / 6, set.Weight(0), 1e-15);
    }

    [Fact]
    public void Build_VolBeta_VolMovesWithPrice()
    {
        // β = −2: vol shock = exp(−2 · √h · r̃) − 1 = (1 + p)^−2 − 1.
        var set = FilteredHistoricalSimulation.Build(History, 2, 4, 10, 0.94, [-2.0, 0.0], []);
        for (var s = 0; s < 10; s++)
        {
            Assert.Equal(Math.Pow(1 + ExpectedShocks[s * 2], -2) - 1, set.VolShock(s, 0, 0), 1e-13);
            Assert.Equal(0, set.VolShock(s, 1, 0));
        }
    }

    [Fact]
    public void Build_StressAppended_AfterHistoricalScenarios()
    {
        var crash = new StressScenario("crash", [-0.3, -0.3], [0.5, 0.5], 0.5);
        var set = FilteredHistoricalSimulation.Build(History, 2, 1, 10, 0.94, [], [crash]);
        Assert.Equal(11, set.Count);
        Assert.True(set.IsStress(10));
        Assert.Equal("crash", set.Name(10));
        Assert.Equal(-0.3, set.PriceShock(10, 1));
        Assert.Equal(0.5, set.VolShock(10, 0, 0));
        Assert.Equal(0.5, set.Weight(10));
    }

    public static TheoryData<string, double[], int, int, double> BadInputs => new()
    {
        { "logReturns", new double[] { 0.01, 0.02, 0.03 }, 2, 1, 0.94 }, // not a whole number of days
        { "logReturns", new double[] { 0, 0.01, 0, 0.02 }, 2, 2, 0.94 }, // group 0 has no variance
        { "lambda", new double[] { 0.01, 0.02, 0.03, 0.01 }, 2, 2, 1.0 }, // lambda must be below 1
        { "scenarioCount", new double[] { 0.01, 0.02, 0.03, 0.01 }, 2, 3, 0.94 }, // more scenarios than days
        { "logReturns", new double[] { 0.01, double.NaN, 0.03, 0.01 }, 2, 2, 0.94 }, // not finite
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Build_BadInput_ThrowsNamingSetting(string setting, double[] history, int groups, int count, double lambda)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => FilteredHistoricalSimulation.Build(history, groups, 1, count, lambda, [], []));
        Assert.Equal(setting, ex.ParamName);
    }
}
