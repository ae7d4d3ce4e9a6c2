using BenchmarkDotNet.Attributes;
using RiskGate.Engine.Market;
using RiskGate.Engine.Pricing;

namespace RiskGate.Benchmarks.Engine;

/// <summary>
/// Market updates between anchors: a futures price tick (O(1)) and a vol surface update of one
/// future's 50 options (O(options)), both inside the re-anchor limits, touching no account. 0 B.
/// Twin test: IncrementalBenchmarkTwinTests.MarketUpdates_InsideLimits_KeepTheEpoch.
/// </summary>
[MemoryDiagnoser]
public class IncrementalMarketUpdateBenchmarks
{
    private IncrementalBook _book = null!;
    private int _future;
    private double _low;
    private double _high;
    private VolSmile _smileA = null!;
    private VolSmile _smileB = null!;
    private long _time;

    [GlobalSetup]
    public void Setup()
    {
        _book = new IncrementalBook();
        _future = _book.Futures[0];
        var anchor = _book.Market.AnchorPrice(_future);
        _low = anchor - _book.Market.DriftLimit(_future) / 4;
        _high = anchor + _book.Market.DriftLimit(_future) / 4;
        _smileA = new ShiftedSmile(_book.Smiles[0], 0.001);
        _smileB = new ShiftedSmile(_book.Smiles[0], -0.001);
        _time = 2;
        if (PriceTick() != ReanchorReason.None || SmileUpdate() != ReanchorReason.None)
        {
            throw new InvalidOperationException("benchmark market update re-anchored");
        }
    }

    [Benchmark(Baseline = true)]
    public ReanchorReason PriceTick()
    {
        _time++;
        return _book.Market.SetFuturePrice(_future, (_time & 1) == 0 ? _low : _high, _time);
    }

    [Benchmark]
    public ReanchorReason SmileUpdate()
    {
        _time++;
        return _book.Market.SetSmile(_future, (_time & 1) == 0 ? _smileA : _smileB, _time);
    }
}
