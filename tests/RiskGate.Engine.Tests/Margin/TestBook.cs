using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Tests.Margin;

/// <summary>
/// A two-group book for margin tests: group 0 "ES" (futures Z at 5000 and H at 5050, multiplier 50,
/// calls and puts on Z at 4800..5200), group 1 "NQ" (future at 18000, multiplier 20, calls and puts
/// on it at 17500..18500). Flat 20% vols, SPAN 16 points, 6% relative price range, 25% relative vol range.
/// </summary>
internal sealed class TestBook
{
    public const int Es = 0;
    public const int Nq = 1;

    public TestBook(double spreadRate = 0, double shortOptionMinimum = 0, InterGroupCredit[]? credits = null, ScanPoint[]? points = null, ScanPoint[]? nqPoints = null)
    {
        Instruments = new InstrumentTable(64, 2);
        Market = new MarketSnapshot(64) { Rate = 0.03 };
        EsZ = Instruments.AddFuture(Es, 0.25, 50, 0.25);
        EsH = Instruments.AddFuture(Es, 0.50, 50, 0.25);
        Market.SetPrice(EsZ, 5000);
        Market.SetPrice(EsH, 5050);
        for (var k = 4800; k <= 5200; k += 100)
        {
            AddOption(EsZ, true, k, 0.24, 50, 0.20);
            AddOption(EsZ, false, k, 0.24, 50, 0.20);
        }

        NqZ = Instruments.AddFuture(Nq, 0.25, 20, 0.25);
        Market.SetPrice(NqZ, 18000);
        for (var k = 17500; k <= 18500; k += 250)
        {
            AddOption(NqZ, true, k, 0.24, 20, 0.25);
            AddOption(NqZ, false, k, 0.24, 20, 0.25);
        }

        var scan = new ScanParameters(points ?? Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);

        // A different NQ scan (another node count) gives the groups different row strides.
        var nqScan = nqPoints is null ? scan : new ScanParameters(nqPoints, 0.08, ScanRangeKind.Relative, 0.30, ScanRangeKind.Relative);
        Options = new MarginOptions(
            [new GroupRiskParameters(scan, spreadRate, shortOptionMinimum), new GroupRiskParameters(nqScan, spreadRate, shortOptionMinimum)],
            credits ?? []);
        Arrays = new RiskArrayTable(Instruments, Options.MaxNodes);
        Calculator = new MarginCalculator(Instruments, Arrays, Options);
        Calculator.Revalue(Market);
    }

    public InstrumentTable Instruments { get; }

    public MarketSnapshot Market { get; }

    public MarginOptions Options { get; }

    public RiskArrayTable Arrays { get; }

    public MarginCalculator Calculator { get; }

    public int EsZ { get; }

    public int EsH { get; }

    public int NqZ { get; }

    public List<int> OptionList { get; } = [];

    /// <summary>The ES Z option with this strike and type.</summary>
    public int EsOption(bool isCall, double strike) => Find(EsZ, isCall, strike);

    /// <summary>The NQ Z option with this strike and type.</summary>
    public int NqOption(bool isCall, double strike) => Find(NqZ, isCall, strike);

    /// <summary>Maintenance margin of a book given as (instrument, quantity) pairs, positions at market.</summary>
    public MarginBreakdown Margin(params (int Instrument, long Quantity)[] positions)
    {
        var p = new Portfolio(Instruments);
        foreach (var (i, q) in positions)
        {
            p.SetPosition(i, q, Instruments[i].IsOption ? Arrays.Value(i) / Instruments[i].Multiplier : Market.Price(i));
        }

        var result = Calculator.CreateBreakdown();
        Calculator.Compute(p, Market, result);
        return result;
    }

    private void AddOption(int future, bool isCall, double strike, double expiry, double multiplier, double vol)
    {
        var i = Instruments.AddOption(future, isCall, strike, expiry, multiplier, 0.05);
        Market.SetSmile(i, new FlatSmile(vol, expiry));
        OptionList.Add(i);
    }

    private int Find(int future, bool isCall, double strike)
    {
        foreach (var i in OptionList)
        {
            ref readonly var o = ref Instruments[i];
            if (o.Underlying == future && o.IsCall == isCall && o.Strike == strike)
            {
                return i;
            }
        }

        throw new ArgumentException("no such option in the test book");
    }
}
