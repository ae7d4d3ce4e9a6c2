using RiskGate.Engine.Instruments;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Tests.Scenarios;

public class RiskArrayTableTests
{
    private static (InstrumentTable Table, MarketSnapshot Market, int Future, int Call, int Put) Book()
    {
        var table = new InstrumentTable(8, 1);
        var market = new MarketSnapshot(8) { Rate = 0.04 };
        var f = table.AddFuture(0, 0.5, 50, 0.25);
        var c = table.AddOption(f, true, 5100, 0.4, 50, 0.05);
        var p = table.AddOption(f, false, 4700, 0.4, 50, 0.05);
        market.SetPrice(f, 5000);
        market.SetSmile(c, new SviSmile(0.4, 0.01, 0.1, -0.5, 0.0, 0.2));
        market.SetSmile(p, new SviSmile(0.4, 0.01, 0.1, -0.5, 0.0, 0.2));
        return (table, market, f, c, p);
    }

    [Theory]
    [InlineData(ScanRangeKind.Relative, 0.06)] // range as a fraction of 5000: 300 points
    [InlineData(ScanRangeKind.Absolute, 300.0)] // same range in points
    public void Build_Future_EqualsAnalyticLinearMove(ScanRangeKind kind, double range)
    {
        var (table, market, f, _, _) = Book();
        var scan = new ScanParameters(Spans.Default16, range, kind, 0.25, ScanRangeKind.Relative);
        var arrays = new RiskArrayTable(table, 16);
        arrays.Build(f, scan, market);

        var points = Spans.Default16;
        for (var s = 0; s < 16; s++)
        {
            Assert.Equal(-points[s].PriceMove * 300 * 50 * points[s].Weight, arrays.Losses(f)[s], 9);
            Assert.Equal(50, arrays.Deltas(f)[s]);
            Assert.Equal(0, arrays.Gammas(f)[s]);
        }

        Assert.Equal(-10_500, arrays.Losses(f)[14], 9); // up 2 × 300 points × $50 × 35%, a gain
        Assert.Equal(1, arrays.DeltaEquivalent(f));
        Assert.Equal(0, arrays.Value(f));
    }

    [Theory]
    [InlineData(true, ScanRangeKind.Relative)] // call, vol scaled
    [InlineData(false, ScanRangeKind.Absolute)] // put, vol shifted
    public void Build_Option_EqualsDirectBlack76Revaluation(bool call, ScanRangeKind volKind)
    {
        var (table, market, f, c, p) = Book();
        var option = call ? c : p;
        var volRange = volKind == ScanRangeKind.Relative ? 0.25 : 0.04;
        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, volRange, volKind, 1.0 / 365);
        var arrays = new RiskArrayTable(table, 16);
        arrays.Build(option, scan, market);

        var k = table[option].Strike;
        var sigma = market.Smile(option)!.Vol(5000, k);
        var now = Black76.Price(call, 5000, k, 0.4, 0.04, sigma);
        var points = Spans.Default16;
        for (var s = 0; s < 16; s++)
        {
            var fs = 5000 * (1 + points[s].PriceMove * 0.06);
            var vs = volKind == ScanRangeKind.Relative ? sigma * (1 + points[s].VolMove * 0.25) : sigma + points[s].VolMove * 0.04;
            var after = Black76.Price(call, fs, k, 0.4 - 1.0 / 365, 0.04, vs);
            Assert.Equal(-(after - now) * 50 * points[s].Weight, arrays.Losses(option)[s], 7);
        }

        Assert.Equal(now * 50, arrays.Value(option), 9);
        Assert.Equal(Black76.Greeks(call, 5000, k, 0.4, 0.04, sigma).Delta, arrays.DeltaEquivalent(option), 12);
        Assert.False(arrays.IsExternal(option));
        _ = f;
    }

    [Fact]
    public void Build_Option_NodeGreeksEqualFiniteDifferencesOfNodeValue()
    {
        var (table, market, _, c, _) = Book();
        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        var arrays = new RiskArrayTable(table, 16);
        arrays.Build(c, scan, market);

        var sigma = market.Smile(c)!.Vol(5000, 5100);
        var t = 0.4 - scan.LookAheadYears;
        for (var s = 0; s < 16; s++)
        {
            var fs = scan.ShockedPrice(s, 5000);
            var vs = scan.ShockedVol(s, sigma, 0.4);
            double V(double f, double v) => Black76.Price(true, f, 5100, t, 0.04, v) * 50;
            const double H = 0.5;
            const double Hv = 1e-4;
            var d = (V(fs + H, vs) - V(fs - H, vs)) / (2 * H);
            var g = (V(fs + H, vs) - 2 * V(fs, vs) + V(fs - H, vs)) / (H * H);
            var vega = (V(fs, vs + Hv) - V(fs, vs - Hv)) / (2 * Hv);
            Assert.Equal(d, arrays.Deltas(c)[s], 4);
            Assert.Equal(g, arrays.Gammas(c)[s], 4);
            Assert.Equal(vega, arrays.Vegas(c)[s], 2);
        }
    }

    [Fact]
    public void Build_RowPadding_StaysZero()
    {
        var (table, market, f, _, _) = Book();
        var scan = new ScanParameters(Spans.Span16(2, 0.35).AsSpan(0, 13), 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        var arrays = new RiskArrayTable(table, 13);
        arrays.Build(f, scan, market);
        var row = arrays.Losses(f);
        Assert.Equal(0, row.Length % System.Numerics.Vector<double>.Count);
        for (var s = 13; s < row.Length; s++)
        {
            Assert.Equal(0, row[s]);
        }
    }

    [Fact]
    public void SetExternal_OverridesLossesOnLaterBuilds_KeepsModelGreeks()
    {
        var (table, market, _, c, _) = Book();
        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        var arrays = new RiskArrayTable(table, 16);
        var supplied = new double[16];
        for (var s = 0; s < 16; s++)
        {
            supplied[s] = 100 * s;
        }

        arrays.SetExternal(c, supplied, 0.42);
        arrays.Build(c, scan, market);

        Assert.True(arrays.IsExternal(c));
        Assert.Equal(supplied, arrays.Losses(c)[..16].ToArray());
        Assert.Equal(0.42, arrays.DeltaEquivalent(c));
        Assert.True(arrays.Deltas(c)[0] > 0);
        Assert.True(arrays.Value(c) > 0);
    }

    [Fact]
    public void Build_ExternalArrayOfWrongLength_Throws()
    {
        var (table, market, _, c, _) = Book();
        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        var arrays = new RiskArrayTable(table, 16);
        arrays.SetExternal(c, new double[15]);
        Assert.Throws<InvalidOperationException>(() => arrays.Build(c, scan, market));
    }

    [Fact]
    public void Build_MissingPriceOrSmile_Throws()
    {
        var table = new InstrumentTable(4, 1);
        var market = new MarketSnapshot(4);
        var f = table.AddFuture(0, 0.5, 50, 0.25);
        var c = table.AddOption(f, true, 100, 0.4, 50, 0.05);
        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        var arrays = new RiskArrayTable(table, 16);
        Assert.Throws<InvalidOperationException>(() => arrays.Build(f, scan, market));
        market.SetPrice(f, 100);
        Assert.Throws<InvalidOperationException>(() => arrays.Build(c, scan, market));
    }

    [Fact]
    public void Build_TenThousandCalls_AllocatesNothing()
    {
        var (table, market, f, c, p) = Book();
        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        var arrays = new RiskArrayTable(table, 16);
        arrays.Build(c, scan, market);
        arrays.Build(p, scan, market);
        arrays.Build(f, scan, market);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var n = 0; n < 10_000; n++)
        {
            arrays.Build(n % 3 == 0 ? f : n % 3 == 1 ? c : p, scan, market);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(arrays.Losses(c)[13] > 0);
    }

    [Fact]
    public void Build_BenchmarkBook_MatchesDirectRevaluationAndAllocatesNothing()
    {
        // Twin of RiskArrayBenchmarks: same option, smile and scans.
        var table = new InstrumentTable(4, 1);
        var market = new MarketSnapshot(4) { Rate = 0.04 };
        var f = table.AddFuture(0, 0.25, 50, 0.25);
        var c = table.AddOption(f, true, 6100, 0.24, 50, 0.05);
        var smile = new SviSmile(0.24, 0.0008, 0.012, -0.6, 0.01, 0.08);
        market.SetPrice(f, 6000);
        market.SetSmile(c, smile);
        var span = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        var deribit = new ScanParameters(Spans.DefaultDeribit, 0.16, ScanRangeKind.Relative, 0.3, ScanRangeKind.Relative, ScanParameters.OneDay, 0.3);
        var arrays = new RiskArrayTable(table, deribit.Count);

        arrays.Build(c, deribit, market);
        var vol = smile.Vol(6000, 6100);
        var now = Black76.Price(true, 6000, 6100, 0.24, 0.04, vol);
        for (var s = 0; s < deribit.Count; s++)
        {
            var p = Spans.DefaultDeribit[s];
            var shock = p.VolMove * 0.3 * Math.Pow(30.0 / 365 / 0.24, 0.3);
            var after = Black76.Price(true, 6000 * (1 + p.PriceMove * 0.16), 6100, 0.24 - 1.0 / 365, 0.04, vol * (1 + shock));
            Assert.Equal(-(after - now) * 50 * p.Weight, arrays.Losses(c)[s], 7);
        }

        arrays.Build(c, span, market);
        arrays.Build(f, span, market);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var n = 0; n < 10_000; n++)
        {
            arrays.Build(c, span, market);
            arrays.Build(f, span, market);
            arrays.Build(c, deribit, market);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
