using RiskGate.Benchmarks.Engine;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Tests.Margin;

/// <summary>
/// Twin of perf/RiskGate.Benchmarks/Engine/WorkingOrderCheckBenchmarks: the same book (linked) and
/// working orders, checked at the anchor against full revaluation of the worse of positions + working
/// buys and positions + working sells, before and after the benchmark's order.
/// </summary>
public sealed class WorkingOrderBenchmarkTwinTests
{
    [Theory]
    [InlineData(1)] // why: working buys only; the sells combination is the positions alone
    [InlineData(2)] // why: working buys and sells on every future
    public void CheckOrder_WorkingOrderBenchmarkBook_MatchesFullRevaluationOfTheWorseSide(int sides)
    {
        var book = new IncrementalBook();
        book.Market.ReanchorAll();
        var account = IncrementalBook.AccountTouching(4);
        book.PlaceWorkingOrders(account, 4, sides);
        var order = book.OptionOn(0, 25);
        var arrays = new RiskArrayTable(book.Instruments, 16);
        var oracle = new MarginCalculator(book.Instruments, arrays, book.Options);
        for (var i = 0; i < book.Instruments.Count; i++)
        {
            arrays.BuildAt(i, book.Options.Groups[0].Scan, book.Snapshot, book.Market.ElapsedYears);
        }

        var buys = Maintenance(oracle, book, account, 1, -1);
        var sells = Maintenance(oracle, book, account, 2, -1);
        var sellsWithOrder = Maintenance(oracle, book, account, 2, order);

        var check = book.Margin.CheckOrder(account, order, -1, 20);

        Assert.Equal(StateStatus.Ok, check.Status);
        Assert.True(check.Accepted);
        Assert.NotEqual(check.MaintenanceBefore, check.MaintenanceAfter);
        IncrementalFixture.AssertRelative(Math.Max(buys, sells), check.MaintenanceBefore, 1e-9, "maintenance before");
        IncrementalFixture.AssertRelative(Math.Max(buys, sellsWithOrder), check.MaintenanceAfter, 1e-9, "maintenance after");

        // The benchmark's order moves the worse side, or the comparison would not see it.
        Assert.True(sellsWithOrder > buys, "sells + order " + sellsWithOrder + " vs buys " + buys);
    }

    // Full-revaluation maintenance of the account's positions plus one working side (1 buys, 2 sells
    // as negative quantities), plus one contract sold of `order` when it is not −1.
    private static double Maintenance(MarginCalculator oracle, IncrementalBook book, int account, int side, int order)
    {
        var portfolio = new Portfolio(book.Instruments);
        for (var k = 0; k < book.Store.SlotCount(account); k++)
        {
            var i = book.Store.SlotInstrument(account, k);
            var q = book.Store.Position(account, i) + (side == 1 ? book.Store.Working(account, i, OrderSide.Buy) : -book.Store.Working(account, i, OrderSide.Sell));
            portfolio.SetPosition(i, q, 10);
        }

        if (order >= 0)
        {
            portfolio.SetPosition(order, portfolio.Quantity(order) - 1, 10);
        }

        var result = oracle.CreateBreakdown();
        oracle.Compute(portfolio, book.Snapshot, result);
        return result.Maintenance;
    }
}
