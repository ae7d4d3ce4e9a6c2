using RiskGate.Engine;
using RiskGate.Engine.Checks;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Orders;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;

namespace RiskGate.Benchmarks.Engine;

/// <summary>
/// A sealed <see cref="RiskEngine"/> with 20 groups × (4 futures + 96 options) = 2,000 instruments and
/// N accounts (10,000 in the benchmarks), each holding a long future, a short call and a long put in group
/// (account mod 20) with 10⁷ of cash. Twin: tests/RiskGate.Engine.Tests/Engine/RiskEngineBenchmarkTwinTests.cs, which compiles this file in
/// builds the same book (its own copy of this file) and asserts every benchmarked call's outcome.
/// </summary>
public sealed class RiskEngineBook
{
    public const int Groups = 20;
    public const int FuturesPerGroup = 4;
    public const int StrikesPerFuture = 12;

    private long _sequence;

    public RiskEngineBook(int accounts, long immediateHold = 0)
    {
        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        var groups = new GroupRiskParameters[Groups];
        for (var g = 0; g < Groups; g++)
        {
            groups[g] = new GroupRiskParameters(scan, 0.001, 1);
        }

        var limits = new OrderLimits
        {
            MaxOrderQuantity = 1000,
            MaxNotional = 1e12,
            MaxPosition = 1_000_000,
            CollarFraction = 0.1,
            CollarMinimum = 1,
            MaxWorkingOrders = 1000,
            MaxOrdersPerWindow = 64,
            MaxCancelsPerWindow = 64,
        };
        Engine = new RiskEngine(new RiskEngineOptions(new MarginOptions(groups, []), limits, accounts, 2048, 65536, maxPositionsPerAccount: 16, maxGroupsPerAccount: 2, maxFuturesPerGroup: FuturesPerGroup, throttleWindowNanoseconds: 1) { ImmediateOrderHoldNanoseconds = immediateHold });
        for (var g = 0; g < Groups; g++)
        {
            var price = 1000.0 + (100 * g);
            for (var f = 0; f < FuturesPerGroup; f++)
            {
                var years = 0.25 * (f + 1);
                var future = FutureId(g, f);
                Require(Engine.OnInstrumentDefinition(++_sequence, future, InstrumentKind.Future, g, 0, Ns(years), 0, false, 10, P(0.01), true));
                for (var k = 0; k < StrikesPerFuture; k++)
                {
                    var strike = Math.Round(price * (0.85 + (0.025 * k)));
                    Require(Engine.OnInstrumentDefinition(++_sequence, OptionId(g, f, k, true), InstrumentKind.Option, g, future, Ns(years - 0.01), P(strike), true, 10, P(0.01), true));
                    Require(Engine.OnInstrumentDefinition(++_sequence, OptionId(g, f, k, false), InstrumentKind.Option, g, future, Ns(years - 0.01), P(strike), false, 10, P(0.01), true));
                }

                Require(Engine.OnMarketPrice(++_sequence, 0, future, P(price)));
                Require(Engine.OnVolSmile(++_sequence, 0, future, new FlatSmile(0.3, years - 0.01)));
            }
        }

        Engine.Seal();
        for (var a = 1u; a <= accounts; a++)
        {
            var g = (int)(a % Groups);
            Require(Engine.OnAccountLimits(++_sequence, 0, a, true, OrderLimits.UseDefaults));
            Require(Engine.OnCollateral(++_sequence, 0, a, CollateralAction.Set, 1e7));
            Require(Engine.OnFill(++_sequence, 0, a, 0, FutureId(g, 0), OrderSide.Buy, 5, P(1000.0 + (100 * g))));
            Require(Engine.OnFill(++_sequence, 0, a, 0, OptionId(g, 0, 8, true), OrderSide.Sell, 3, PriceOf(OptionId(g, 0, 8, true))));
            Require(Engine.OnFill(++_sequence, 0, a, 0, OptionId(g, 0, 4, false), OrderSide.Buy, 2, PriceOf(OptionId(g, 0, 4, false))));
        }
    }

    public RiskEngine Engine { get; }

    public long Time { get; set; } = 1;

    public static uint FutureId(int group, int future) => (uint)((group * 1000) + (future * 100) + 1);

    public static uint OptionId(int group, int future, int strike, bool isCall) => (uint)((group * 1000) + (future * 100) + 2 + (strike * 2) + (isCall ? 0 : 1));

    public static long P(double price) => (long)Math.Round(price * 1e9);

    /// <summary>The instrument's collar reference rounded to its 0.01 tick, as a PRICE9 mantissa.</summary>
    public long PriceOf(uint instrument)
    {
        var i = Engine.InstrumentIndex(instrument);
        var reference = Engine.Instruments[i].IsOption ? Black76.Price(Engine.Instruments[i].IsCall, Engine.Market!.Current.Price(Engine.Instruments[i].Underlying), Engine.Instruments[i].Strike, Engine.Instruments[i].ExpiryYears, Engine.Market.Current.Rate, 0.3) : Engine.Market!.Current.Price(i);
        return Math.Max(P(0.01), (long)Math.Round(reference * 100) * 10_000_000);
    }

    public OrderRequest Order(uint account, uint instrument, ulong id, OrderSide side, long quantity, long price, TimeInForce tif)
        => new()
        {
            Sequence = ++_sequence,
            Timestamp = ++Time,
            AccountId = account,
            InstrumentId = instrument,
            ClientOrderId = id,
            Side = side,
            Type = OrderType.Limit,
            TimeInForce = tif,
            Quantity = quantity,
            Price = price,
        };

    private static long Ns(double years) => (long)(years * 365 * 86_400 * 1e9);

    private static void Require(EngineDecision d)
    {
        if (!d.Accepted)
        {
            throw new InvalidOperationException("book set-up rejected: " + d.Reason);
        }
    }
}
