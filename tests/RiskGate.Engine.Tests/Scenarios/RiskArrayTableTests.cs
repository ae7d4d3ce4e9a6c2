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

    [Fact]
    public void BuildAt_EveryScanExpiryAndMoneyness_EqualsPreviousImplementationBitForBit()
    {
        var compared = 0;
        foreach (var rate in new[] { 0.04, -0.01 })
        {
            var (table, market) = WideBook(rate);
            var arrays = new RiskArrayTable(table, 31);

            // Longest scans first: a shorter scan after a longer one must zero the cells past its nodes.
            foreach (var scan in BitScans())
            {
                foreach (var elapsed in new[] { 0.0, 0.004, 0.6 })
                {
                    for (var i = 0; i < table.Count; i++)
                    {
                        arrays.BuildAt(i, scan, market, elapsed);
                        var expected = ReferenceRiskArrays.Build(table, i, scan, market, elapsed, arrays.NodeStride);
                        AssertRowBits(expected, arrays, i, false);
                        Assert.Equal(scan.Count, arrays.NodeCount(i));
                        compared++;
                    }
                }
            }
        }

        Assert.Equal(2 * 6 * 3 * WideBookInstruments, compared);
    }

    [Theory]
    [InlineData(false)] // why: call listed before its put
    [InlineData(true)] // why: put listed first
    public void TryBuildCallPutAt_EveryListedPair_EqualsPreviousImplementationOfBothBitForBit(bool putFirst)
    {
        var pairs = 0;
        var refused = 0;
        foreach (var rate in new[] { 0.04, -0.01 })
        {
            var (table, market) = WideBook(rate, putFirst);
            var arrays = new RiskArrayTable(table, 31);
            foreach (var scan in BitScans())
            {
                foreach (var elapsed in new[] { 0.0, 0.004, 0.6 })
                {
                    // Each expiry: the future, then 13 strikes of two options each.
                    for (var first = 1; first < table.Count; first += 2)
                    {
                        if (!table[first].IsOption)
                        {
                            first--;
                            continue;
                        }

                        var call = putFirst ? first + 1 : first;
                        var put = putFirst ? first : first + 1;
                        var sameVol = BitConverter.DoubleToInt64Bits(market.Smile(call)!.Vol(1, 1)) == BitConverter.DoubleToInt64Bits(market.Smile(put)!.Vol(1, 1));
                        var built = arrays.TryBuildCallPutAt(call, put, scan, market, elapsed);
                        Assert.Equal(sameVol, built);
                        if (built)
                        {
                            pairs++;
                        }
                        else
                        {
                            refused++;
                            arrays.BuildAt(call, scan, market, elapsed);
                            arrays.BuildAt(put, scan, market, elapsed);
                        }

                        AssertRowBits(ReferenceRiskArrays.Build(table, call, scan, market, elapsed, arrays.NodeStride), arrays, call, false);
                        AssertRowBits(ReferenceRiskArrays.Build(table, put, scan, market, elapsed, arrays.NodeStride), arrays, put, false);
                        Assert.Equal(scan.Count, arrays.NodeCount(put));
                    }
                }
            }
        }

        // Four expiries pair (shared SVI smile or equal flat smiles); the fifth's smiles differ.
        Assert.Equal(2 * 6 * 3 * 4 * 13, pairs);
        Assert.Equal(2 * 6 * 3 * 1 * 13, refused);
    }

    [Fact]
    public void TryBuildCallPutAt_NotAPairOrABuildThatWouldThrow_ReturnsFalseAndChangesNothing()
    {
        var (table, market) = WideBook(0.04);
        var scan = BitScans()[2];
        var arrays = new RiskArrayTable(table, 16);
        var future = 0;
        var call = 1;
        var put = 2;
        var otherStrikePut = 4;
        Assert.True(table[call].IsCall && !table[put].IsCall && !table[otherStrikePut].IsCall);
        var before = Snapshot(arrays, call, put);

        Assert.False(arrays.TryBuildCallPutAt(put, call, scan, market, 0)); // why: the call must come first
        Assert.False(arrays.TryBuildCallPutAt(call, call, scan, market, 0)); // why: two calls
        Assert.False(arrays.TryBuildCallPutAt(future, put, scan, market, 0)); // why: a future
        Assert.False(arrays.TryBuildCallPutAt(call, otherStrikePut, scan, market, 0)); // why: another strike
        Assert.False(arrays.TryBuildCallPutAt(call, 1 + 27 + 1, scan, market, 0)); // why: another expiry's put
        Assert.False(arrays.TryBuildCallPutAt(call, put, scan, market, -1)); // why: BuildAt would throw on the time
        Assert.False(arrays.TryBuildCallPutAt(call, put, BitScans()[0], market, 0)); // why: 31 nodes in a 16-node table
        var noSmile = new MarketSnapshot(WideBookInstruments) { Rate = 0.04 };
        noSmile.SetPrice(future, market.Price(future));
        Assert.False(arrays.TryBuildCallPutAt(call, put, scan, noSmile, 0)); // why: BuildAt would throw on the smile
        Assert.False(arrays.TryBuildCallPutAt(call, put, scan, new MarketSnapshot(WideBookInstruments), 0)); // why: no price
        arrays.SetExternal(put, new double[15]);
        before = Snapshot(arrays, call, put);
        Assert.False(arrays.TryBuildCallPutAt(call, put, scan, market, 0)); // why: external array of the wrong length

        Assert.Equal(before, Snapshot(arrays, call, put));
    }

    [Fact]
    public void TryBuildCallPutAt_AfterWarmUp_AllocatesNothing()
    {
        var (table, market) = WideBook(0.04);
        var scan = BitScans()[0];
        var arrays = new RiskArrayTable(table, 31);
        Assert.True(arrays.TryBuildCallPutAt(1, 2, scan, market, 0.004));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var n = 0; n < 10_000; n++)
        {
            if (!arrays.TryBuildCallPutAt(1 + 2 * (n % 13), 2 + 2 * (n % 13), scan, market, 0.004))
            {
                Assert.Fail("pair refused");
            }
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void BuildAt_ExternalArray_KeepsSuppliedLossesAndPreviousGreeksBitForBit()
    {
        var (table, market) = WideBook(0.03);
        var scan = BitScans()[0];
        var arrays = new RiskArrayTable(table, 31);
        var option = 3;
        var supplied = new double[scan.Count];
        for (var s = 0; s < supplied.Length; s++)
        {
            supplied[s] = 10.0 * s - 70;
        }

        arrays.SetExternal(option, supplied, 0.25);
        arrays.BuildAt(option, scan, market, 0.004);

        var expected = ReferenceRiskArrays.Build(table, option, scan, market, 0.004, arrays.NodeStride);
        Array.Clear(expected.Loss);
        supplied.CopyTo(expected.Loss, 0);
        expected.DeltaEquivalent = 0.25;
        AssertRowBits(expected, arrays, option, true);
        Assert.True(table[option].IsOption);
    }

    [Fact]
    public void BuildAt_DeribitTenorScanAfterWarmUp_AllocatesNothing()
    {
        var (table, market) = WideBook(0.04);
        var scan = BitScans()[0];
        var arrays = new RiskArrayTable(table, 31);
        for (var i = 0; i < table.Count; i++)
        {
            arrays.BuildAt(i, scan, market, 0.004);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var n = 0; n < 10_000; n++)
        {
            arrays.BuildAt(n % table.Count, scan, market, 0.004);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(arrays.Value(3) > 0);
    }

    [Fact]
    public void BuildAt_MissingSmileAfterABuild_ThrowsAndLeavesTheRowZeroed()
    {
        var (table, market, _, c, _) = Book();
        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        var arrays = new RiskArrayTable(table, 16);
        arrays.Build(c, scan, market);
        Assert.NotEqual(0, arrays.Losses(c)[13]);
        var bare = new MarketSnapshot(8) { Rate = 0.04 };
        bare.SetPrice(table[c].Underlying, 5000);

        Assert.Throws<InvalidOperationException>(() => arrays.Build(c, scan, bare));

        foreach (var cell in arrays.Losses(c))
        {
            Assert.Equal(0, cell);
        }

        Assert.Equal(0, arrays.Deltas(c)[0]);
        Assert.Equal(0, arrays.Gammas(c)[0]);
        Assert.Equal(0, arrays.Vegas(c)[0]);
    }

    // Futures of five expiries (one shorter than a day's look-ahead), 13 strikes from e^−2.7 to e^2.7
    // of the forward (at the money exactly included), a call and a put each, listed next to each other
    // (put first when asked); puts of every other strike have a smaller multiplier. Smiles: one SVI
    // shared by call and put; equal flat smiles, one object each; near-zero flat smiles that differ
    // between call and put (no pair; the shocked vols sit on the MinVol floor).
    private const int WideBookInstruments = 5 * (1 + 26);

    internal static (InstrumentTable Table, MarketSnapshot Market) WideBook(double rate, bool putFirst = false)
    {
        var table = new InstrumentTable(WideBookInstruments, 1);
        var market = new MarketSnapshot(WideBookInstruments) { Rate = rate };
        double[] expiries = [0.001, 1.0 / 365, 0.05, 0.5, 2.0];
        for (var e = 0; e < expiries.Length; e++)
        {
            var t = expiries[e];
            var price = 5000 * (1 + 0.1 * e);
            var f = table.AddFuture(0, t, e == 2 ? 10 : 50, 0.25);
            market.SetPrice(f, price);
            VolSmile callSmile = (e % 3) switch
            {
                0 => new SviSmile(t, 0.01, 0.1, -0.5, 0.0, 0.2),
                1 => new FlatSmile(0.25, t),
                _ => new FlatSmile(0.0003, t),
            };
            var putSmile = (e % 3) switch
            {
                0 => callSmile,
                1 => new FlatSmile(0.25, t),
                _ => new FlatSmile(0.0004, t),
            };
            for (var j = -6; j <= 6; j++)
            {
                var strike = j == 0 ? price : Math.Round(price * Math.Exp(0.45 * j), 2);
                for (var side = 0; side < 2; side++)
                {
                    var isCall = (side == 0) != putFirst;
                    var option = table.AddOption(f, isCall, strike, t, isCall || j % 2 == 0 ? 50 : 20, 0.05);
                    market.SetSmile(option, isCall ? callSmile : putSmile);
                }
            }
        }

        return (table, market);
    }

    // SPAN 16, SPAN 16 with ±3 extremes, Deribit and a custom scan; relative and absolute price and vol
    // ranges; look-ahead 0, 1, 2 and 7 days and a year; vol tenor exponents 0, 0.3, 0.7 and 1.5.
    internal static ScanParameters[] BitScans()
    {
        ScanPoint[] custom =
        [
            new(0, 0, 1), // why: unchanged node
            new(-0.97, -9, 0.5), // why: relative vol shock below −100%: floored at MinVol
            new(0.5, 2.5, 1),
            new(7.3, 0.7, 0.2), // why: far move
            new(-9.5, 10, 1), // why: largest price and vol moves the scan accepts (|u|·R = 0.95)
            new(1 / 3.0, -1, 1), // why: inexact binary price move
            new(0, -1.9, 0.8),
        ];
        return
        [
            new ScanParameters(Spans.DefaultDeribit, 0.16, ScanRangeKind.Relative, 0.3, ScanRangeKind.Relative, ScanParameters.OneDay, 0.3),
            new ScanParameters(Spans.DefaultDeribit, 400, ScanRangeKind.Absolute, 0.2, ScanRangeKind.Absolute, 7 / 365.0, 1.5, 0.25),
            new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative),
            new ScanParameters(Spans.Default16, 300, ScanRangeKind.Absolute, 0.04, ScanRangeKind.Absolute, 0),
            new ScanParameters(Spans.Span16(3, 0.3), 0.08, ScanRangeKind.Relative, 0.1, ScanRangeKind.Absolute, 2 / 365.0),
            new ScanParameters(custom, 0.1, ScanRangeKind.Relative, 0.5, ScanRangeKind.Relative, 1.0, 0.7, 2.0),
        ];
    }

    private static double[] Snapshot(RiskArrayTable arrays, int a, int b)
    {
        var cells = new List<double>();
        foreach (var i in new[] { a, b })
        {
            cells.AddRange(arrays.Losses(i).ToArray());
            cells.AddRange(arrays.Deltas(i).ToArray());
            cells.AddRange(arrays.Gammas(i).ToArray());
            cells.AddRange(arrays.Vegas(i).ToArray());
            cells.AddRange([arrays.Value(i), arrays.CentreDelta(i), arrays.CentreGamma(i), arrays.CentreVega(i), arrays.DeltaEquivalent(i), arrays.CentreVol(i), arrays.CentreVanna(i), arrays.NodeCount(i)]);
        }

        return [.. cells];
    }

    private static void AssertRowBits(ReferenceRiskArrays.Row expected, RiskArrayTable arrays, int instrument, bool external)
    {
        AssertBits(expected.Loss, arrays.Losses(instrument), "loss", instrument);
        AssertBits(expected.Delta, arrays.Deltas(instrument), "delta", instrument);
        AssertBits(expected.Gamma, arrays.Gammas(instrument), "gamma", instrument);
        AssertBits(expected.Vega, arrays.Vegas(instrument), "vega", instrument);
        AssertBits(expected.Value, arrays.Value(instrument), "value", instrument);
        AssertBits(expected.CentreDelta, arrays.CentreDelta(instrument), "centre delta", instrument);
        AssertBits(expected.CentreGamma, arrays.CentreGamma(instrument), "centre gamma", instrument);
        AssertBits(expected.CentreVega, arrays.CentreVega(instrument), "centre vega", instrument);
        AssertBits(expected.DeltaEquivalent, arrays.DeltaEquivalent(instrument), "delta equivalent", instrument);
        AssertBits(expected.Vol, arrays.CentreVol(instrument), "centre vol", instrument);
        AssertBits(expected.Vanna, arrays.CentreVanna(instrument), "centre vanna", instrument);
        Assert.Equal(external, arrays.IsExternal(instrument));
    }

    private static void AssertBits(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what, int instrument)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var s = 0; s < expected.Length; s++)
        {
            AssertBits(expected[s], actual[s], what + "[" + s + "]", instrument);
        }
    }

    private static void AssertBits(double expected, double actual, string what, int instrument)
    {
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
        {
            Assert.Fail("instrument " + instrument + " " + what + ": expected " + expected.ToString("R") + ", got " + actual.ToString("R"));
        }
    }
}
