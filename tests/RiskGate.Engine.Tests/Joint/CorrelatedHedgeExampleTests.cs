using RiskGate.Engine.Margin;

namespace RiskGate.Engine.Tests.Joint;

/// <summary>
/// The numbers the proposed <c>examples/correlated-hedge-rho0/-rho05/-rho09.json</c> must produce once
/// <c>riskgate margin</c> reads the ES methodology. The literals are regression pins of this engine
/// (the Monte Carlo set is deterministic for its seed); the properties around them — falling with ρ,
/// below the standalone legs, the crash stress equal to its hand value — are checked independently.
/// </summary>
public class CorrelatedHedgeExampleTests
{
    public static TheoryData<double, double, double, double> Pins => new()
    {
        // rho, ES (= requirement: the crash is a gain for the hedge), VaR 99%, initial = round(1.1 × maintenance)
        { 0.0, 142943.12573620124, 126011.66779241705, 157237 }, // uncorrelated: the hedge is two open positions
        { 0.5, 99654.5450539254, 91143.60800223186, 109620 }, // half the co-movement offsets
        { 0.9, 46502.23682634866, 41710.33611216277, 51152 }, // strongly correlated: a true hedge
    };

    [Theory]
    [MemberData(nameof(Pins))]
    public void Compute_ExampleFile_PinnedNumbers(double rho, double es, double var, double initial)
    {
        var example = new CorrelatedHedgeExample(rho);
        var r = example.Result;
        Assert.Equal(es, r.Joint.ExpectedShortfall, es * 1e-9);
        Assert.Equal(var, r.Joint.ValueAtRisk, var * 1e-9);
        Assert.Equal(es, r.Joint.Requirement, es * 1e-9);
        Assert.Equal(es, r.Maintenance, es * 1e-9);
        Assert.Equal(initial, r.Initial);
        Assert.Equal(100_000, r.Equity);

        // Crash: ES −30% on 2.1M long, NQ −35% on 2.1M short: 630,000 − 735,000 = −105,000, × 0.35.
        Assert.Equal(-36_750, r.Joint.WorstStress, 1e-6);
        Assert.Equal(2000, r.Joint.WorstStressScenario);
    }

    [Fact]
    public void Compute_ExampleFiles_FallWithCorrelationAndStayBelowStandaloneLegs()
    {
        var previous = double.PositiveInfinity;
        foreach (var rho in new[] { 0.0, 0.5, 0.9 })
        {
            var example = new CorrelatedHedgeExample(rho);
            var hedge = example.Result.Maintenance;
            var longEs = example.Standalone(example.Es, 7);
            var shortNq = example.Standalone(example.Nq, -5);

            // Long 7 ES alone is driven by the crash: 7 × 50 × 6,000 × 30% × 0.35 = 220,500.
            Assert.Equal(220_500, longEs, 1e-6);
            Assert.True(hedge < longEs + shortNq);
            Assert.True(hedge < previous);
            previous = hedge;
        }
    }

    [Theory]
    [InlineData(0.0, 85313)] // initial after = 242,550 (the crash on 7 ES, × 1.1)
    [InlineData(0.5, 132930)] // the same after, from a lower start
    [InlineData(0.9, 191398)] // the hedge was worth the most here
    public void EvaluateOrder_UnwindNqLeg_RejectedAtEveryCorrelation(double rho, double incremental)
    {
        var impact = new CorrelatedHedgeExample(rho).UnwindNq();
        Assert.Equal(242_550, impact.InitialAfter);
        Assert.Equal(incremental, impact.IncrementalInitial);
        Assert.Equal(OrderMarginOutcome.RejectedInsufficientMargin, impact.Outcome);
    }
}
