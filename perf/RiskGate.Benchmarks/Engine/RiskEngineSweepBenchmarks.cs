using BenchmarkDotNet.Attributes;
using RiskGate.Engine;

namespace RiskGate.Benchmarks.Engine;

/// <summary>
/// The bounded margin-call sweep the gate runs at the end of a batch: after a price move in every group,
/// <see cref="RiskEngine.Sweep"/> re-evaluates up to <see cref="Accounts"/> accounts round robin (each
/// holds three positions in one group). Cost per call ≈ accounts × one requirement. Twin:
/// RiskEngineBenchmarkTwinTests.Sweep_AfterAMove_EvaluatesAtMostTheBound.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RiskEngineSweepBenchmarks
{
    private RiskEngineBook _book = null!;
    private RiskEngine _engine = null!;
    private int _tick;

    [Params(64, 256)]
    public int Accounts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _book = new RiskEngineBook(10_000);
        _engine = _book.Engine;
        if (Sweep() != Accounts)
        {
            throw new InvalidOperationException("sweep did not evaluate the bound");
        }
    }

    [Benchmark]
    public int Sweep()
    {
        // Keep every group "moved" so each call does the full bounded work.
        _tick++;
        for (var g = 0; g < RiskEngineBook.Groups; g++)
        {
            _engine.OnMarketPrice(0, ++_book.Time, RiskEngineBook.FutureId(g, 0), RiskEngineBook.P(1000.0 + (100 * g) + ((_tick & 1) * 0.01)));
        }

        return _engine.Sweep(Accounts);
    }
}
