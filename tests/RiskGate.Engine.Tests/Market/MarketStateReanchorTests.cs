using RiskGate.Benchmarks.Engine;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Market;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.Tests.Scenarios;

namespace RiskGate.Engine.Tests.Market;

/// <summary>
/// The re-anchor's anchor rows against the previous re-anchor loop (a second Black-76 evaluation of the
/// centre for vanna, the vol shock recomputed per node), bit for bit, on every scan of the risk-array
/// bit tests and at several valuation times.
/// </summary>
public class MarketStateReanchorTests
{
    [Theory]
    [InlineData(false)] // why: calls listed before their puts (priced as pairs)
    [InlineData(true)] // why: puts listed first (pairs found the other way round)
    public void Reanchor_EveryScanAndTime_AnchorRowsEqualPreviousLoopBitForBit(bool putFirst)
    {
        var compared = 0;
        foreach (var scan in RiskArrayTableTests.BitScans())
        {
            var (table, snapshot) = RiskArrayTableTests.WideBook(0.04, putFirst);
            var options = new MarginOptions([new GroupRiskParameters(scan, 300, 100)], []);
            var market = new MarketState(table, options, snapshot, ReanchorPolicy.Default, 0, 5);
            market.ReanchorAll();
            foreach (var elapsed in new[] { 0.0, 0.004, 0.6 })
            {
                market.AdvanceTime((long)(elapsed * MarketState.NanosecondsPerYear));
                market.Reanchor(0);
                Assert.Equal(elapsed, market.ElapsedYears, 12);
                for (var i = 0; i < table.Count; i++)
                {
                    AssertAnchorBits(market, table, scan, snapshot, i);
                    compared++;
                }
            }
        }

        Assert.Equal(6 * 3 * 135, compared);
    }

    [Fact]
    public void Reanchor_DeribitBenchmarkBook_AnchorRowsEqualPreviousLoopBitForBit()
    {
        // Twin of ReanchorBenchmarks.ReanchorDeribit150Options: the same book.
        var market = DeribitReanchorBook.Group(out var table, out var snapshot, out var scan);
        var epoch = market.Epoch(0);

        market.Reanchor(0);

        Assert.Equal(epoch + 1, market.Epoch(0));
        Assert.Equal(150, table.OptionCount(0));
        for (var i = 0; i < table.Count; i++)
        {
            AssertAnchorBits(market, table, scan, snapshot, i);
        }

        // The far-out-of-the-money short-dated put loses on the −48% far move: the book is not trivial.
        Assert.True(market.AnchorLosses(6)[scan.Count - 1] < 0 && market.AnchorLosses(6)[0] != 0);
    }

    // The previous ReanchorGroup, row for row, over the previous BuildAt.
    private static void AssertAnchorBits(MarketState market, InstrumentTable table, ScanParameters scan, MarketSnapshot snapshot, int i)
    {
        var elapsed = Math.Max(market.ElapsedYears, 0.0);
        var inst = table[i];
        var reference = ReferenceRiskArrays.Build(table, i, scan, snapshot, elapsed, market.NodeStride);
        var n = market.GroupStride(0);
        var rows = market.Rows.AsSpan(market.RowsOffset(i), 4 * n);
        var underlyingMultiplier = table[inst.Underlying].Multiplier;
        double vol = 0;
        var t = inst.ExpiryYears - elapsed;
        double volSlope = 0;
        if (inst.IsOption)
        {
            var forward = snapshot.Price(inst.Underlying);
            vol = snapshot.Smile(i)!.Vol(forward, inst.Strike);
            var centre = Black76.Greeks(inst.IsCall, forward, inst.Strike, t, snapshot.Rate, vol);
            volSlope = centre.Vanna * inst.Multiplier / underlyingMultiplier;
        }

        for (var s = 0; s < n; s++)
        {
            double loss = 0, dS = 0, gS = 0, vS = 0;
            if (s < scan.Count)
            {
                var w = scan.Points[s].Weight;
                var k = ReferenceRiskArrays.PriceSlope(scan, s);
                loss = reference.Loss[s];
                dS = w * k * reference.Delta[s];
                gS = 0.5 * w * k * k * reference.Gamma[s];
                if (inst.IsOption)
                {
                    vS = w * VolSlope(scan, s, vol, t) * reference.Vega[s];
                }
            }

            AssertBits(loss, rows[s], "loss", i, s);
            AssertBits(dS, rows[n + s], "scaled delta", i, s);
            AssertBits(gS, rows[2 * n + s], "scaled gamma", i, s);
            AssertBits(vS, rows[3 * n + s], "scaled vega", i, s);
        }

        AssertBits(reference.CentreDelta, market.CentreDelta(i), "centre delta", i, -1);
        AssertBits(reference.CentreGamma, market.CentreGamma(i), "centre gamma", i, -1);
        AssertBits(reference.CentreVega, market.CentreVega(i), "centre vega", i, -1);
        AssertBits(reference.Value, market.CentreValue(i), "value", i, -1);
        AssertBits(reference.DeltaEquivalent, market.DeltaEquivalent(i), "delta equivalent", i, -1);
        AssertBits(reference.CentreGamma / underlyingMultiplier, market.DeltaEquivalentSlope(i), "delta-equivalent slope", i, -1);
        AssertBits(volSlope, market.DeltaEquivalentVolSlope(i), "delta-equivalent vol slope", i, -1);
    }

    // The previous MarketState.VolSlope: the node's vol shock recomputed from the scan.
    private static double VolSlope(ScanParameters scan, int node, double vol, double timeToExpiry)
    {
        var shocked = ReferenceRiskArrays.ShockedVol(scan, node, vol, timeToExpiry);
        if (!(shocked > ScanParameters.MinVol) || !(vol > 0))
        {
            return 0;
        }

        return scan.VolScanKind == ScanRangeKind.Relative ? shocked / vol : 1.0;
    }

    private static void AssertBits(double expected, double actual, string what, int instrument, int node)
    {
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
        {
            Assert.Fail("instrument " + instrument + " " + what + " node " + node + ": expected " + expected.ToString("R") + ", got " + actual.ToString("R"));
        }
    }
}
