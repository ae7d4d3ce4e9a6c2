using RiskGate.Benchmarks.Engine;
using RiskGate.Engine.Orders;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Tests;

/// <summary>
/// Twin of perf/RiskGate.Benchmarks/Engine/ImmediateOrderHoldBenchmarks: the same book (5,000 accounts
/// here, enough for the benchmark's account) and the same IOC-then-fill cycle, hold off and on,
/// asserting each outcome, the state it leaves, and that repeating it allocates nothing.
/// </summary>
public sealed class ImmediateOrderHoldBenchmarkTwinTests
{
    private const uint Account = 5000;

    [Theory]
    [InlineData(0L)] // why: the baseline row, nothing booked
    [InlineData(1_000_000_000L)] // why: the held row, booked then converted by the fill
    public void IocThenFill_OnTheBenchmarkBook_BooksAsConfiguredAndAllocatesNothing(long hold)
    {
        var book = new RiskEngineBook(5000, hold);
        var e = book.Engine;
        var option = RiskEngineBook.OptionId((int)(Account % RiskEngineBook.Groups), 0, 6, true);
        var price = book.PriceOf(option);
        var a = e.AccountIndex(Account);
        var i = e.InstrumentIndex(option);
        var position = e.Store!.Position(a, i);
        var buy = book.Order(Account, option, 1, OrderSide.Buy, 1, price, TimeInForce.ImmediateOrCancel);
        var sell = book.Order(Account, option, 1, OrderSide.Sell, 1, price, TimeInForce.ImmediateOrCancel);

        // One cycle by hand: the IOC is held only with the hold on.
        var accepted = e.OnNewOrder(buy);
        EngineFixture.Ok(accepted);
        Assert.Equal(hold > 0 ? 1 : 0, accepted.LeavesQuantity);
        Assert.Equal(hold > 0 ? 1 : 0, e.Store.Working(a, i, OrderSide.Buy));
        Assert.Equal(hold > 0, e.Orders.Find(a, 1) >= 0);
        var fill = e.OnFill(0, ++book.Time, Account, 1, option, OrderSide.Buy, 1, price);
        EngineFixture.Ok(fill);
        Assert.Equal(0, fill.LeavesQuantity);
        Assert.Equal(position + 1, e.Store.Position(a, i));
        Assert.True(e.Orders.Find(a, 1) < 0);
        Assert.Equal(0, e.Store.Working(a, i, OrderSide.Buy));

        var failures = 0;
        for (var k = 0; k < 200; k++)
        {
            failures += Cycle(book, ref sell, price) + Cycle(book, ref buy, price);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 5000; k++)
        {
            failures += Cycle(book, ref sell, price) + Cycle(book, ref buy, price);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(0, failures);
        Assert.Equal(position + 1, e.Store.Position(a, i));
        Assert.Equal(0, e.Orders.AccountCount(a));
    }

    // The benchmark's cycle: 0 when the IOC and its full fill were accepted and the fill left nothing working.
    private static int Cycle(RiskEngineBook book, ref OrderRequest order, long price)
    {
        order.Timestamp = ++book.Time;
        var e = book.Engine;
        if (!e.OnNewOrder(order).Accepted)
        {
            return 1;
        }

        var fill = e.OnFill(0, ++book.Time, Account, order.ClientOrderId, order.InstrumentId, order.Side, 1, price);
        return fill.Accepted && fill.LeavesQuantity == 0 ? 0 : 1;
    }
}
