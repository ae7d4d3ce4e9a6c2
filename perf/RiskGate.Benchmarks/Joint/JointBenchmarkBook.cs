using RiskGate.Engine.Instruments;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Benchmarks.Joint;

/// <summary>
/// The joint-margin benchmark workload: 2 product groups (futures at 100 and 50, multiplier 1,000,
/// vols 20% and 25%), <c>optionsPerGroup</c> options per group (calls and puts, strikes ±20% around the
/// money, 0.25 years, flat smiles), a correlated Monte Carlo set (ρ = 0.6, horizon 2 days, seed 17).
/// The twin tests in RiskGate.Engine.Tests/Joint build the same workload.
/// </summary>
internal sealed class JointBenchmarkBook
{
    public JointBenchmarkBook(int optionsPerGroup, int scenarios)
    {
        Instruments = new InstrumentTable(2 + 2 * optionsPerGroup, 2);
        Market = new MarketSnapshot(Instruments.Capacity) { Rate = 0.02 };
        FutureA = Instruments.AddFuture(0, 0.5, 1000, 0.01);
        FutureB = Instruments.AddFuture(1, 0.5, 1000, 0.01);
        Market.SetPrice(FutureA, 100);
        Market.SetPrice(FutureB, 50);
        Options = new int[2 * optionsPerGroup];
        var n = 0;
        foreach (var (future, atm, vol) in new[] { (FutureA, 100.0, 0.20), (FutureB, 50.0, 0.25) })
        {
            for (var k = 0; k < optionsPerGroup; k++)
            {
                var strike = Math.Round(atm * (0.8 + 0.4 * (k / 2) / Math.Max(1, optionsPerGroup / 2 - 1)), 4);
                var i = Instruments.AddOption(future, k % 2 == 0, strike, 0.25, 1000, 0.001);
                Market.SetSmile(i, new FlatSmile(vol, 0.25));
                Options[n++] = i;
            }
        }

        Set = CorrelatedMonteCarlo.Build([1, 0.6, 0.6, 1], [0.20, 0.25], 2, scenarios, 17, [-1.5, -1.5], []);
        Arrays = new JointRiskArrayTable(Instruments, scenarios);
        Arrays.Rebuild(Set, Market);
        Calculator = new JointMarginCalculator(
            Instruments,
            Arrays,
            new JointMarginOptions([MarginMethodology.ExpectedShortfall, MarginMethodology.ExpectedShortfall], []));
        Portfolio = new Portfolio(Instruments);
        Portfolio.SetPosition(FutureA, 3, 100);
        Portfolio.SetPosition(FutureB, -5, 50);
        Portfolio.SetPosition(Options[1], -10, 1);
        Portfolio.SetPosition(Options[^2], 8, 1);
    }

    public InstrumentTable Instruments { get; }

    public MarketSnapshot Market { get; }

    public int FutureA { get; }

    public int FutureB { get; }

    public int[] Options { get; }

    public JointScenarioSet Set { get; }

    public JointRiskArrayTable Arrays { get; }

    public JointMarginCalculator Calculator { get; }

    public Portfolio Portfolio { get; }
}
