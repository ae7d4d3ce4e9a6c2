using RiskGate.Benchmarks.Engine;
using RiskGate.Engine.Orders;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Tests;

/// <summary>
/// Twin of perf/RiskGate.Benchmarks/Engine/RiskEngineBenchmarks: the same book (5,000 accounts here,
/// enough for the benchmark's account ids) and the same calls, asserting each outcome, the state it
/// leaves, and that repeating it allocates nothing.
/// </summary>
public sealed class RiskEngineBenchmarkTwinTests
{
    private const uint Account = 5000;
    private const uint Poor = 4000;

    [Fact]
    public void BenchmarkPaths_OnTheBenchmarkBook_GiveTheirOutcomesWithoutAllocating()
    {
        var book = new RiskEngineBook(5000);
        var e = book.Engine;
        Assert.Equal(2000, e.Instruments.Count);
        var option = RiskEngineBook.OptionId((int)(Account % RiskEngineBook.Groups), 0, 6, true);
        var price = book.PriceOf(option);
        var accept = book.Order(Account, option, 1, OrderSide.Buy, 1, price, TimeInForce.ImmediateOrCancel);
        var rest = book.Order(Account, option, 2, OrderSide.Buy, 1, price, TimeInForce.GoodTillCancel);
        var collar = book.Order(Account, option, 3, OrderSide.Buy, 1, price * 3, TimeInForce.GoodTillCancel);
        var poorOption = RiskEngineBook.OptionId((int)(Poor % RiskEngineBook.Groups), 0, 6, true);
        var poor = e.AccountIndex(Poor);
        var requirement = e.Margin!.Requirement(poor);
        var nonCash = requirement.EquityBefore - e.Store!.Cash(poor);
        EngineFixture.Ok(e.OnCollateral(1, 1, Poor, CollateralAction.Set, Math.Max(0, requirement.MaintenanceBefore - nonCash + 1)));
        Assert.False(e.IsMarginCalled(poor));
        var margin = book.Order(Poor, poorOption, 4, OrderSide.Sell, 1000, book.PriceOf(poorOption), TimeInForce.GoodTillCancel);
        var future = RiskEngineBook.FutureId((int)(Account % RiskEngineBook.Groups), 1);
        var futurePrice = book.PriceOf(future);
        var a = e.AccountIndex(Account);
        var buy = false;

        // Returns how many outcomes differ from the benchmark's expectations (no assertion inside, so the loop itself allocates nothing).
        int Run()
        {
            var wrong = 0;
            accept.Timestamp = ++book.Time;
            var d = e.OnNewOrder(accept);
            wrong += d.Accepted && d.LeavesQuantity == 0 && d.InitialAfter > 0 ? 0 : 1;
            rest.Timestamp = ++book.Time;
            wrong += e.OnNewOrder(rest).Reason == RejectCode.None ? 0 : 1;
            wrong += e.Store.Working(a, e.InstrumentIndex(option), OrderSide.Buy) == 1 ? 0 : 1;
            wrong += e.OnCancelOrder(0, ++book.Time, Account, 2, option).Reason == RejectCode.None ? 0 : 1;
            wrong += e.Store.Working(a, e.InstrumentIndex(option), OrderSide.Buy) == 0 ? 0 : 1;
            collar.Timestamp = ++book.Time;
            wrong += e.OnNewOrder(collar).Reason == RejectCode.PriceOutsideCollar ? 0 : 1;
            margin.Timestamp = ++book.Time;
            wrong += e.OnNewOrder(margin).Reason == RejectCode.InsufficientMargin ? 0 : 1;
            buy = !buy;
            wrong += e.OnFill(0, ++book.Time, Account, 0, future, buy ? OrderSide.Buy : OrderSide.Sell, 1, futurePrice).Reason == RejectCode.None ? 0 : 1;
            wrong += e.Store.Position(a, e.InstrumentIndex(future)) == (buy ? 1 : 0) ? 0 : 1;
            return wrong;
        }

        for (var k = 0; k < 100; k++)
        {
            Assert.Equal(0, Run());
        }

        var wrongTotal = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 1000; k++)
        {
            wrongTotal += Run();
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(0, wrongTotal);
        Assert.Equal(0, e.Orders.Count);
    }

    [Fact]
    public void Sweep_AfterAMove_EvaluatesAtMostTheBound()
    {
        var book = new RiskEngineBook(300);
        var e = book.Engine;
        Assert.Equal(0, e.Sweep(64)); // why: no group moved since the set-up
        for (var g = 0; g < RiskEngineBook.Groups; g++)
        {
            EngineFixture.Ok(e.OnMarketPrice(0, ++book.Time, RiskEngineBook.FutureId(g, 0), RiskEngineBook.P(1000.0 + (100 * g) + 0.01)));
        }

        Assert.Equal(64, e.Sweep(64));
        Assert.Equal(64, e.Sweep(64));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 1000; k++)
        {
            e.Sweep(16);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
