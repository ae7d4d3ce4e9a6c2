using BenchmarkDotNet.Attributes;

namespace RiskGate.Benchmarks.Engine;

/// <summary>
/// The order-path margin check of an account with working orders, after a price tick (the expansion
/// cache is stale, as it is for almost every check on a moving market): the account of
/// <see cref="IncrementalBook"/> holding options on all 4 futures, plus working buys on each future
/// (<c>WorkingSides</c> 1) or buys and sells (2), so the check expands positions + buys and
/// positions + sells of every future and keeps the worse. The order is one option sold on the first
/// future. 0 B. Twin test:
/// WorkingOrderBenchmarkTwinTests.CheckOrder_WorkingOrderBenchmarkBook_MatchesFullRevaluationOfTheWorseSide.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class WorkingOrderCheckBenchmarks
{
    private IncrementalBook _book = null!;
    private int _account;
    private int _order;
    private long _tick;
    private double _low;
    private double _high;

    [Params(1, 2)]
    public int WorkingSides { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _book = new IncrementalBook();
        _account = IncrementalBook.AccountTouching(4);
        _book.PlaceWorkingOrders(_account, 4, WorkingSides);
        _order = _book.OptionOn(0, 25);
        var check = _book.Margin.CheckOrder(_account, _order, -1, 20);
        if (!check.Accepted || check.MaintenanceAfter == check.MaintenanceBefore)
        {
            throw new InvalidOperationException("benchmark order was not accepted with a changed requirement: " + check.Status + " " + check.Outcome);
        }

        var future = _book.Futures[0];
        _low = _book.Market.AnchorPrice(future) + _book.Market.DriftLimit(future) / 4;
        _high = _book.Market.AnchorPrice(future) + _book.Market.DriftLimit(future) / 2;
    }

    /// <summary>A price tick of the first future (inside the limits), then a check that expands both working combinations of every future held.</summary>
    [Benchmark]
    public double TickThenCheckOrder()
    {
        _tick++;
        var f = _book.Futures[0];
        _book.Market.SetFuturePrice(f, (_tick & 1) == 0 ? _low : _high, 10 + _tick);
        return _book.Margin.CheckOrder(_account, _order, -1, 20).MaintenanceAfter;
    }
}
