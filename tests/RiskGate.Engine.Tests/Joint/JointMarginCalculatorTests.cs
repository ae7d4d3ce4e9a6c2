using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;

namespace RiskGate.Engine.Tests.Joint;

public class JointMarginCalculatorTests
{
    private static readonly double[] Rhos = [0, 0.25, 0.5, 0.75, 0.9];

    [Fact]
    public void Compute_TwoUnderlyingHedge_RequirementFallsAsCorrelationRises()
    {
        var book = new JointTestBook(optionsPerGroup: 2);
        var previous = double.PositiveInfinity;
        foreach (var rho in Rhos)
        {
            var calculator = book.Calculator(JointTestBook.MonteCarlo(rho));
            var hedge = book.Requirement(calculator, (book.FutureA, 1), (book.FutureB, -2));
            Assert.True(hedge < previous, "rho " + rho + ": " + hedge + " is not below " + previous);
            previous = hedge;
        }
    }

    [Fact]
    public void Compute_TwoUnderlyingHedge_BelowSumOfStandaloneLegsAtEveryCorrelation()
    {
        var book = new JointTestBook(optionsPerGroup: 2);
        foreach (var rho in Rhos)
        {
            var calculator = book.Calculator(JointTestBook.MonteCarlo(rho));
            var hedge = book.Requirement(calculator, (book.FutureA, 1), (book.FutureB, -2));
            var legs = book.Requirement(calculator, (book.FutureA, 1)) + book.Requirement(calculator, (book.FutureB, -2));
            Assert.True(hedge < legs, "rho " + rho + ": hedge " + hedge + ", legs " + legs);
        }
    }

    [Fact]
    public void Compute_LongBothAtCorrelationOne_NoDiversificationBenefit()
    {
        var book = new JointTestBook(optionsPerGroup: 2);
        var calculator = book.Calculator(JointTestBook.MonteCarlo(1.0));
        var both = book.Requirement(calculator, (book.FutureA, 1), (book.FutureB, 2));
        var legs = book.Requirement(calculator, (book.FutureA, 1)) + book.Requirement(calculator, (book.FutureB, 2));

        // Comonotonic losses: ES is additive, so equality up to rounding.
        Assert.Equal(legs, both, legs * 1e-12);

        // The same book below correlation 1 does diversify (the check above can fail).
        var diversified = book.Calculator(JointTestBook.MonteCarlo(0.5));
        var bothHalf = book.Requirement(diversified, (book.FutureA, 1), (book.FutureB, 2));
        var legsHalf = book.Requirement(diversified, (book.FutureA, 1)) + book.Requirement(diversified, (book.FutureB, 2));
        Assert.True(bothHalf < legsHalf * 0.99);
    }

    [Fact]
    public void Compute_Result_MatchesExpectedShortfallOfTheLossVector()
    {
        var book = new JointTestBook(optionsPerGroup: 6);
        var set = JointTestBook.MonteCarlo(0.4, count: 700);
        var calculator = book.Calculator(set, alpha: 0.975);
        var portfolio = book.Portfolio((book.FutureA, 3), (book.Options[1], -5), (book.Options[7], 4), (book.FutureB, -1));
        var result = calculator.CreateResult();
        calculator.Compute(portfolio, book.Market, result);

        var losses = new double[set.Count];
        foreach (var (i, q) in new[] { (book.FutureA, 3.0), (book.Options[1], -5.0), (book.Options[7], 4.0), (book.FutureB, -1.0) })
        {
            for (var s = 0; s < set.Count; s++)
            {
                losses[s] += q * book.Arrays.Losses(i)[s];
            }
        }

        var weights = set.RegularWeights.ToArray();
        var es = ExpectedShortfallReference.Compute(losses, weights, 0.975, out var var);
        Assert.Equal(losses, result.ScenarioLosses.ToArray(), (x, y) => Math.Abs(x - y) < 1e-9);
        Assert.Equal(es, result.ExpectedShortfall, 1e-9);
        Assert.Equal(var, result.ValueAtRisk, 1e-9);
        Assert.Equal(Math.Max(0, es), result.Requirement, 1e-9);

        // 2.5% of 700 = 17.5 scenarios: 18 at or above the VaR, worst first.
        Assert.Equal(18, result.TailCount);
        var tail = result.TailScenarios;
        for (var k = 1; k < tail.Length; k++)
        {
            Assert.True(losses[tail[k - 1]] >= losses[tail[k]]);
        }

        Assert.Equal(var, losses[tail[^1]]);
    }

    [Fact]
    public void Compute_StressScenarioWorseThanEs_DrivesRequirement()
    {
        var book = new JointTestBook(optionsPerGroup: 2);
        var crash = new StressScenario("crash", [-0.3, -0.3], [0.5, 0.5], 0.6);
        var calculator = book.Calculator(JointTestBook.MonteCarlo(0.5, stresses: [crash]));
        var result = calculator.CreateResult();
        calculator.Compute(book.Portfolio((book.FutureA, 1)), book.Market, result);

        // Long 1 A: the crash loses 30% of 100,000, counted at 60%.
        Assert.Equal(18_000, result.WorstStress, 1e-6);
        Assert.Equal(2000, result.WorstStressScenario);
        Assert.True(result.ExpectedShortfall < 18_000);
        Assert.Equal(18_000, result.Requirement, 1e-6);

        // A short position gains in the crash: the stress does not bind, ES does.
        calculator.Compute(book.Portfolio((book.FutureA, -1)), book.Market, result);
        Assert.Equal(-18_000, result.WorstStress, 1e-6);
        Assert.Equal(result.ExpectedShortfall, result.Requirement, 1e-9);
    }

    [Fact]
    public void Compute_ShortOptions_AddShortOptionMinimum()
    {
        var book = new JointTestBook(optionsPerGroup: 4);
        var calculator = book.Calculator(JointTestBook.MonteCarlo(0.5), shortOptionMinimum: 250);
        var result = calculator.CreateResult();
        calculator.Compute(book.Portfolio((book.Options[0], -3), (book.Options[5], -2), (book.Options[1], 4)), book.Market, result);
        Assert.Equal(5 * 250, result.ShortOptionMinimum, 1e-9);
        Assert.Equal(Math.Max(0, Math.Max(result.ExpectedShortfall, result.WorstStress)) + 1250, result.Requirement, 1e-9);
        Assert.True(result.OptionValue < 0);
    }

    [Fact]
    public void Compute_EmptyOrScanOnlyPositions_ZeroRequirement()
    {
        var book = new JointTestBook(optionsPerGroup: 2);
        book.Arrays.Rebuild(JointTestBook.MonteCarlo(0.5), book.Market);
        var calculator = new JointMarginCalculator(book.Instruments, book.Arrays, new JointMarginOptions([MarginMethodology.Scan, MarginMethodology.ExpectedShortfall], []));
        var result = calculator.CreateResult();
        calculator.Compute(book.Portfolio((book.FutureA, 5)), book.Market, result);
        Assert.False(result.HasPositions);
        Assert.Equal(0, result.Requirement);

        calculator.Compute(book.Portfolio((book.FutureA, 5), (book.FutureB, 1)), book.Market, result);
        Assert.True(result.HasPositions);
        Assert.Equal(book.Requirement(book.Calculator(JointTestBook.MonteCarlo(0.5)), (book.FutureB, 1)), result.Requirement, 1e-9);
    }

    [Fact]
    public void ComputeFullRevaluation_AfterMarketMove_EqualsRebuildThenCompute()
    {
        var book = new JointTestBook(optionsPerGroup: 6);
        var set = JointTestBook.MonteCarlo(0.3, count: 500);
        var calculator = book.Calculator(set);
        var portfolio = book.Portfolio((book.Options[2], -4), (book.Options[9], 3), (book.FutureA, 1));
        book.Market.SetPrice(book.FutureA, 103);
        var full = calculator.CreateResult();
        calculator.ComputeFullRevaluation(portfolio, book.Market, full);

        book.Arrays.Rebuild(set, book.Market);
        var reference = calculator.CreateResult();
        calculator.Compute(portfolio, book.Market, reference);
        Assert.Equal(reference.Requirement, full.Requirement, 1e-9);
        Assert.Equal(reference.ValueAtRisk, full.ValueAtRisk, 1e-9);
    }

    [Fact]
    public void Compute_RowNotBuiltInCurrentEpoch_Throws()
    {
        var book = new JointTestBook(optionsPerGroup: 2);
        var calculator = book.Calculator(JointTestBook.MonteCarlo(0.5, count: 50));
        var late = book.Instruments.AddFuture(JointTestBook.A, 0.75, 1000, 0.01);
        book.Market.SetPrice(late, 101);
        var result = calculator.CreateResult();
        Assert.Throws<InvalidOperationException>(() => calculator.Compute(book.Portfolio((late, 1)), book.Market, result));
        book.Arrays.Build(late, book.Market);
        calculator.Compute(book.Portfolio((late, 1)), book.Market, result);
        Assert.True(result.Requirement > 0);
    }

    [Fact]
    public void Compute_AndAccumulate_10000Calls_AllocateNothing()
    {
        var book = new JointTestBook(optionsPerGroup: 20, maxScenarios: 500);
        var calculator = book.Calculator(JointTestBook.MonteCarlo(0.5, count: 500));
        var portfolio = book.Portfolio((book.FutureA, 2), (book.Options[3], -5), (book.Options[25], 7), (book.FutureB, -3));
        var result = calculator.CreateResult();
        var losses = new double[book.Arrays.ScenarioStride];
        double sink = 0;
        for (var i = 0; i < 100; i++)
        {
            calculator.Compute(portfolio, book.Market, result);
            sink += calculator.AccumulateLosses(portfolio, losses);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            calculator.Compute(portfolio, book.Market, result);
            sink += calculator.AccumulateLosses(portfolio, losses);
            sink += calculator.Aggregate(losses.AsSpan(0, 500), out _, out _, out _, out _);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(sink > 0);
    }

    [Fact]
    public void Aggregate_CachedVectorUpdatedByRandomOrders_EqualsFullRecomputation()
    {
        // The layout the incremental path relies on: a cached L updated by L += q·row per fill gives
        // the same ES as recomputing the portfolio from scratch.
        var book = new JointTestBook(optionsPerGroup: 12, maxScenarios: 500);
        var calculator = book.Calculator(JointTestBook.MonteCarlo(0.6, count: 500), alpha: 0.975);
        var portfolio = book.Portfolio();
        var cached = new double[book.Arrays.ScenarioStride];
        var result = calculator.CreateResult();
        var rng = new Random(8);
        var instruments = new List<int>(book.Options) { book.FutureA, book.FutureB };
        for (var step = 0; step < 300; step++)
        {
            var i = instruments[rng.Next(instruments.Count)];
            var q = (long)rng.Next(-5, 6);
            if (q == 0)
            {
                continue;
            }

            portfolio.SetPosition(i, portfolio.Quantity(i) + q, 1);
            ScenarioVector.AddScaled(cached, book.Arrays.Losses(i), q);
            if (portfolio.HeldCount == 0)
            {
                continue;
            }

            var incremental = calculator.Aggregate(cached.AsSpan(0, 500), out var es, out var var, out _, out _);
            calculator.Compute(portfolio, book.Market, result);
            Assert.Equal(result.ExpectedShortfall, es, 1e-9 * Math.Max(1, Math.Abs(es)));
            Assert.Equal(result.ValueAtRisk, var, 1e-9 * Math.Max(1, Math.Abs(var)));
            Assert.Equal(result.Requirement, incremental, 1e-9 * Math.Max(1, incremental));
        }
    }

    [Fact]
    public void Construct_OptionsForOtherGroupCount_Throws()
    {
        var book = new JointTestBook(optionsPerGroup: 2);
        Assert.Throws<ArgumentException>(() => new JointMarginCalculator(book.Instruments, book.Arrays, new JointMarginOptions([MarginMethodology.ExpectedShortfall], [])));
    }

    [Theory]
    [InlineData(0.3)] // too low a level for a margin
    [InlineData(1.0)] // no tail
    public void JointMarginOptions_BadAlpha_Throws(double alpha)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new JointMarginOptions([MarginMethodology.ExpectedShortfall], [], alpha));
        Assert.Equal("alpha", ex.ParamName);
    }
}
