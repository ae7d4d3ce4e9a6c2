using BenchmarkDotNet.Attributes;
using RiskGate.Engine;
using RiskGate.Engine.Orders;
using RiskGate.Engine.State;

namespace RiskGate.Benchmarks.Engine;

/// <summary>
/// The cost of <see cref="RiskEngineOptions.ImmediateOrderHoldNanoseconds"/> on the IOC life cycle over
/// the 10,000-account book (<see cref="RiskEngineBook"/>): an IOC accepted then filled in full, sides
/// alternating so the position stays flat. Hold off (baseline): the IOC books nothing and its fill is
/// applied without a working order. Hold on: the IOC is booked (working order, reservation) and its
/// fill converts and removes it. 0 B expected. Each benchmark throws when an outcome is not the
/// expected one. Twin: tests/RiskGate.Engine.Tests/Engine/ImmediateOrderHoldBenchmarkTwinTests.cs.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ImmediateOrderHoldBenchmarks
{
    /// <summary>Account the orders come from.</summary>
    public const uint Account = 5000;

    private RiskEngineBook _off = null!;
    private RiskEngineBook _on = null!;
    private OrderRequest _buy;
    private OrderRequest _sell;
    private long _price;
    private bool _isBuy;

    [GlobalSetup]
    public void Setup()
    {
        _off = new RiskEngineBook(10_000);
        _on = new RiskEngineBook(10_000, immediateHold: 1_000_000_000);
        var option = Option;
        _price = _off.PriceOf(option);
        _buy = _off.Order(Account, option, 1, OrderSide.Buy, 1, _price, TimeInForce.ImmediateOrCancel);
        _sell = _off.Order(Account, option, 1, OrderSide.Sell, 1, _price, TimeInForce.ImmediateOrCancel);
        for (var k = 0; k < 4; k++)
        {
            Expect(IocThenFillHoldOff(), 0);
            Expect(IocThenFillHoldOn(), 0);
        }
    }

    /// <summary>The option the benchmark trades: a call in the account's own group.</summary>
    public static uint Option => RiskEngineBook.OptionId((int)(Account % RiskEngineBook.Groups), 0, 6, true);

    [Benchmark(Baseline = true)]
    public long IocThenFillHoldOff() => IocThenFill(_off);

    [Benchmark]
    public long IocThenFillHoldOn() => IocThenFill(_on);

    /// <summary>One IOC and its full fill on <paramref name="book"/>; returns the fill's leaves (0), or −1 when a message was rejected.</summary>
    public long IocThenFill(RiskEngineBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        _isBuy = !_isBuy;
        ref var order = ref _isBuy ? ref _buy : ref _sell;
        order.Timestamp = ++book.Time;
        var engine = book.Engine;
        if (!engine.OnNewOrder(order).Accepted)
        {
            return -1;
        }

        var fill = engine.OnFill(0, ++book.Time, Account, order.ClientOrderId, order.InstrumentId, order.Side, 1, _price);
        return fill.Accepted ? fill.LeavesQuantity : -1;
    }

    private static void Expect(long actual, long expected)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException("benchmark path returned " + actual + ", expected " + expected);
        }
    }
}
