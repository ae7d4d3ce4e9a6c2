using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;

namespace RiskGate.Engine.Tests.Joint;

/// <summary>
/// Twins of perf/RiskGate.Benchmarks/Joint: the same workload (2 groups, 20 or 200 options per group,
/// Monte Carlo ρ = 0.6, horizon 2 days, seed 17, vol betas −1.5; the same four-position account), the
/// same operations, checked against the sort-based oracle and for zero allocation.
/// </summary>
public class JointBenchmarksTwinTests
{
    [Theory]
    [InlineData(250)] // the smallest benchmarked set
    [InlineData(500)] // the budgeted size
    [InlineData(1000)] // the largest benchmarked set
    public void ExpectedShortfallBenchmarks_SelectionAndOrderUpdate_EqualSortAndAllocateNothing(int scenarios)
    {
        var book = new JointTestBook(optionsPerGroup: 20, maxScenarios: scenarios);
        var set = JointTestBook.MonteCarlo(0.6, count: scenarios);
        var calculator = book.Calculator(set);
        var portfolio = book.Portfolio((book.FutureA, 3), (book.FutureB, -5), (book.Options[1], -10), (book.Options[^2], 8));
        var losses = new double[book.Arrays.ScenarioStride];
        calculator.AccumulateLosses(portfolio, losses);
        var weights = set.RegularWeights.ToArray();
        var scratch = new double[ExpectedShortfall.ScratchLength(book.Arrays.ScenarioStride)];
        var candidate = new double[book.Arrays.ScenarioStride];
        var order = book.Options[3];

        var es = ExpectedShortfall.Compute(losses.AsSpan(0, scenarios), weights, 0.99, scratch, out _);
        Assert.Equal(ExpectedShortfallReference.Compute(losses[..scenarios], weights, 0.99, out _), es, 1e-9);
        var uneven = (double[])weights.Clone();
        uneven[scenarios / 2] = Math.BitIncrement(uneven[scenarios / 2]);
        Assert.True(ExpectedShortfall.HasEqualWeights(weights) && !ExpectedShortfall.HasEqualWeights(uneven));
        Assert.Equal(ExpectedShortfallReference.Compute(losses[..scenarios], uneven, 0.99, out _), ExpectedShortfall.Compute(losses.AsSpan(0, scenarios), uneven, 0.99, scratch, out _), 1e-9);

        losses.CopyTo(candidate.AsSpan());
        ScenarioVector.AddScaled(candidate, book.Arrays.Losses(order), -4);
        var after = ExpectedShortfall.Compute(candidate.AsSpan(0, scenarios), weights, 0.99, scratch, out _);
        var expected = new double[scenarios];
        for (var s = 0; s < scenarios; s++)
        {
            expected[s] = losses[s] - 4 * book.Arrays.Losses(order)[s];
        }

        Assert.Equal(ExpectedShortfallReference.Compute(expected, weights, 0.99, out _), after, 1e-9);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            losses.CopyTo(candidate.AsSpan());
            ScenarioVector.AddScaled(candidate, book.Arrays.Losses(order), -4);
            after = ExpectedShortfall.Compute(candidate.AsSpan(0, scenarios), weights, 0.99, scratch, out _);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(after > 0);
    }

    [Fact]
    public void JointScenarioRebuildBenchmarks_RebuildAndMonteCarlo_Correct()
    {
        var book = new JointTestBook(optionsPerGroup: 200, maxScenarios: 500);
        var set = JointTestBook.MonteCarlo(0.6, count: 500);
        var other = CorrelatedMonteCarlo.Build([1, 0.7, 0.7, 1], [0.20, 0.25], 2, 500, 23, [-1.5, -1.5], []);
        Assert.Equal(500, other.Count);
        book.Arrays.Rebuild(set, book.Market);
        book.Arrays.Rebuild(other, book.Market);
        Assert.Equal(2, book.Arrays.Epoch);
        foreach (var i in book.Options)
        {
            var row = book.Arrays.Losses(i);
            for (var s = 0; s < 500; s++)
            {
                Assert.True(double.IsFinite(row[s]));
            }
        }
    }
}
