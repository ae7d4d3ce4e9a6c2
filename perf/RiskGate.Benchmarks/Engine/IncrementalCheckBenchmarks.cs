using BenchmarkDotNet.Attributes;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Benchmarks.Engine;

/// <summary>
/// The order-path margin check from the cached state (16 scan nodes, market moved since the anchor):
/// an account holding options on 1, 2 or 4 futures of the group; the order is one option on the first
/// future. Baseline: the reference <see cref="MarginCalculator.EvaluateOrder"/> over risk arrays already
/// revalued at the current market (what a non-cached engine would do per order, without the
/// revaluation itself). <c>CheckOrder</c> repeats a check in an unchanged market (cached expansion);
/// <c>TickThenCheckOrder</c> pays a price tick and the full node-wise expansion of every future held.
/// Budget: ≤ 100 ns median, 0 B. Twin test:
/// IncrementalBenchmarkTwinTests.CheckOrder_BenchmarkBook_MatchesFullRevaluationAtItsAnchor.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class IncrementalCheckBenchmarks
{
    private IncrementalBook _book = null!;
    private MarginCalculator _reference = null!;
    private Portfolio _portfolio = null!;
    private MarginBreakdown _before = null!;
    private int _account;
    private int _order;
    private long _tick;
    private double _low;
    private double _high;

    [Params(1, 2, 4)]
    public int FuturesTouched { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _book = new IncrementalBook();
        _account = IncrementalBook.AccountTouching(FuturesTouched);
        _order = _book.OptionOn(0, 25);
        var check = _book.Margin.CheckOrder(_account, _order, -1, 20);
        if (!check.Accepted || check.InitialAfter == check.InitialBefore)
        {
            throw new InvalidOperationException("benchmark order was not accepted with a changed requirement: " + check.Status + " " + check.Outcome);
        }

        var future = _book.Futures[0];
        _low = _book.Market.AnchorPrice(future) + _book.Market.DriftLimit(future) / 4;
        _high = _book.Market.AnchorPrice(future) + _book.Market.DriftLimit(future) / 2;
        var arrays = new RiskArrayTable(_book.Instruments, 16);
        _reference = new MarginCalculator(_book.Instruments, arrays, _book.Options);
        for (var i = 0; i < _book.Instruments.Count; i++)
        {
            arrays.BuildAt(i, _book.Options.Groups[0].Scan, _book.Snapshot, _book.Market.ElapsedYears);
        }

        _portfolio = new Portfolio(_book.Instruments) { Cash = _book.Store.Cash(_account) };
        for (var k = 0; k < _book.Store.SlotCount(_account); k++)
        {
            var i = _book.Store.SlotInstrument(_account, k);
            _portfolio.SetPosition(i, _book.Store.Position(_account, i), _book.Store.AveragePrice(_account, i));
        }

        _before = _reference.CreateBreakdown();
        _reference.Compute(_portfolio, _book.Snapshot, _before);
        var full = _reference.EvaluateOrder(_portfolio, _book.Snapshot, _before, _order, -1, 20);
        if (Math.Abs(full.InitialAfter - check.InitialAfter) > 0.005 * full.InitialAfter + 1)
        {
            throw new InvalidOperationException("incremental " + check.InitialAfter + " vs reference " + full.InitialAfter);
        }
    }

    [Benchmark(Baseline = true)]
    public double ReferenceEvaluateOrder() => _reference.EvaluateOrder(_portfolio, _book.Snapshot, _before, _order, -1, 20).InitialAfter;

    /// <summary>A check while the group's market is unchanged since the account's last event (the expanded vectors come from the cache).</summary>
    [Benchmark]
    public double CheckOrder() => _book.Margin.CheckOrder(_account, _order, -1, 20).InitialAfter;

    /// <summary>A price tick of the first future (inside the limits), then a check that must expand every future the account holds.</summary>
    [Benchmark]
    public double TickThenCheckOrder()
    {
        _tick++;
        var f = _book.Futures[0];
        _book.Market.SetFuturePrice(f, (_tick & 1) == 0 ? _low : _high, 10 + _tick);
        return _book.Margin.CheckOrder(_account, _order, -1, 20).InitialAfter;
    }
}
