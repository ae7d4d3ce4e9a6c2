using BenchmarkDotNet.Attributes;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Benchmarks.Engine;

/// <summary>
/// Risk array build by full revaluation: one option (16 SPAN nodes: the centre's Black-76 Greeks and
/// 16 node evaluations of price, delta, gamma and vega), one future, and the same option on the
/// 31-node Deribit-style grid with a tenor-dependent vol shock for scale.
/// Twin test: RiskArrayTableTests.Build_BenchmarkBook_MatchesDirectRevaluationAndAllocatesNothing.
/// </summary>
[MemoryDiagnoser]
public class RiskArrayBenchmarks
{
    private InstrumentTable _table = null!;
    private MarketSnapshot _market = null!;
    private RiskArrayTable _arrays = null!;
    private ScanParameters _span = null!;
    private ScanParameters _deribit = null!;
    private int _future;
    private int _option;

    [GlobalSetup]
    public void Setup()
    {
        _table = new InstrumentTable(4, 1);
        _market = new MarketSnapshot(4) { Rate = 0.04 };
        _future = _table.AddFuture(0, 0.25, 50, 0.25);
        _option = _table.AddOption(_future, true, 6100, 0.24, 50, 0.05);
        _market.SetPrice(_future, 6000);
        _market.SetSmile(_option, new SviSmile(0.24, 0.0008, 0.012, -0.6, 0.01, 0.08));
        _span = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        _deribit = new ScanParameters(Spans.DefaultDeribit, 0.16, ScanRangeKind.Relative, 0.3, ScanRangeKind.Relative, ScanParameters.OneDay, 0.3);
        _arrays = new RiskArrayTable(_table, _deribit.Count);

        _arrays.Build(_option, _span, _market);
        var down = _arrays.Losses(_option)[13];
        var up = _arrays.Losses(_option)[10];
        if (!(down > 0 && up < 0 && _arrays.Value(_option) > 0))
        {
            throw new InvalidOperationException("risk array build produced an implausible call array: down " + down + ", up " + up);
        }
    }

    [Benchmark(Baseline = true)]
    public double BuildOption16() => Build(_option, _span, 13);

    [Benchmark]
    public double BuildFuture16() => Build(_future, _span, 13);

    [Benchmark]
    public double BuildOptionDeribit31() => Build(_option, _deribit, 0);

    private double Build(int instrument, ScanParameters scan, int node)
    {
        _arrays.Build(instrument, scan, _market);
        return _arrays.Losses(instrument)[node];
    }
}
