using RiskGate.Engine;
using RiskGate.Engine.Checks;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Orders;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;

namespace RiskGate.Benchmarks.Joint;

/// <summary>
/// A sealed engine whose two groups are both margined by Expected Shortfall (or both by scan, for
/// the baseline): ES future 100 at 6000 ×50 with 20 options (calls and puts at 5750..6200 step 50),
/// NQ future 300 at 21000 ×20 with 20 options (20250..21600 step 150); Monte Carlo ρ = 0.5 (vols 0.18 / 0.22, 2 days, seed
/// 17) plus a crash stress; 64 accounts; account 1 holds long 7 ES, short 5 NQ, short 10 ES calls,
/// long 10 NQ puts and works a buy of 3 NQ (so the worse side is taken). Twin: JointEngineBenchmarkTwinTests.
/// </summary>
public sealed class JointEngineBook
{
    public const uint EsZ = 100;
    public const uint NqZ = 300;
    public const uint Account = 1;

    private long _sequence;

    public JointEngineBook(int scenarios, bool expectedShortfall = true)
    {
        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        var margin = new MarginOptions([new GroupRiskParameters(scan, 0, 0), new GroupRiskParameters(scan, 0, 0)], []);
        var m = expectedShortfall ? MarginMethodology.ExpectedShortfall : MarginMethodology.Scan;
        Set = CorrelatedMonteCarlo.Build([1, 0.5, 0.5, 1], [0.18, 0.22], 2, scenarios, 17, [], [new StressScenario("crash", [-0.30, -0.35], [0.5, 0.6], 0.35)]);
        var joint = expectedShortfall ? new JointEngineOptions([m, m], Set, 0.99, maxJointAccounts: 64, maxScenarios: scenarios + 1) : null;
        var limits = new OrderLimits
        {
            MaxOrderQuantity = 1000,
            MaxNotional = 1e12,
            MaxPosition = 100_000,
            CollarFraction = 0.5,
            CollarMinimum = 50,
            MaxWorkingOrders = 1000,
            MaxOrdersPerWindow = 4096,
            MaxCancelsPerWindow = 4096,
        };
        Engine = new RiskEngine(new RiskEngineOptions(margin, limits, maxAccounts: 64, maxInstruments: 64, maxWorkingOrders: 4096, throttleCapacity: 4096, throttleWindowNanoseconds: 1, joint: joint));
        Define(EsZ, InstrumentKind.Future, 0, 0, 0.25, 0, false, 50, 0.25);
        for (var k = 0; k < 10; k++)
        {
            Define(EsOption(k, true), InstrumentKind.Option, 0, EsZ, 60 / 365.0, 5750 + 50 * k, true, 50, 0.05);
            Define(EsOption(k, false), InstrumentKind.Option, 0, EsZ, 60 / 365.0, 5750 + 50 * k, false, 50, 0.05);
        }

        Define(NqZ, InstrumentKind.Future, 1, 0, 0.25, 0, false, 20, 0.25);
        for (var k = 0; k < 10; k++)
        {
            Define(NqOption(k, true), InstrumentKind.Option, 1, NqZ, 60 / 365.0, 20250 + 150 * k, true, 20, 0.05);
            Define(NqOption(k, false), InstrumentKind.Option, 1, NqZ, 60 / 365.0, 20250 + 150 * k, false, 20, 0.05);
        }

        Expect(Engine.OnMarketPrice(Seq(), 0, EsZ, P(6000)));
        Expect(Engine.OnMarketPrice(Seq(), 0, NqZ, P(21000)));
        Expect(Engine.OnVolSmile(Seq(), 0, EsZ, new FlatSmile(0.18, 60 / 365.0)));
        Expect(Engine.OnVolSmile(Seq(), 0, NqZ, new FlatSmile(0.22, 60 / 365.0)));
        Engine.Seal();
        for (var a = 1u; a <= 4; a++)
        {
            Expect(Engine.OnAccountLimits(Seq(), 0, a, true, OrderLimits.UseDefaults));
            Expect(Engine.OnCollateral(Seq(), 0, a, CollateralAction.Set, 1e8));
        }

        Fill(EsZ, OrderSide.Buy, 7);
        Fill(NqZ, OrderSide.Sell, 5);
        Fill(EsOption(6, true), OrderSide.Sell, 10);
        Fill(NqOption(3, false), OrderSide.Buy, 10);
        Expect(Engine.OnNewOrder(Order(NqZ, 1, OrderSide.Buy, 3, TimeInForce.GoodTillCancel)));
    }

    public RiskEngine Engine { get; }

    /// <summary>The order rotation of <c>EsMarginStepMixed</c>: (instrument, signed lots) for <see cref="Account"/>.</summary>
    public static (uint Instrument, long Quantity)[] MixedOrders { get; } =
    [
        (NqOption(5, true), 1),
        (EsZ, -2),
        (NqZ, 3),
        (EsOption(6, true), 5),
        (NqOption(3, false), -4),
        (EsOption(2, false), -10),
        (NqZ, -1),
        (EsZ, 7),
    ];

    public JointScenarioSet Set { get; }

    public long Time { get; set; } = 1;

    public static uint EsOption(int strike, bool isCall) => (uint)(200 + 2 * strike + (isCall ? 0 : 1));

    public static uint NqOption(int strike, bool isCall) => (uint)(400 + 2 * strike + (isCall ? 0 : 1));

    public static long P(double price) => (long)Math.Round(price * 1e9);

    /// <summary>A limit price on tick at the engine's collar reference.</summary>
    public long PriceOf(uint instrument)
    {
        var i = Engine.InstrumentIndex(instrument);
        ref readonly var inst = ref Engine.Instruments[i];
        var market = Engine.Market!.Current;
        var reference = inst.IsOption
            ? Black76.Price(inst.IsCall, market.Price(inst.Underlying), inst.Strike, inst.ExpiryYears, market.Rate, market.Smile(i)!.Vol(market.Price(inst.Underlying), inst.Strike))
            : market.Price(i);
        return P(Math.Max(inst.TickSize, Math.Round(reference / inst.TickSize) * inst.TickSize));
    }

    public OrderRequest Order(uint instrument, ulong id, OrderSide side, long quantity, TimeInForce tif)
        => new()
        {
            Sequence = Seq(),
            Timestamp = Time += 1_000,
            AccountId = Account,
            InstrumentId = instrument,
            ClientOrderId = id,
            Side = side,
            Type = OrderType.Limit,
            TimeInForce = tif,
            Quantity = quantity,
            Price = PriceOf(instrument),
        };

    public long Seq() => ++_sequence;

    private void Fill(uint instrument, OrderSide side, long quantity)
        => Expect(Engine.OnFill(Seq(), Time += 1_000, Account, 0, instrument, side, quantity, PriceOf(instrument)));

    private void Define(uint id, InstrumentKind kind, int group, uint underlying, double years, double strike, bool isCall, double multiplier, double tick)
        => Expect(Engine.OnInstrumentDefinition(Seq(), id, kind, group, underlying, (long)(years * 365 * 86_400 * 1e9), P(strike), isCall, multiplier, P(tick), true));

    private static void Expect(EngineDecision d)
    {
        if (!d.Accepted)
        {
            throw new InvalidOperationException("book set-up step rejected: " + d.Reason);
        }
    }
}
