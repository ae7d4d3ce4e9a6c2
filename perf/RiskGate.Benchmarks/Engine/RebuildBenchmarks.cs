using BenchmarkDotNet.Attributes;

namespace RiskGate.Benchmarks.Engine;

/// <summary>
/// The lazy rebuild an account pays on its first event after its group's epoch changed: its cached
/// vectors rebuilt from its 20 positions (what <c>RefreshAccount</c> does for a stale group slot).
/// 0 B. Twin test: IncrementalBenchmarkTwinTests.RebuildAccount_TwentyPositions_EqualsIncrementalCache.
/// </summary>
[MemoryDiagnoser]
public class RebuildBenchmarks
{
    private IncrementalBook _book = null!;

    [GlobalSetup]
    public void Setup()
    {
        _book = new IncrementalBook();
        if (_book.Store.SlotCount(IncrementalBook.RebuildAccount) != 20)
        {
            throw new InvalidOperationException("rebuild account does not hold 20 positions");
        }

        _book.Market.Reanchor(0);
        if (_book.Store.RefreshAccount(IncrementalBook.RebuildAccount) != 1)
        {
            throw new InvalidOperationException("stale account was not rebuilt");
        }
    }

    [Benchmark]
    public int Rebuild20Positions()
    {
        _book.Store.RebuildAccount(IncrementalBook.RebuildAccount);
        return _book.Store.SlotCount(IncrementalBook.RebuildAccount);
    }
}
