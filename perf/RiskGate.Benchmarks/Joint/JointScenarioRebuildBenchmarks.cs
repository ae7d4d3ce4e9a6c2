using BenchmarkDotNet.Attributes;
using RiskGate.Engine.Joint;

namespace RiskGate.Benchmarks.Joint;

/// <summary>
/// Recalibration cost: revaluing the joint risk arrays of 2 groups × 200 options (+ 2 futures) under
/// 500 joint scenarios (200,000 Black-76 revaluations with Greeks), and drawing a new 500 × 2 Monte
/// Carlo set. Setup fails loudly when a rebuild produces a non-finite or empty row.
/// Twin test: RiskGate.Engine.Tests/Joint/JointBenchmarksTwinTests.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class JointScenarioRebuildBenchmarks
{
    private JointBenchmarkBook _book = null!;
    private JointScenarioSet _other = null!;
    private bool _flip;

    /// <summary>Builds the 2 × 200 option book and a second set to alternate with.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _book = new JointBenchmarkBook(optionsPerGroup: 200, scenarios: 500);
        _other = MonteCarloSet();
        RebuildRiskArrays();
        var row = _book.Arrays.Losses(_book.Options[0]);
        double sum = 0;
        for (var s = 0; s < 500; s++)
        {
            sum += Math.Abs(row[s]);
        }

        if (!double.IsFinite(sum) || !(sum > 0))
        {
            throw new InvalidOperationException("joint risk array rebuild produced an empty or non-finite row.");
        }
    }

    /// <summary>Installs a set and revalues all 402 instruments × 500 scenarios (allocation-free).</summary>
    [Benchmark]
    public long RebuildRiskArrays()
    {
        _flip = !_flip;
        _book.Arrays.Rebuild(_flip ? _other : _book.Set, _book.Market);
        return _book.Arrays.Epoch;
    }

    /// <summary>Draws a new 500-scenario, 2-group correlated Monte Carlo set (allocates the set).</summary>
    [Benchmark]
    public JointScenarioSet MonteCarloSet()
        => CorrelatedMonteCarlo.Build([1, 0.7, 0.7, 1], [0.20, 0.25], 2, 500, 23, [-1.5, -1.5], []);
}
