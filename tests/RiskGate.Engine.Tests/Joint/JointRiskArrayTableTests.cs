using System.Numerics;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Tests.Joint;

public class JointRiskArrayTableTests
{
    private static JointScenarioSet TenorSet() => new(
        groupCount: 2,
        horizonDays: 3,
        tenorBuckets: [0.1, 0.5],
        priceShocks: [0.05, -0.04, -0.08, 0.06, 0.0, 0.0],
        volShocks: [0.2, 0.1, -0.1, 0.3, -0.15, -0.05, 0.4, 0.2, 0.0, 0.0, 0.0, 0.0],
        weights: [0.3, 0.3, 0.4],
        stresses: [new StressScenario("crash", [-0.3, -0.35], [0.8, 0.9], 0.5)]);

    [Fact]
    public void Rebuild_Futures_AnalyticLossAndUnitDelta()
    {
        var book = new JointTestBook(optionsPerGroup: 2);
        var set = TenorSet();
        book.Arrays.Rebuild(set, book.Market);
        for (var s = 0; s < set.Count; s++)
        {
            Assert.Equal(-100 * set.PriceShock(s, 0) * 1000, book.Arrays.Losses(book.FutureA)[s], 1e-9);
            Assert.Equal(-50 * set.PriceShock(s, 1) * 1000, book.Arrays.Losses(book.FutureB)[s], 1e-9);
            Assert.Equal(1000, book.Arrays.Deltas(book.FutureA)[s]);
            Assert.Equal(0, book.Arrays.Gammas(book.FutureA)[s]);
        }

        Assert.Equal(1, book.Arrays.DeltaEquivalent(book.FutureB));
        Assert.Equal(0, book.Arrays.Value(book.FutureB));
    }

    [Fact]
    public void Rebuild_Options_EqualIndependentBlack76UnderJointShockAgedByHorizon()
    {
        var book = new JointTestBook(optionsPerGroup: 10);
        var set = TenorSet();
        book.Arrays.Rebuild(set, book.Market);
        var aged = 0.25 - 3 / 365.0;
        foreach (var i in book.Options)
        {
            ref readonly var o = ref book.Instruments[i];
            var f = book.Market.Price(o.Underlying);
            var vol = o.Group == JointTestBook.A ? JointTestBook.VolA : JointTestBook.VolB;
            var now = ReferenceBlack76.Price(o.IsCall, f, o.Strike, 0.25, 0.02, vol);
            Assert.Equal(now * 1000, book.Arrays.Value(i), 1e-8);
            for (var s = 0; s < set.Count; s++)
            {
                // Tenor 0.25 lies 3/8 of the way from the 0.1 bucket to the 0.5 bucket.
                var volShock = 0.625 * set.VolShock(s, o.Group, 0) + 0.375 * set.VolShock(s, o.Group, 1);
                var shocked = ReferenceBlack76.Price(o.IsCall, f * (1 + set.PriceShock(s, o.Group)), o.Strike, aged, 0.02, vol * (1 + volShock));
                Assert.Equal(-(shocked - now) * 1000, book.Arrays.Losses(i)[s], 1e-7);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rebuild_Options_BitForBitThePerScenarioGreeksLoop(bool monteCarlo)
    {
        // The rows are built by Black76.NodeGreeks over all scenarios at once; the reference is the
        // former loop, one Black76.Greeks call per scenario with the same shocked forward and vol.
        var book = new JointTestBook(optionsPerGroup: 12);
        var set = monteCarlo ? JointTestBook.MonteCarlo(0.6, count: 700, horizonDays: 5) : TenorSet();
        book.Arrays.Rebuild(set, book.Market);
        foreach (var i in book.Options)
        {
            ref readonly var o = ref book.Instruments[i];
            var m = o.Multiplier;
            var f = book.Market.Price(o.Underlying);
            var vol = book.Market.Smile(i)!.Vol(f, o.Strike);
            var now = Black76.Greeks(o.IsCall, f, o.Strike, o.ExpiryYears, book.Market.Rate, vol);
            set.LocateTenor(o.ExpiryYears, out var bucket, out var fraction);
            for (var s = 0; s < set.Count; s++)
            {
                var shockedVol = vol * (1.0 + set.InterpolatedVolShock(s, o.Group, bucket, fraction));
                var node = Black76.Greeks(o.IsCall, f * set.PriceSlope(s, o.Group), o.Strike, o.ExpiryYears - set.HorizonYears, book.Market.Rate, shockedVol > ScanParameters.MinVol ? shockedVol : ScanParameters.MinVol);
                Assert.Equal(BitConverter.DoubleToInt64Bits(-(node.Price - now.Price) * m), BitConverter.DoubleToInt64Bits(book.Arrays.Losses(i)[s]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(node.Delta * m), BitConverter.DoubleToInt64Bits(book.Arrays.Deltas(i)[s]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(node.Gamma * m), BitConverter.DoubleToInt64Bits(book.Arrays.Gammas(i)[s]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(node.Vega * m), BitConverter.DoubleToInt64Bits(book.Arrays.Vegas(i)[s]));
            }
        }
    }

    [Fact]
    public void Rebuild_Options_NodeGreeksAreDerivativesAtShockedState()
    {
        var book = new JointTestBook(optionsPerGroup: 6);
        var set = TenorSet();
        book.Arrays.Rebuild(set, book.Market);
        var aged = 0.25 - 3 / 365.0;
        foreach (var i in book.Options)
        {
            var o = book.Instruments[i];
            var vol = o.Group == JointTestBook.A ? JointTestBook.VolA : JointTestBook.VolB;
            for (var s = 0; s < set.Count; s++)
            {
                var f = book.Market.Price(o.Underlying) * set.PriceSlope(s, o.Group);
                var sigma = vol * (1 + set.VolShockAt(s, o.Group, 0.25));
                var h = f * 1e-4;
                double P(double x, double v) => ReferenceBlack76.Price(o.IsCall, x, o.Strike, aged, 0.02, v) * 1000;
                var delta = (P(f + h, sigma) - P(f - h, sigma)) / (2 * h);
                var gamma = (P(f + h, sigma) - 2 * P(f, sigma) + P(f - h, sigma)) / (h * h);
                var vega = (P(f, sigma + 1e-5) - P(f, sigma - 1e-5)) / 2e-5;
                Assert.Equal(delta, book.Arrays.Deltas(i)[s], 1e-5 * 1000);
                Assert.Equal(gamma, book.Arrays.Gammas(i)[s], 1e-3 * Math.Max(1, Math.Abs(gamma)));
                Assert.Equal(vega, book.Arrays.Vegas(i)[s], 1e-4 * Math.Max(1, Math.Abs(vega)));
            }
        }
    }

    [Fact]
    public void Rebuild_RowsPaddedToLanesWithZeros()
    {
        var book = new JointTestBook(optionsPerGroup: 2, maxScenarios: 5);
        Assert.Equal(0, book.Arrays.ScenarioStride % Vector<double>.Count);
        book.Arrays.Rebuild(TenorSet(), book.Market);
        foreach (var i in book.Options)
        {
            var row = book.Arrays.Losses(i);
            for (var s = 4; s < row.Length; s++)
            {
                Assert.Equal(0, row[s]);
                Assert.Equal(0, book.Arrays.Deltas(i)[s]);
            }
        }
    }

    [Fact]
    public void Rebuild_ReplacedSet_NewEpochAndNewRows()
    {
        var book = new JointTestBook(optionsPerGroup: 2);
        Assert.Equal(0, book.Arrays.Epoch);
        Assert.False(book.Arrays.IsBuilt(book.FutureA));
        book.Arrays.Rebuild(JointTestBook.MonteCarlo(0.3, count: 100), book.Market);
        var before = book.Arrays.Losses(book.FutureA)[0];
        Assert.Equal(1, book.Arrays.Epoch);
        book.Arrays.Rebuild(JointTestBook.MonteCarlo(0.3, count: 100, seed: 99), book.Market);
        Assert.Equal(2, book.Arrays.Epoch);
        Assert.True(book.Arrays.IsBuilt(book.FutureA));
        Assert.NotEqual(before, book.Arrays.Losses(book.FutureA)[0]);
    }

    [Fact]
    public void Rebuild_TooManyScenariosOrWrongGroups_Throws()
    {
        var book = new JointTestBook(optionsPerGroup: 2, maxScenarios: 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => book.Arrays.Rebuild(JointTestBook.MonteCarlo(0, count: 100), book.Market));
        Assert.Throws<ArgumentException>(() => book.Arrays.Rebuild(new JointScenarioSet(1, 1, [0.1], [0.01], [0], [1.0], []), book.Market));
    }

    [Fact]
    public void Build_BeforeAnySet_Throws()
    {
        var book = new JointTestBook(optionsPerGroup: 2);
        Assert.Throws<InvalidOperationException>(() => book.Arrays.Build(book.FutureA, book.Market));
    }

    [Fact]
    public void Rebuild_MissingSmile_ThrowsNamingInstrument()
    {
        var book = new JointTestBook(optionsPerGroup: 2);
        var orphan = book.Instruments.AddOption(book.FutureA, true, 100, 0.25, 1000, 0.001);
        var ex = Assert.Throws<InvalidOperationException>(() => book.Arrays.Rebuild(JointTestBook.MonteCarlo(0, count: 10), book.Market));
        Assert.Contains(orphan.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rebuild_500ScenariosTwoGroups200Options_AllocatesNothing()
    {
        // The benchmark's workload (JointScenarioRebuildBenchmarks): 2 groups × 200 options, 500 scenarios.
        var book = new JointTestBook(optionsPerGroup: 200, maxScenarios: 500);
        var first = JointTestBook.MonteCarlo(0.5, count: 500);
        var second = JointTestBook.MonteCarlo(0.7, count: 500);
        book.Arrays.Rebuild(first, book.Market);
        var before = GC.GetAllocatedBytesForCurrentThread();
        book.Arrays.Rebuild(second, book.Market);
        book.Arrays.Rebuild(first, book.Market);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(3, book.Arrays.Epoch);
        Assert.Equal(402, book.Instruments.Count);
        var o = book.Instruments[book.Options[0]];
        Assert.Equal(-(Black76.Price(o.IsCall, 100 * first.PriceSlope(0, 0), o.Strike, 0.25 - 2 / 365.0, 0.02, Math.Max(0.2 * (1 + first.VolShock(0, 0, 0)), ScanParameters.MinVol)) * 1000 - book.Arrays.Value(book.Options[0])), book.Arrays.Losses(book.Options[0])[0], 1e-9);
    }
}
