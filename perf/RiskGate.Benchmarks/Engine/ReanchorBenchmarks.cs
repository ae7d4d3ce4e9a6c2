using BenchmarkDotNet.Attributes;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Market;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;

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

        _deribit = DeribitGroup(out var instruments);
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

    /// <summary>
    /// The Deribit-style group: futures at 60,000 × (1 + 0.5%·e) expiring in 7, 14, 30, 91 and 182 days
    /// (multiplier 1), 15 strikes from −35% to +35% with a call and a put each, SVI smiles near 60% vol,
    /// the default Deribit grid at ±16% price, 30% relative vol, tenor exponent 0.3, one day look-ahead.
    /// </summary>
    internal static MarketState DeribitGroup(out InstrumentTable instruments)
    {
        instruments = new InstrumentTable(160, 1);
        var snapshot = new MarketSnapshot(160) { Rate = 0.05 };
        double[] days = [7, 14, 30, 91, 182];
        for (var e = 0; e < days.Length; e++)
        {
            var t = days[e] / 365;
            var price = 60_000 * (1 + 0.005 * e);
            var f = instruments.AddFuture(0, t, 1, 0.5);
            snapshot.SetPrice(f, price);
            var smile = new SviSmile(t, 0.3 * t, 0.4 * t, -0.3, 0.0, 0.15);
            for (var k = -7; k <= 7; k++)
            {
                var strike = Math.Round(price * (1 + 0.05 * k) / 100) * 100;
                snapshot.SetSmile(instruments.AddOption(f, true, strike, t, 1, 0.0005), smile);
                snapshot.SetSmile(instruments.AddOption(f, false, strike, t, 1, 0.0005), smile);
            }
        }

        var scan = new ScanParameters(Spans.DefaultDeribit, 0.16, ScanRangeKind.Relative, 0.3, ScanRangeKind.Relative, ScanParameters.OneDay, 0.3);
        var market = new MarketState(instruments, new MarginOptions([new GroupRiskParameters(scan, 0, 0)], []), snapshot, ReanchorPolicy.Default, 0, 5);
        market.ReanchorAll();
        return market;
    }
}
