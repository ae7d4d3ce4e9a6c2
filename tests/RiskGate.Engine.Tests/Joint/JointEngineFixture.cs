using RiskGate.Engine.Checks;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Orders;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Tests.Joint;

/// <summary>
/// A sealed engine over two correlated groups with a methodology each: group 0 "ES" (future 100 at
/// 6000, multiplier 50, tick 0.25; calls and puts on it at 5700..6300 step 100, ids 200.., 60 days),
/// group 1 "NQ" (future 300 at 21000, multiplier 20; calls and puts at 20500..21500 step 250, ids
/// 400..). Flat vols 18% / 22%, SPAN 16 points at 6% (the scan part, and the re-anchor drift limit),
/// joint Monte Carlo set at correlation ρ (vols 0.18 / 0.22, 2 days, seed 17) with a crash stress.
/// The oracle (<see cref="FullJoint"/>, <see cref="FullCombined"/>) is full revaluation at the
/// engine's current market from the account's quantities in the store.
/// </summary>
internal sealed class JointEngineFixture
{
    public const uint EsZ = 100;
    public const uint NqZ = 300;

    private long _sequence;
    private JointScenarioSet _set;
    private JointMarginCalculator? _reference;

    public JointEngineFixture(
        MarginMethodology es = MarginMethodology.ExpectedShortfall,
        MarginMethodology nq = MarginMethodology.ExpectedShortfall,
        int scenarios = 500,
        double rho = 0.5,
        int accounts = 4,
        double cash = 1e9,
        int pool = 64,
        double safetyBuffer = 0,
        double shortOptionMinimum = 0)
    {
        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        MarginOptions = new MarginOptions([new GroupRiskParameters(scan, 0, shortOptionMinimum), new GroupRiskParameters(scan, 0, shortOptionMinimum)], []);
        _set = Scenarios(rho, scenarios);
        var joint = new JointEngineOptions([es, nq], Set, 0.99, maxJointAccounts: pool, maxScenarios: 1024);
        var limits = new OrderLimits
        {
            MaxOrderQuantity = 100,
            MaxNotional = 1e12,
            MaxPosition = 10_000,
            CollarFraction = 0.5,
            CollarMinimum = 50,
            MaxWorkingOrders = 1000,
            MaxOrdersPerWindow = 4096,
            MaxCancelsPerWindow = 4096,
        };
        Options = new RiskEngineOptions(MarginOptions, limits, maxAccounts: 64, maxInstruments: 64, maxWorkingOrders: 1 << 16, throttleCapacity: 4096, safetyBuffer: safetyBuffer, joint: joint);
        Engine = new RiskEngine(Options);
        Define(EsZ, InstrumentKind.Future, 0, 0, 0.25, 0, false, 50, 0.25);
        var id = 200u;
        for (var k = 5700; k <= 6300; k += 100)
        {
            EsOptions.Add(id);
            Define(id++, InstrumentKind.Option, 0, EsZ, 60 / 365.0, k, true, 50, 0.05);
            EsOptions.Add(id);
            Define(id++, InstrumentKind.Option, 0, EsZ, 60 / 365.0, k, false, 50, 0.05);
        }

        Define(NqZ, InstrumentKind.Future, 1, 0, 0.25, 0, false, 20, 0.25);
        id = 400;
        for (var k = 20500; k <= 21500; k += 250)
        {
            NqOptions.Add(id);
            Define(id++, InstrumentKind.Option, 1, NqZ, 60 / 365.0, k, true, 20, 0.05);
            NqOptions.Add(id);
            Define(id++, InstrumentKind.Option, 1, NqZ, 60 / 365.0, k, false, 20, 0.05);
        }

        Ok(Engine.OnMarketPrice(Seq(), 0, EsZ, P(6000)));
        Ok(Engine.OnMarketPrice(Seq(), 0, NqZ, P(21000)));
        Ok(Engine.OnVolSmile(Seq(), 0, EsZ, EsSmile));
        Ok(Engine.OnVolSmile(Seq(), 0, NqZ, NqSmile));
        Engine.Seal();
        for (var a = 1u; a <= accounts; a++)
        {
            Ok(Engine.OnAccountLimits(Seq(), 0, a, true, OrderLimits.UseDefaults));
            Ok(Engine.OnCollateral(Seq(), 0, a, CollateralAction.Set, cash));
        }
    }

    public static FlatSmile EsSmile { get; } = new(0.18, 60 / 365.0);

    public static FlatSmile NqSmile { get; } = new(0.22, 60 / 365.0);

    public RiskEngine Engine { get; }

    public RiskEngineOptions Options { get; }

    public MarginOptions MarginOptions { get; }

    /// <summary>The set the oracle uses (keep it equal to the engine's after a recalibration).</summary>
    public JointScenarioSet Set
    {
        get => _set;
        set
        {
            _set = value;
            _reference = null;
        }
    }

    public List<uint> EsOptions { get; } = [];

    public List<uint> NqOptions { get; } = [];

    public long Time { get; set; } = 1;

    public static JointScenarioSet Scenarios(double rho, int count, ulong seed = 17)
        => CorrelatedMonteCarlo.Build([1, rho, rho, 1], [0.18, 0.22], 2, count, seed, [-1.5, -1.5], [new StressScenario("crash", [-0.30, -0.35], [0.5, 0.6], 0.35)]);

    public static long P(double price) => (long)Math.Round(price * 1e9);

    public static void Ok(EngineDecision d) => Assert.True(d.Accepted, "expected accept, got " + d.Reason);

    public long Seq() => ++_sequence;

    public int Index(uint instrument) => Engine.InstrumentIndex(instrument);

    /// <summary>A limit price on tick near the engine's collar reference.</summary>
    public double Price(uint instrument)
    {
        var i = Index(instrument);
        var tick = Engine.Instruments[i].TickSize;
        return Math.Max(tick, Math.Round(Engine.ReferencePrice(i) / tick) * tick);
    }

    public OrderRequest Order(uint account, uint instrument, ulong id, OrderSide side, long quantity, double price, TimeInForce tif = TimeInForce.GoodTillCancel)
        => new()
        {
            Sequence = Seq(),
            Timestamp = Time += 1_000_000,
            AccountId = account,
            InstrumentId = instrument,
            ClientOrderId = id,
            Side = side,
            Type = OrderType.Limit,
            TimeInForce = tif,
            Quantity = quantity,
            Price = P(price),
        };

    public EngineDecision New(uint account, uint instrument, ulong id, OrderSide side, long quantity)
        => Engine.OnNewOrder(Order(account, instrument, id, side, quantity, Price(instrument)));

    public EngineDecision Fill(uint account, uint instrument, OrderSide side, long quantity, ulong id = 0)
        => Engine.OnFill(Seq(), Time += 1_000, account, id, instrument, side, quantity, P(Price(instrument)));

    /// <summary>Cancels (account, id) naming the working order's own instrument, as a venue's cancel does (none for an order not working).</summary>
    public EngineDecision Cancel(uint account, ulong id) => Cancel(account, id, EngineFixture.InstrumentOf(Engine, account, id));

    public EngineDecision Cancel(uint account, ulong id, uint instrument) => Engine.OnCancelOrder(Seq(), Time += 1_000, account, id, instrument);


    public void Tick(uint future, double price)
    {
        Ok(Engine.OnMarketPrice(Seq(), Time += 1_000, future, P(price)));
        _reference = null;
    }

    /// <summary>The full-revaluation joint calculator at the engine's current market (rebuilt after a tick or a new set).</summary>
    public JointMarginCalculator Reference()
    {
        if (_reference is null)
        {
            var e = Engine;
            var table = new JointRiskArrayTable(e.Instruments, Set.Count);
            table.Rebuild(Set, e.Market!.Current);
            _reference = new JointMarginCalculator(e.Instruments, table, e.JointMargin!.Options);
        }

        return _reference;
    }

    /// <summary>Full-revaluation joint requirement of one combination (0 positions, 1 + working buys, 2 + working sells), optionally with an extra order.</summary>
    public double FullJoint(uint account, int combo, int orderInstrument = -1, long orderQuantity = 0)
    {
        var calc = Reference();
        var result = calc.CreateResult();
        calc.Compute(Book(account, combo, orderInstrument, orderQuantity), Engine.Market!.Current, result);
        return result.Requirement;
    }

    /// <summary>Full-revaluation ES part, worse side of the account's working orders.</summary>
    public double FullJointWorse(uint account)
        => HasWorking(account) ? Math.Max(FullJoint(account, 1), FullJoint(account, 2)) : FullJoint(account, 0);

    /// <summary>Full-revaluation combined margin (scan groups by scan, ES groups by ES) of the account's positions.</summary>
    public CombinedMarginResult FullCombined(uint account)
    {
        var e = Engine;
        var scanArrays = new RiskArrayTable(e.Instruments, MarginOptions.MaxNodes);
        var scan = new MarginCalculator(e.Instruments, scanArrays, MarginOptions);
        scan.Revalue(e.Market!.Current);
        var combined = new CombinedMarginCalculator(e.Instruments, scan, Reference());
        var result = combined.CreateResult();
        combined.Compute(Book(account, 0, -1, 0), e.Market.Current, result);
        return result;
    }

    public long Working(uint account, uint instrument) => Engine.Store!.Working(Engine.AccountIndex(account), Index(instrument), OrderSide.Buy) + Engine.Store!.Working(Engine.AccountIndex(account), Index(instrument), OrderSide.Sell);

    public bool HasWorking(uint account)
    {
        var a = Engine.AccountIndex(account);
        var store = Engine.Store!;
        for (var k = 0; k < store.SlotCount(a); k++)
        {
            var i = store.SlotInstrument(a, k);
            if (store.Working(a, i, OrderSide.Buy) != 0 || store.Working(a, i, OrderSide.Sell) != 0)
            {
                return true;
            }
        }

        return false;
    }

    public Portfolio Book(uint account, int combo, int orderInstrument, long orderQuantity)
    {
        var e = Engine;
        var a = e.AccountIndex(account);
        var store = e.Store!;
        var p = new Portfolio(e.Instruments);
        p.Cash = store.Cash(a);
        for (var k = 0; k < store.SlotCount(a); k++)
        {
            var i = store.SlotInstrument(a, k);
            var q = store.Position(a, i) + combo switch
            {
                1 => store.Working(a, i, OrderSide.Buy),
                2 => -store.Working(a, i, OrderSide.Sell),
                _ => 0,
            };
            if (i == orderInstrument)
            {
                q += orderQuantity;
            }

            if (q != 0)
            {
                p.SetPosition(i, q, store.Position(a, i) != 0 ? store.AveragePrice(a, i) : 1);
            }
        }

        if (orderInstrument >= 0 && store.FindSlot(a, orderInstrument) < 0)
        {
            p.SetPosition(orderInstrument, orderQuantity, 1);
        }

        return p;
    }

    private void Define(uint id, InstrumentKind kind, int group, uint underlying, double years, double strike, bool isCall, double multiplier, double tick)
    {
        Ok(Engine.OnInstrumentDefinition(Seq(), id, kind, group, underlying, (long)(years * 365 * 86_400 * 1e9), P(strike), isCall, multiplier, P(tick), true));
    }
}
