using BenchmarkDotNet.Attributes;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;

namespace RiskGate.Benchmarks.Joint;

/// <summary>
/// The O(N) tail step of the joint (ES) margin check: ES of an account's cached joint loss vector,
/// and the whole order check on the cached vector (candidate = L + q·row, then ES), against a
/// sort-based baseline. The set's weights are equal (Monte Carlo), so <c>Selection</c> takes the
/// equal-weight path; <c>SelectionWeighted</c> runs the weighted path on the same losses (one weight an
/// ulp off). Setup fails loudly when a selection disagrees with the sort.
/// Twin test: RiskGate.Engine.Tests/Joint/JointBenchmarksTwinTests.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ExpectedShortfallBenchmarks
{
    private const double Alpha = 0.99;
    private JointBenchmarkBook _book = null!;
    private double[] _losses = null!;
    private double[] _weights = null!;
    private double[] _unevenWeights = null!;
    private double[] _candidate = null!;
    private double[] _scratch = null!;
    private double[] _sortKeys = null!;
    private double[] _sortWeights = null!;
    private int _orderInstrument;

    /// <summary>Joint scenarios in the set.</summary>
    [Params(250, 500, 1000)]
    public int Scenarios { get; set; }

    /// <summary>Builds the book, the account's cached loss vector and checks ES against the sort.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _book = new JointBenchmarkBook(optionsPerGroup: 20, Scenarios);
        _losses = new double[_book.Arrays.ScenarioStride];
        _book.Calculator.AccumulateLosses(_book.Portfolio, _losses);
        _weights = _book.Set.RegularWeights.ToArray();
        _candidate = new double[_book.Arrays.ScenarioStride];
        _scratch = new double[ExpectedShortfall.ScratchLength(_book.Arrays.ScenarioStride)];
        _sortKeys = new double[Scenarios];
        _sortWeights = new double[Scenarios];
        _orderInstrument = _book.Options[3];
        _unevenWeights = (double[])_weights.Clone();
        _unevenWeights[Scenarios / 2] = Math.BitIncrement(_unevenWeights[Scenarios / 2]);
        if (!ExpectedShortfall.HasEqualWeights(_weights) || ExpectedShortfall.HasEqualWeights(_unevenWeights))
        {
            throw new InvalidOperationException("the benchmark set should have equal weights and its perturbed copy not.");
        }

        var sorted = SortBaseline();
        foreach (var es in new[] { Selection(), SelectionWeighted() })
        {
            if (!(Math.Abs(es - sorted) <= 1e-9 * Math.Abs(sorted)) || !(es > 0))
            {
                throw new InvalidOperationException("ES by selection " + es + " differs from the sort-based " + sorted + ".");
            }
        }
    }

    /// <summary>Sort-based ES: copy, sort the whole vector with its weights, walk down the tail.</summary>
    [Benchmark(Baseline = true)]
    public double SortBaseline()
    {
        var n = Scenarios;
        _losses.AsSpan(0, n).CopyTo(_sortKeys);
        _weights.CopyTo(_sortWeights.AsSpan());
        Array.Sort(_sortKeys, _sortWeights);
        var beta = 1 - Alpha;
        var target = beta - ExpectedShortfall.BoundaryTolerance;
        double mass = 0;
        double lossMass = 0;
        for (var k = n - 1; k >= 0; k--)
        {
            if (mass + _sortWeights[k] >= target)
            {
                return (lossMass + (beta - mass) * _sortKeys[k]) / beta;
            }

            mass += _sortWeights[k];
            lossMass += _sortWeights[k] * _sortKeys[k];
        }

        return lossMass / mass;
    }

    /// <summary>ES of the cached loss vector by weighted selection (the tail step of the check).</summary>
    [Benchmark]
    public double Selection()
        => ExpectedShortfall.Compute(_losses.AsSpan(0, Scenarios), _weights, Alpha, _scratch, out _);

    /// <summary>The same ES on the weighted path (weights equal but for one ulp, so no equal-weight shortcut).</summary>
    [Benchmark]
    public double SelectionWeighted()
        => ExpectedShortfall.Compute(_losses.AsSpan(0, Scenarios), _unevenWeights, Alpha, _scratch, out _);

    /// <summary>The order check on the cached vector: candidate = L + q·row (SIMD), then ES.</summary>
    [Benchmark]
    public double OrderUpdateThenEs()
    {
        _losses.CopyTo(_candidate.AsSpan());
        ScenarioVector.AddScaled(_candidate, _book.Arrays.Losses(_orderInstrument), -4);
        return ExpectedShortfall.Compute(_candidate.AsSpan(0, Scenarios), _weights, Alpha, _scratch, out _);
    }
}
