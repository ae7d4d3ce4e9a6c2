using BenchmarkDotNet.Attributes;
using RiskGate.Engine.Market;

namespace RiskGate.Benchmarks.Engine;

/// <summary>
/// Re-anchoring a group: every risk array and node Greek rebuilt by full revaluation, the epoch bumped.
/// <see cref="Reanchor200Options"/>: the 200-option group (4 futures, 50 options each, SPAN 16 nodes);
/// budget ≤ 1 ms, 0 B. <see cref="ReanchorDeribit150Options"/>: a crypto-like group (5 futures from one
/// week to six months, 30 options each, the 31-node Deribit grid with a tenor-dependent vol shock).
/// Twin tests: IncrementalBenchmarkTwinTests.Reanchor_BenchmarkGroup_BumpsEpochAndMatchesFreshArrays and
/// MarketStateReanchorTests.Reanchor_DeribitBenchmarkBook_AnchorRowsEqualPreviousLoopBitForBit (same book).
/// </summary>
[MemoryDiagnoser]
public class ReanchorBenchmarks
{
    private IncrementalBook _book = null!;
    private MarketState _deribit = null!;

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

        _deribit = DeribitReanchorBook.Group(out var instruments);
        before = _deribit.Epoch(0);
        _deribit.Reanchor(0);
        if (_deribit.Epoch(0) != before + 1 || instruments.OptionCount(0) != 150 || !(_deribit.AnchorLosses(instruments.Count - 1)[0] != 0))
        {
            throw new InvalidOperationException("re-anchor did not rebuild the 150-option Deribit-style group");
        }
    }

    [Benchmark(Baseline = true)]
    public long Reanchor200Options()
    {
        _book.Market.Reanchor(0);
        return _book.Market.Epoch(0);
    }

    [Benchmark]
    public long ReanchorDeribit150Options()
    {
        _deribit.Reanchor(0);
        return _deribit.Epoch(0);
    }
}
