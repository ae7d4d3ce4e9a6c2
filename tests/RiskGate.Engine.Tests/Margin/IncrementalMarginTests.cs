using RiskGate.Engine.Margin;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Tests.Margin;

public class IncrementalMarginTests
{
    private static TestBook RichBook() => new(spreadRate: 40, shortOptionMinimum: 150, credits: [new InterGroupCredit(0, 1, 0.5, 1, 1)]);

    [Fact]
    public void CheckOrder_AtAnchorOnThousandsOfRandomPortfolios_EqualsFullRevaluation()
    {
        var fx = new IncrementalFixture(RichBook(), accounts: 1);
        var instruments = fx.AllInstruments;
        var random = new Random(5);
        for (var trial = 0; trial < 2_000; trial++)
        {
            ClearAccount(fx, 0);
            var legs = random.Next(1, 7);
            for (var l = 0; l < legs; l++)
            {
                var i = instruments[random.Next(instruments.Count)];
                Assert.Equal(StateStatus.Ok, fx.Store.ApplyFill(0, i, random.Next(1, 8) * (random.Next(2) == 0 ? -1 : 1), Price(fx, i) * (0.99 + 0.02 * random.NextDouble())));
            }

            fx.Store.SetCash(0, random.Next(0, 400_000));
            var portfolio = fx.Mirror(0);
            fx.Book.Calculator.Compute(portfolio, fx.Book.Market, fx.Full);
            var order = instruments[random.Next(instruments.Count)];
            var q = (long)random.Next(1, 10) * (random.Next(2) == 0 ? -1 : 1);
            var price = Price(fx, order);
            var expected = fx.Book.Calculator.EvaluateOrder(portfolio, fx.Book.Market, fx.Full, order, q, price);
            var fullMaintenance = fx.Full.Maintenance;
            var fullEquity = fx.Full.Equity;

            var check = fx.Margin.CheckOrder(0, order, q, price);

            Assert.Equal(StateStatus.Ok, check.Status);
            IncrementalFixture.AssertRelative(fullMaintenance, check.MaintenanceBefore, 1e-9, "maintenance before, trial " + trial);
            IncrementalFixture.AssertRelative(fullEquity, check.EquityBefore, 1e-9, "equity before, trial " + trial);
            IncrementalFixture.AssertRelative(expected.InitialBefore, check.InitialBefore, 1e-9, "initial before, trial " + trial);
            IncrementalFixture.AssertRelative(expected.InitialAfter, check.InitialAfter, 1e-9, "initial after, trial " + trial);
            IncrementalFixture.AssertRelative(expected.EquityAfter, check.EquityAfter, 1e-9, "equity after, trial " + trial);
            Assert.Equal(expected.Outcome, check.Outcome);
        }
    }

    [Fact]
    public void Requirement_WithWorkingOrders_IsTheWorseSideOfFullRevaluation()
    {
        var fx = new IncrementalFixture(RichBook(), accounts: 1);
        var instruments = fx.AllInstruments;
        var random = new Random(11);
        for (var trial = 0; trial < 500; trial++)
        {
            ClearAccount(fx, 0);
            for (var l = random.Next(1, 5); l > 0; l--)
            {
                var i = instruments[random.Next(instruments.Count)];
                fx.Store.ApplyFill(0, i, random.Next(1, 6) * (random.Next(2) == 0 ? -1 : 1), Price(fx, i));
            }

            for (var l = random.Next(1, 5); l > 0; l--)
            {
                var i = instruments[random.Next(instruments.Count)];
                Assert.Equal(StateStatus.Ok, fx.Store.AddWorking(0, i, random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, random.Next(1, 6)));
            }

            var buys = fx.FullMargin(0, 1).Maintenance;
            var sells = fx.FullMargin(0, 2).Maintenance;
            var order = instruments[random.Next(instruments.Count)];
            var q = (long)random.Next(1, 6) * (random.Next(2) == 0 ? -1 : 1);
            var withOrder = fx.Mirror(0, q > 0 ? 1 : 2);
            withOrder.SetPosition(order, withOrder.Quantity(order) + q, 1);
            fx.Book.Calculator.Compute(withOrder, fx.Book.Market, fx.Full);
            var orderSide = fx.Full.Maintenance;

            var requirement = fx.Margin.Requirement(0);
            var check = fx.Margin.CheckOrder(0, order, q, Price(fx, order));

            IncrementalFixture.AssertRelative(Math.Max(buys, sells), requirement.MaintenanceBefore, 1e-9, "working requirement, trial " + trial);
            IncrementalFixture.AssertRelative(Math.Max(orderSide, q > 0 ? sells : buys), check.MaintenanceAfter, 1e-9, "order joins its side, trial " + trial);
        }
    }

    [Theory]
    [InlineData(-1, 0, 1L, StateStatus.UnknownAccount)] // why: negative account index
    [InlineData(1, 0, 1L, StateStatus.UnknownAccount)] // why: past the store's accounts
    [InlineData(0, 9_999, 1L, StateStatus.UnknownInstrument)] // why: never registered
    [InlineData(0, 0, 0L, StateStatus.InvalidQuantity)] // why: an order of nothing
    public void CheckOrder_BadInput_ReturnsStatusAndNoMargin(int account, int instrument, long quantity, StateStatus expected)
    {
        var fx = new IncrementalFixture(new TestBook(), accounts: 1);

        var check = fx.Margin.CheckOrder(account, instrument, quantity, 1);

        Assert.Equal(expected, check.Status);
        Assert.False(check.Accepted);
        Assert.Equal(0, check.InitialAfter);
    }

    [Fact]
    public void CheckOrder_PositionSlotsFull_ReturnsCapacityExhausted()
    {
        var book = new TestBook();
        var fx = new IncrementalFixture(book, accounts: 1, maxPositions: 2);
        fx.Store.SetCash(0, 1e9);
        Assert.Equal(StateStatus.Ok, fx.Store.ApplyFill(0, book.EsZ, 1, 5000));
        Assert.Equal(StateStatus.Ok, fx.Store.ApplyFill(0, book.EsH, 1, 5050));

        var check = fx.Margin.CheckOrder(0, book.NqZ, 1, 18000);
        var held = fx.Margin.CheckOrder(0, book.EsZ, 1, 5000);

        Assert.Equal(StateStatus.CapacityExhausted, check.Status);
        Assert.Equal(StateStatus.CapacityExhausted, fx.Store.ApplyFill(0, book.NqZ, 1, 18000));
        Assert.Equal(StateStatus.Ok, held.Status);
        Assert.True(held.Accepted);
    }

    [Fact]
    public void CheckOrder_ShortCallOnEmptyAccountWithoutCash_IsRejected()
    {
        var book = new TestBook();
        var fx = new IncrementalFixture(book, accounts: 1);

        var check = fx.Margin.CheckOrder(0, book.EsOption(true, 5000), -10, 100);

        Assert.Equal(StateStatus.Ok, check.Status);
        Assert.Equal(OrderMarginOutcome.RejectedInsufficientMargin, check.Outcome);
        Assert.True(check.InitialAfter > check.EquityAfter);
        Assert.Equal(0, check.InitialBefore);
    }

    [Fact]
    public void CheckOrder_CachedExpansionAcrossTicksAndFills_MatchesAFreshStore()
    {
        var warm = new IncrementalFixture(RichBook(), accounts: 1);
        var cold = new IncrementalFixture(RichBook(), accounts: 1);
        var book = warm.Book;
        var call = book.EsOption(true, 5100);
        foreach (var fx in new[] { warm, cold })
        {
            fx.Store.SetCash(0, 100_000);
            fx.Store.ApplyFill(0, call, -4, 60);
            fx.Store.ApplyFill(0, book.NqZ, 1, 18000);
        }

        var first = warm.Margin.CheckOrder(0, book.EsZ, 2, 5000);
        var repeated = warm.Margin.CheckOrder(0, book.EsZ, 2, 5000);
        warm.Market.SetFuturePrice(book.EsZ, 5030, 5);
        var afterTick = warm.Margin.CheckOrder(0, book.EsZ, 2, 5000);
        warm.Store.ApplyFill(0, call, 1, 60);
        var afterFill = warm.Margin.CheckOrder(0, book.EsZ, 2, 5000);
        cold.Market.SetFuturePrice(book.EsZ, 5030, 5);
        cold.Store.ApplyFill(0, call, 1, 60);
        var fresh = cold.Margin.CheckOrder(0, book.EsZ, 2, 5000);

        Assert.Equal(first.MaintenanceAfter, repeated.MaintenanceAfter);
        Assert.NotEqual(first.MaintenanceBefore, afterTick.MaintenanceBefore);
        Assert.NotEqual(afterTick.MaintenanceBefore, afterFill.MaintenanceBefore);
        IncrementalFixture.AssertRelative(fresh.MaintenanceBefore, afterFill.MaintenanceBefore, 1e-12, "before");
        IncrementalFixture.AssertRelative(fresh.MaintenanceAfter, afterFill.MaintenanceAfter, 1e-12, "after");
    }

    internal static double Price(IncrementalFixture fx, int instrument)
    {
        ref readonly var inst = ref fx.Book.Instruments[instrument];
        return inst.IsOption ? fx.Book.Arrays.Value(instrument) / inst.Multiplier : fx.Book.Market.Price(instrument);
    }

    internal static void ClearAccount(IncrementalFixture fx, int account)
    {
        while (fx.Store.SlotCount(account) > 0)
        {
            var i = fx.Store.SlotInstrument(account, 0);
            var b = fx.Store.Working(account, i, OrderSide.Buy);
            var s = fx.Store.Working(account, i, OrderSide.Sell);
            if (b > 0)
            {
                fx.Store.RemoveWorking(account, i, OrderSide.Buy, b);
            }

            if (s > 0)
            {
                fx.Store.RemoveWorking(account, i, OrderSide.Sell, s);
            }

            fx.Store.SetPosition(account, i, 0, 0);
        }

        fx.Store.SetCash(account, 0);
    }
}
