using BenchmarkDotNet.Attributes;

namespace RiskGate.Benchmarks.Engine;

/// <summary>
/// The order-path margin check from the cached state (16 scan nodes, market moved since the anchor):
/// an account holding options on 1, 2 or 4 futures of the group; the order is one option on the first
/// future. Budget: ≤ 100 ns median, 0 B. Twin test: IncrementalBenchmarkTwinTests.CheckOrder_BenchmarkBook_MatchesFullRevaluationAtItsAnchor.
/// </summary>
[MemoryDiagnoser]
public class IncrementalCheckBenchmarks
{
    private IncrementalBook _book = null!;
    private int _account;
    private int _order;

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
    }

    [Benchmark]
    public double CheckOrder() => _book.Margin.CheckOrder(_account, _order, -1, 20).InitialAfter;
}
