using BenchmarkDotNet.Attributes;

namespace RiskGate.Benchmarks.Engine;

/// <summary>
/// Re-anchoring the 200-option group (4 futures, 50 options each, 16 nodes): every risk array and
/// node Greek rebuilt by full revaluation, the epoch bumped. Budget ≤ 1 ms, 0 B. Twin test:
/// IncrementalBenchmarkTwinTests.Reanchor_BenchmarkGroup_BumpsEpochAndMatchesFreshArrays.
/// </summary>
[MemoryDiagnoser]
public class ReanchorBenchmarks
{
    private IncrementalBook _book = null!;

    [GlobalSetup]
    public void Setup()
    {
        _book = new IncrementalBook();
        var before = _book.Market.Epoch(0);
        _book.Market.Reanchor(0);
        if (_book.Market.Epoch(0) != before + 1 || _book.Instruments.OptionCount(0) != 200)
        {
            throw new InvalidOperationException("re-anchor did not bump the epoch of the 200-option group");
        }
    }

    [Benchmark]
    public long Reanchor200Options()
    {
        _book.Market.Reanchor(0);
        return _book.Market.Epoch(0);
    }
}
