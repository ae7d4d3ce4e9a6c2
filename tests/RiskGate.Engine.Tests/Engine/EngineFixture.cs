using RiskGate.Engine.Checks;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Orders;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Tests;

/// <summary>
/// A sealed engine over two groups: group 0 "ES" (futures 100 Z at 5000, 101 H at 5050, multiplier 50,
/// tick 0.25; calls and puts on Z at 4800..5200 with ids 200.., tick 0.05), group 1 "NQ" (future 300 at
/// 18000, multiplier 20; calls and puts at 17500..18500 with ids 400..). Flat 20% vols, SPAN 16 points.
/// Accounts 1..N registered with 10⁹ of cash unless told otherwise.
/// </summary>
internal sealed class EngineFixture
{
    public const uint EsZ = 100;
    public const uint EsH = 101;
    public const uint NqZ = 300;
    public const long Second = 1_000_000_000;

    private long _sequence;

    public EngineFixture(int accounts = 4, double cash = 1e9, OrderLimits? limits = null, int maxWorkingOrders = 4096, int alertCapacity = 1024, int maxExpiryScan = 64, long sessionEnd = long.MaxValue, long throttleWindow = 1_000_000_000, int maxAccounts = 64, int maxScopedLimits = 4096, int maxScanNodes = 0, long immediateHold = 0)
    {
        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        MarginOptions = new MarginOptions([new GroupRiskParameters(scan, 0, 0), new GroupRiskParameters(scan, 0, 0)], []);
        Limits = limits ?? DefaultLimits;
        Options = new RiskEngineOptions(MarginOptions, Limits, maxAccounts: maxAccounts, maxInstruments: 64, maxWorkingOrders: maxWorkingOrders, alertCapacity: alertCapacity, maxExpiryScanPerCall: maxExpiryScan, sessionEndNanoseconds: sessionEnd, throttleWindowNanoseconds: throttleWindow)
        {
            MaxScopedLimits = maxScopedLimits,
            MaxScanNodes = maxScanNodes,
            ImmediateOrderHoldNanoseconds = immediateHold,
        };
        Engine = new RiskEngine(Options);
        Define(EsZ, InstrumentKind.Future, 0, 0, 0.25, 0, false, 50, 0.25);
        Define(EsH, InstrumentKind.Future, 0, 0, 0.50, 0, false, 50, 0.25);
        var id = 200u;
        for (var k = 4800; k <= 5200; k += 100)
        {
            EsCalls.Add(id);
            Define(id++, InstrumentKind.Option, 0, EsZ, 0.24, k, true, 50, 0.05);
            EsPuts.Add(id);
            Define(id++, InstrumentKind.Option, 0, EsZ, 0.24, k, false, 50, 0.05);
        }

        Define(NqZ, InstrumentKind.Future, 1, 0, 0.25, 0, false, 20, 0.25);
        id = 400;
        for (var k = 17500; k <= 18500; k += 250)
        {
            NqOptions.Add(id);
            Define(id++, InstrumentKind.Option, 1, NqZ, 0.24, k, true, 20, 0.25);
            NqOptions.Add(id);
            Define(id++, InstrumentKind.Option, 1, NqZ, 0.24, k, false, 20, 0.25);
        }

        Ok(Engine.OnMarketPrice(Seq(), 0, EsZ, P(5000)));
        Ok(Engine.OnMarketPrice(Seq(), 0, EsH, P(5050)));
        Ok(Engine.OnMarketPrice(Seq(), 0, NqZ, P(18000)));
        Ok(Engine.OnVolSmile(Seq(), 0, EsZ, new FlatSmile(0.20, 0.24)));
        Ok(Engine.OnVolSmile(Seq(), 0, NqZ, new FlatSmile(0.25, 0.24)));
        Engine.Seal();
        for (var a = 1u; a <= accounts; a++)
        {
            Ok(Engine.OnAccountLimits(Seq(), 0, a, true, OrderLimits.UseDefaults));
            Ok(Engine.OnCollateral(Seq(), 0, a, CollateralAction.Set, cash));
        }
    }

    public static OrderLimits DefaultLimits => new()
    {
        MaxOrderQuantity = 100,
        MaxNotional = 100_000_000,
        MaxPosition = 500,
        CollarFraction = 0.05,
        CollarMinimum = 5,
        MaxWorkingOrders = 50,
        MaxOrdersPerWindow = 60,
        MaxCancelsPerWindow = 60,
    };

    public RiskEngine Engine { get; }

    public RiskEngineOptions Options { get; }

    public MarginOptions MarginOptions { get; }

    public OrderLimits Limits { get; }

    public List<uint> EsCalls { get; } = [];

    public List<uint> EsPuts { get; } = [];

    public List<uint> NqOptions { get; } = [];

    /// <summary>Current message time; each order helper advances it by 1 ms unless given.</summary>
    public long Time { get; set; } = 1;

    public static long P(double price) => (long)Math.Round(price * 1e9);

    public long Seq() => ++_sequence;

    public static void Ok(EngineDecision d) => Assert.True(d.Accepted, "expected accept, got " + d.Reason);

    public OrderRequest Order(uint account, uint instrument, ulong id, OrderSide side, long quantity, double price, TimeInForce tif = TimeInForce.GoodTillCancel, OrderType type = OrderType.Limit, long expire = 0)
        => new()
        {
            Sequence = Seq(),
            Timestamp = Time += 1_000_000,
            AccountId = account,
            InstrumentId = instrument,
            ClientOrderId = id,
            Side = side,
            Type = type,
            TimeInForce = tif,
            Quantity = quantity,
            Price = P(price),
            ExpireTime = expire,
        };

    public EngineDecision New(uint account, uint instrument, ulong id, OrderSide side, long quantity, double price, TimeInForce tif = TimeInForce.GoodTillCancel)
        => Engine.OnNewOrder(Order(account, instrument, id, side, quantity, price, tif));

    /// <summary>Cancels (account, id) naming the working order's own instrument, as a venue's cancel does (none for an order not working).</summary>
    public EngineDecision Cancel(uint account, ulong id) => Cancel(account, id, InstrumentOf(Engine, account, id));

    public EngineDecision Cancel(uint account, ulong id, uint instrument) => Engine.OnCancelOrder(Seq(), Time += 1_000_000, account, id, instrument);

    /// <summary>External id of the instrument of <paramref name="engine"/>'s working order (account, id); <see cref="uint.MaxValue"/> when it does not work.</summary>
    public static uint InstrumentOf(RiskEngine engine, uint account, ulong id)
    {
        var a = engine.AccountIndex(account);
        var slot = a >= 0 ? engine.Orders.Find(a, id) : -1;
        return slot >= 0 ? engine.InstrumentId(engine.Orders[slot].Instrument) : uint.MaxValue;
    }

    public EngineDecision Replace(uint account, uint instrument, ulong oldId, ulong newId, OrderSide side, long quantity, double price)
        => Engine.OnReplaceOrder(Order(account, instrument, newId, side, quantity, price), oldId);

    public EngineDecision FillOrder(uint account, ulong id, uint instrument, OrderSide side, long quantity, double price)
        => Engine.OnFill(Seq(), Time += 1_000_000, account, id, instrument, side, quantity, P(price));

    /// <summary>The theoretical value the engine uses as the collar reference of an option.</summary>
    public double Reference(uint instrument) => Engine.ReferencePrice(Engine.InstrumentIndex(instrument));

    public long Position(uint account, uint instrument) => Engine.Store!.Position(Engine.AccountIndex(account), Engine.InstrumentIndex(instrument));

    public long Working(uint account, uint instrument, OrderSide side) => Engine.Store!.Working(Engine.AccountIndex(account), Engine.InstrumentIndex(instrument), side);

    private void Define(uint id, InstrumentKind kind, int group, uint underlying, double years, double strike, bool isCall, double multiplier, double tick)
    {
        Ok(Engine.OnInstrumentDefinition(Seq(), id, kind, group, underlying, (long)(years * 365 * 86_400 * 1e9), P(strike), isCall, multiplier, P(tick), true));
    }
}
