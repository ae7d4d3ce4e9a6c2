using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Market;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Tests.Margin;

/// <summary>
/// One future at 5000 (multiplier 50) with calls and puts at 1, 7, 30 and 90 days on strikes
/// 4000..6000 (step 100), a flat 20% vol, SPAN 16 points at a 6% relative price range and 25% relative
/// vol range; the books that break simple approximations are loaded into account 0 of the system
/// under test, and the oracle is full revaluation at the same market.
/// </summary>
internal sealed class AccuracyBook
{
    public const double Forward = 5000;
    public const double Vol = 0.20;

    private readonly Dictionary<(int Days, bool IsCall, int Strike), int> _options = [];

    public AccuracyBook()
    {
        Instruments = new InstrumentTable(256, 1);
        Snapshot = new MarketSnapshot(256) { Rate = 0.02 };
        Future = Instruments.AddFuture(0, 0.5, 50, 0.25);
        Snapshot.SetPrice(Future, Forward);
        foreach (var days in new[] { 1, 7, 30, 90 })
        {
            for (var k = 4000; k <= 6000; k += 100)
            {
                foreach (var isCall in new[] { true, false })
                {
                    var i = Instruments.AddOption(Future, isCall, k, days / 365.0, 50, 0.05);
                    Snapshot.SetSmile(i, Smile);
                    _options[(days, isCall, k)] = i;
                }
            }
        }

        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        Options = new MarginOptions([new GroupRiskParameters(scan, 0, 0)], []);
        OracleArrays = new RiskArrayTable(Instruments, Options.MaxNodes);
        Oracle = new MarginCalculator(Instruments, OracleArrays, Options);
        Market = new MarketState(Instruments, Options, Snapshot, ReanchorPolicy.Default, 0, 2);
        Market.ReanchorAll();
        Store = new AccountStore(Market, new AccountStoreOptions(1, 16, 1));
        Margin = new IncrementalMargin(Store);
        Breakdown = Oracle.CreateBreakdown();
    }

    public static FlatSmile Smile { get; } = new(Vol, 1);

    public InstrumentTable Instruments { get; }

    public MarketSnapshot Snapshot { get; }

    public MarginOptions Options { get; }

    public RiskArrayTable OracleArrays { get; }

    public MarginCalculator Oracle { get; }

    public MarketState Market { get; }

    public AccountStore Store { get; }

    public IncrementalMargin Margin { get; }

    public MarginBreakdown Breakdown { get; }

    public int Future { get; }

    public int Option(int days, bool isCall, int strike) => _options[(days, isCall, strike)];

    /// <summary>Loads a named book into account 0.</summary>
    public void Load(string name)
    {
        foreach (var (i, q) in Legs(name))
        {
            Assert.Equal(StateStatus.Ok, Store.SetPosition(0, i, q, Instruments[i].IsOption ? 0 : Forward));
        }
    }

    public (int Instrument, long Quantity)[] Legs(string name) => name switch
    {
        "straddle1" => [(Option(1, true, 5000), -10), (Option(1, false, 5000), -10)],
        "straddle7" => [(Option(7, true, 5000), -10), (Option(7, false, 5000), -10)],
        "straddle30" => [(Option(30, true, 5000), -10), (Option(30, false, 5000), -10)],
        "straddle90" => [(Option(90, true, 5000), -10), (Option(90, false, 5000), -10)],
        "ironfly" => [(Option(30, true, 5000), -10), (Option(30, false, 5000), -10), (Option(30, true, 5300), 10), (Option(30, false, 4700), 10)],
        "otmput" => [(Option(30, false, 4000), -10)],
        "calendar" => [(Option(30, true, 5000), -10), (Option(90, true, 5000), 10)],
        "coveredcall" => [(Future, 10), (Option(30, true, 5200), -10)],
        _ => throw new ArgumentException("unknown book " + name),
    };

    /// <summary>Moves the market by a fraction of the drift limit and of the vol limit, without crossing either.</summary>
    public void Move(double driftFraction, double volFraction)
    {
        var limit = Market.DriftLimit(Future);
        Assert.Equal(ReanchorReason.None, Market.SetFuturePrice(Future, Forward + driftFraction * limit, 1));
        if (volFraction != 0)
        {
            Assert.Equal(ReanchorReason.None, Market.SetSmile(Future, new ShiftedSmile(Smile, volFraction * Market.Policy.VolLimit), 1));
        }
    }

    /// <summary>Full-revaluation maintenance of account 0's book at the current market.</summary>
    public double FullMaintenance(string name)
    {
        var p = new Portfolio(Instruments);
        foreach (var (i, q) in Legs(name))
        {
            p.SetPosition(i, q, 1);
            OracleArrays.BuildAt(i, Options.Groups[0].Scan, Snapshot, 0);
        }

        Oracle.Compute(p, Snapshot, Breakdown);
        return Breakdown.Maintenance;
    }

    /// <summary>
    /// The rejected alternative: a single delta/gamma expansion at the centre, L[s] ≈ RA[s] −
    /// wₛ·((Δ₀kₛ − Δ₀)·dF + ½(Γ₀kₛ² − Γ₀)·dF²), i.e. every node moved with the centre Greeks.
    /// </summary>
    public double CentreExpansionMaintenance(string name)
    {
        var scan = Options.Groups[0].Scan;
        var dF = Market.PriceMove(Future);
        var worst = double.NegativeInfinity;
        for (var s = 0; s < scan.Count; s++)
        {
            var w = scan.Points[s].Weight;
            var k = scan.PriceSlope(s);
            double loss = 0;
            foreach (var (i, q) in Legs(name))
            {
                var d0 = Market.CentreDelta(i);
                var g0 = Market.CentreGamma(i);
                loss += q * (Market.AnchorLosses(i)[s] - w * ((d0 * k - d0) * dF + 0.5 * (g0 * k * k - g0) * dF * dF));
            }

            worst = Math.Max(worst, loss);
        }

        return Math.Max(worst, 0);
    }
}
