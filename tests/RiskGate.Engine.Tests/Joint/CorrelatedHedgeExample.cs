using RiskGate.Engine.Instruments;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Tests.Joint;

/// <summary>
/// The engine-side twin of the proposed <c>examples/correlated-hedge-rho*.json</c> files: ES future
/// ESZ6 at 6,000 (multiplier 50, 18% vol) and NQZ6 at 21,000 (multiplier 20, 22% vol), both groups on
/// the ES methodology, Monte Carlo with 2,000 scenarios, seed 17, horizon 2 days, α = 0.99, a crash
/// stress (ES −30%, NQ −35%, vols +50%/+60%, weight 0.35); cash 100,000; long 7 ESZ6 against short 5
/// NQZ6 (2.1M of notional a side); candidate order: buy 5 NQZ6 at 21,000 (unwinds the hedge).
/// </summary>
internal sealed class CorrelatedHedgeExample
{
    public CorrelatedHedgeExample(double rho)
    {
        Instruments = new InstrumentTable(2, 2);
        Market = new MarketSnapshot(2) { Rate = 0.04 };
        var expiry = 24 / 365.0; // 2026-11-24 to 2026-12-18
        Es = Instruments.AddFuture(0, expiry, 50, 0.25);
        Nq = Instruments.AddFuture(1, expiry, 20, 0.25);
        Market.SetPrice(Es, 6000);
        Market.SetPrice(Nq, 21000);
        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        var scanOptions = new MarginOptions([new GroupRiskParameters(scan, 0, 0), new GroupRiskParameters(scan, 0, 0)], []);
        var scanArrays = new RiskArrayTable(Instruments, scanOptions.MaxNodes);
        var scanCalculator = new MarginCalculator(Instruments, scanArrays, scanOptions);
        var crash = new StressScenario("crash", [-0.30, -0.35], [0.5, 0.6], 0.35);
        var set = CorrelatedMonteCarlo.Build([1, rho, rho, 1], [0.18, 0.22], 2, 2000, 17, [], [crash]);
        var arrays = new JointRiskArrayTable(Instruments, set.Count);
        arrays.Rebuild(set, Market);
        var joint = new JointMarginCalculator(Instruments, arrays, new JointMarginOptions([MarginMethodology.ExpectedShortfall, MarginMethodology.ExpectedShortfall], [0, 0], 0.99));
        Calculator = new CombinedMarginCalculator(Instruments, scanCalculator, joint);
        Portfolio = new Portfolio(Instruments) { Cash = 100_000 };
        Portfolio.SetPosition(Es, 7, 6000);
        Portfolio.SetPosition(Nq, -5, 21000);
        Result = Calculator.CreateResult();
        Calculator.Compute(Portfolio, Market, Result);
    }

    public InstrumentTable Instruments { get; }

    public MarketSnapshot Market { get; }

    public int Es { get; }

    public int Nq { get; }

    public CombinedMarginCalculator Calculator { get; }

    public Portfolio Portfolio { get; }

    public CombinedMarginResult Result { get; }

    /// <summary>The joint requirement of one leg held alone.</summary>
    public double Standalone(int instrument, long quantity)
    {
        var p = new Portfolio(Instruments);
        p.SetPosition(instrument, quantity, Market.Price(instrument));
        var r = Calculator.CreateResult();
        Calculator.Compute(p, Market, r);
        return r.Joint.Requirement;
    }

    /// <summary>The candidate order of the example file: buy 5 NQZ6 at 21,000.</summary>
    public OrderImpact UnwindNq() => Calculator.EvaluateOrder(Portfolio, Market, Result, Nq, 5, 21000);
}
