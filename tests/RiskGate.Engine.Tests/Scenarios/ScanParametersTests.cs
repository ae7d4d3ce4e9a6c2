using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Tests.Scenarios;

public class ScanParametersTests
{
    [Fact]
    public void Default16_CmeOrder()
    {
        var p = Spans.Default16;
        (double Price, double Vol, double Weight)[] expected =
        [
            (0, 1, 1), (0, -1, 1),
            (1 / 3.0, 1, 1), (1 / 3.0, -1, 1), (-1 / 3.0, 1, 1), (-1 / 3.0, -1, 1),
            (2 / 3.0, 1, 1), (2 / 3.0, -1, 1), (-2 / 3.0, 1, 1), (-2 / 3.0, -1, 1),
            (1, 1, 1), (1, -1, 1), (-1, 1, 1), (-1, -1, 1),
            (2, 0, 0.35), (-2, 0, 0.35),
        ];
        Assert.Equal(16, p.Length);
        for (var s = 0; s < 16; s++)
        {
            Assert.Equal(expected[s].Price, p[s].PriceMove, 15);
            Assert.Equal(expected[s].Vol, p[s].VolMove);
            Assert.Equal(expected[s].Weight, p[s].Weight);
        }
    }

    [Fact]
    public void Span16_ConfiguredExtremes_UsedInLastTwoPoints()
    {
        var p = Spans.Span16(3, 0.30);
        Assert.Equal(3, p[14].PriceMove);
        Assert.Equal(-3, p[15].PriceMove);
        Assert.Equal(0.30, p[15].Weight);
    }

    [Fact]
    public void DeribitGrid_NineStepsThreeVolsAndFarMoves()
    {
        var p = Spans.DeribitGrid(9, [2.0, 4.0], 0.25);
        Assert.Equal(27 + 4, p.Length);
        Assert.Equal(-1, p[0].PriceMove);
        Assert.Equal(-0.75, p[3].PriceMove);
        Assert.Equal(0, p[12].PriceMove);
        Assert.Equal(1, p[26].PriceMove);
        Assert.Equal([1.0, 0.0, -1.0], new[] { p[0].VolMove, p[1].VolMove, p[2].VolMove });
        Assert.Equal(2, p[27].PriceMove);
        Assert.Equal(-4, p[30].PriceMove);
        Assert.Equal(0.25, p[30].Weight);

        // ±16% relative in 9 steps: −16%, −12%, …, +16%.
        var scan = new ScanParameters(p, 0.16, ScanRangeKind.Relative, 0.1, ScanRangeKind.Relative);
        Assert.Equal(84, scan.ShockedPrice(0, 100), 12);
        Assert.Equal(88, scan.ShockedPrice(3, 100), 12);
        Assert.Equal(116, scan.ShockedPrice(26, 100), 12);
    }

    [Fact]
    public void ShockedPrice_RelativeAndAbsolute()
    {
        var rel = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        var abs = new ScanParameters(Spans.Default16, 20, ScanRangeKind.Absolute, 0.05, ScanRangeKind.Absolute);
        Assert.Equal(5000 * 1.02, rel.ShockedPrice(2, 5000), 9);
        Assert.Equal(5000 * 0.88, rel.ShockedPrice(15, 5000), 9);
        Assert.Equal(1.02, rel.PriceSlope(2), 15);
        Assert.Equal(410 + 20.0 / 3, abs.ShockedPrice(2, 410), 12);
        Assert.Equal(370, abs.ShockedPrice(15, 410), 12);
        Assert.Equal(1, abs.PriceSlope(15));
    }

    [Fact]
    public void ShockedVol_RelativeAbsoluteTenorAndFloor()
    {
        var rel = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        Assert.Equal(0.25, rel.ShockedVol(0, 0.2, 0.5), 15);
        Assert.Equal(0.15, rel.ShockedVol(1, 0.2, 0.5), 15);
        Assert.Equal(0.2, rel.ShockedVol(14, 0.2, 0.5), 15);

        var abs = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.30, ScanRangeKind.Absolute);
        Assert.Equal(ScanParameters.MinVol, abs.ShockedVol(1, 0.2, 0.5));

        var tenor = new ScanParameters(Spans.DefaultDeribit, 0.16, ScanRangeKind.Relative, 0.10, ScanRangeKind.Relative, ScanParameters.OneDay, 0.5, 0.25);
        // T = 1/16 year: factor √(0.25 / 0.0625) = 2, so the 10% shock becomes 20%.
        Assert.Equal(0.5 * 1.2, tenor.ShockedVol(0, 0.5, 0.0625), 12);
        // T = 1 year: factor 0.5.
        Assert.Equal(0.5 * 0.95, tenor.ShockedVol(2, 0.5, 1.0), 12);
    }

    public static TheoryData<Func<object>, string> BadSettings => new()
    {
        { () => new ScanParameters([], 0.1, ScanRangeKind.Relative, 0.1, ScanRangeKind.Relative), "points" }, // empty scan
        { () => new ScanParameters(Spans.Default16, 0, ScanRangeKind.Relative, 0.1, ScanRangeKind.Relative), "priceScanRange" }, // zero range
        { () => new ScanParameters(Spans.Default16, 0.6, ScanRangeKind.Relative, 0.1, ScanRangeKind.Relative), "priceScanRange" }, // extreme −2 × 60% < 0
        { () => new ScanParameters(Spans.Default16, 0.1, ScanRangeKind.Relative, 1.0, ScanRangeKind.Relative), "volScanRange" }, // vol down to zero
        { () => new ScanParameters(Spans.Default16, 0.1, ScanRangeKind.Relative, -0.1, ScanRangeKind.Absolute), "volScanRange" }, // negative range
        { () => new ScanParameters(Spans.Default16, 0.1, ScanRangeKind.Relative, 0.1, ScanRangeKind.Relative, 2.0), "lookAheadYears" }, // two years ahead
        { () => new ScanParameters(Spans.Default16, 0.1, (ScanRangeKind)9, 0.1, ScanRangeKind.Relative), "priceScanKind" }, // undefined enum value
        { () => new ScanParameters([new ScanPoint(1, 0, 0)], 0.1, ScanRangeKind.Relative, 0.1, ScanRangeKind.Relative), "points" }, // zero weight
        { () => new ScanParameters([new ScanPoint(double.NaN, 0, 1)], 0.1, ScanRangeKind.Relative, 0.1, ScanRangeKind.Relative), "points" }, // NaN move
        { () => new ScanParameters(Spans.Default16, 0.1, ScanRangeKind.Relative, 0.1, ScanRangeKind.Relative, ScanParameters.OneDay, 3.0), "volShockTenorExponent" }, // exponent too steep
        { () => Spans.Span16(0.5, 0.35), "extremeMove" }, // extreme inside the range
        { () => Spans.Span16(2, 1.5), "extremeWeight" }, // counts more than the loss
        { () => Spans.DeribitGrid(8, [], 0.5), "priceSteps" }, // even: no zero move
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Constructor_BadSetting_ThrowsNamingIt(Func<object> create, string name)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => create());
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void ShockedPricesAndVols_EveryScanAndNode_EqualPerNodeFormulasBitForBit()
    {
        var buffer = new double[ScanParameters.MaxPoints];
        var compared = 0;
        foreach (var scan in RiskArrayTableTests.BitScans())
        {
            foreach (var price in new[] { 5000.0, 0.01, 1e6, 0.0, -3.0 })
            {
                scan.ShockedPrices(price, buffer);
                for (var s = 0; s < scan.Count; s++)
                {
                    var expected = ReferenceRiskArrays.ShockedPrice(scan, s, price);
                    AssertBits(expected, buffer[s], "ShockedPrices", s);
                    AssertBits(expected, scan.ShockedPrice(s, price), "ShockedPrice", s);
                    AssertBits(ReferenceRiskArrays.PriceSlope(scan, s), scan.PriceSlope(s), "PriceSlope", s);
                    compared++;
                }
            }

            foreach (var vol in new[] { 0.25, 1e-4, 0.0003, 0.0, 3.0 })
            {
                foreach (var t in new[] { -1.0, 0.0, 1e-5, ScanParameters.OneDay, 0.3, 5.0, double.NaN, double.PositiveInfinity })
                {
                    scan.ShockedVols(vol, t, buffer);
                    for (var s = 0; s < scan.Count; s++)
                    {
                        var expected = ReferenceRiskArrays.ShockedVol(scan, s, vol, t);
                        AssertBits(expected, buffer[s], "ShockedVols", s);
                        AssertBits(expected, scan.ShockedVol(s, vol, t), "ShockedVol", s);
                        compared++;
                    }
                }
            }
        }

        Assert.Equal((5 + 40) * (31 + 31 + 16 + 16 + 16 + 7), compared);
    }

    [Fact]
    public void ShockedPrices_DestinationShorterThanTheScan_Throws()
    {
        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        Assert.Throws<ArgumentOutOfRangeException>(() => scan.ShockedPrices(100, new double[15]));
        Assert.Throws<ArgumentOutOfRangeException>(() => scan.ShockedVols(0.2, 1, new double[15]));
    }

    private static void AssertBits(double expected, double actual, string what, int node)
    {
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
        {
            Assert.Fail(what + " node " + node + ": expected " + expected.ToString("R") + ", got " + actual.ToString("R"));
        }
    }
}
