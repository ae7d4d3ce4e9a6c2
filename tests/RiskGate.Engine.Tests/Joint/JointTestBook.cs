using RiskGate.Engine.Instruments;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Tests.Joint;

/// <summary>
/// A two-underlying book for joint-margin tests: group 0 "A" (future at 100, multiplier 1,000, 20%
/// annual vol) and group 1 "B" (future at 50, multiplier 1,000, 25% vol), each with
/// <c>optionsPerGroup</c> options (calls and puts at strikes spread ±20% around the money, expiry
/// 0.25 years) on flat smiles; rate 2%. Long 1 A against short 2 B is a dollar-neutral hedge
/// (100,000 of notional a side).
/// </summary>
internal sealed class JointTestBook
{
    public const int A = 0;
    public const int B = 1;
    public const double VolA = 0.20;
    public const double VolB = 0.25;

    public JointTestBook(int optionsPerGroup = 10, int maxScenarios = 2048)
    {
        Instruments = new InstrumentTable(4 + 2 * optionsPerGroup, 2);
        Market = new MarketSnapshot(Instruments.Capacity) { Rate = 0.02 };
        FutureA = Instruments.AddFuture(A, 0.5, 1000, 0.01);
        FutureB = Instruments.AddFuture(B, 0.5, 1000, 0.01);
        Market.SetPrice(FutureA, 100);
        Market.SetPrice(FutureB, 50);
        AddChain(FutureA, 100, VolA, optionsPerGroup);
        AddChain(FutureB, 50, VolB, optionsPerGroup);
        Arrays = new JointRiskArrayTable(Instruments, maxScenarios);
    }

    public InstrumentTable Instruments { get; }

    public MarketSnapshot Market { get; }

    public JointRiskArrayTable Arrays { get; }

    public int FutureA { get; }

    public int FutureB { get; }

    public List<int> Options { get; } = [];

    /// <summary>A Monte Carlo set at correlation ρ between A and B (same seed for every ρ, so only ρ changes).</summary>
    public static JointScenarioSet MonteCarlo(double rho, int count = 2000, int horizonDays = 2, ulong seed = 17, StressScenario[]? stresses = null)
        => CorrelatedMonteCarlo.Build([1, rho, rho, 1], [VolA, VolB], horizonDays, count, seed, [-1.5, -1.5], stresses ?? []);

    /// <summary>Installs a set and returns an ES calculator for both groups.</summary>
    public JointMarginCalculator Calculator(JointScenarioSet set, double alpha = 0.99, double shortOptionMinimum = 0)
    {
        Arrays.Rebuild(set, Market);
        return new JointMarginCalculator(
            Instruments,
            Arrays,
            new JointMarginOptions([MarginMethodology.ExpectedShortfall, MarginMethodology.ExpectedShortfall], [shortOptionMinimum, shortOptionMinimum], alpha));
    }

    /// <summary>A portfolio of (instrument, quantity) positions at market.</summary>
    public Portfolio Portfolio(params (int Instrument, long Quantity)[] positions)
    {
        var p = new Portfolio(Instruments);
        foreach (var (i, q) in positions)
        {
            p.SetPosition(i, q, Instruments[i].IsOption ? 1.0 : Market.Price(i));
        }

        return p;
    }

    /// <summary>The joint requirement of a book under a calculator.</summary>
    public double Requirement(JointMarginCalculator calculator, params (int Instrument, long Quantity)[] positions)
    {
        var result = calculator.CreateResult();
        calculator.Compute(Portfolio(positions), Market, result);
        return result.Requirement;
    }

    private void AddChain(int future, double atm, double vol, int count)
    {
        for (var k = 0; k < count; k++)
        {
            var pairs = Math.Max(1, count / 2);
            var strike = atm * (0.8 + 0.4 * (k / 2) / Math.Max(1, pairs - 1));
            var i = Instruments.AddOption(future, k % 2 == 0, Math.Round(strike, 4), 0.25, 1000, 0.001);
            Market.SetSmile(i, new FlatSmile(vol, 0.25));
            Options.Add(i);
        }
    }
}
