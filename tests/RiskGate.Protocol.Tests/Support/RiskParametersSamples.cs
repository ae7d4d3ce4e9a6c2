using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Support;

/// <summary>Sample <c>RiskParameters</c> messages: every field set to a distinct value, or the optional ones null.</summary>
public static class RiskParametersSamples
{
    /// <summary>Every field set, three group entries.</summary>
    public static int EncodeFull(Span<byte> buffer)
    {
        var encoder = RiskParametersEncoder.Wrap(buffer)
            .ProductGroupId(2147484160u)
            .Methodology(MarginMethodology.ExpectedShortfall)
            .PriceScanRangeKind(ScanRangeKind.Absolute)
            .VolScanRangeKind(ScanRangeKind.Absolute)
            .PriceScanRange(0.23125)
            .VolScanRange(0.35625)
            .LookAhead(1790000000000002006UL)
            .InitialToMaintenanceRatio(0.60625)
            .SpreadChargeRate(0.73125)
            .ShortOptionMinimum(-98765434109L)
            .RiskFreeRate(0.98125)
            .ConfidenceLevel(1.10625)
            .LiquidationRatio(1.23125)
            .PriceCollar(1.35625)
            .DefaultMaxOrderQuantity(1034L)
            .DefaultMaxNotional(-98765434115L)
            .DefaultPositionLimit(1036L)
            .DefaultMaxWorkingOrders(2147484177u)
            .DefaultThrottleMessages(2147484178u)
            .DefaultThrottleWindow(1790000000000002019UL)
            .SendingTime(1790000000000002020UL);
        var g = encoder.BeginScanPoints(3);
        g.PriceMultiple(0, -1.0).VolMultiple(0, -0.75).Weight(0, -0.5);
        g.PriceMultiple(1, -0.666666666667).VolMultiple(1, -0.416666666667).Weight(1, -0.166666666667);
        g.PriceMultiple(2, -0.333333333333).VolMultiple(2, -0.083333333333).Weight(2, 0.166666666667);
        return encoder.EncodedLength;
    }

    /// <summary>Only required fields set; optional ones left as Wrap initialised them, no group entries.</summary>
    public static int EncodeRequiredOnly(Span<byte> buffer) => RiskParametersEncoder.Wrap(buffer)
            .ProductGroupId(2147484160u)
            .Methodology(MarginMethodology.ExpectedShortfall)
            .PriceScanRangeKind(ScanRangeKind.Absolute)
            .VolScanRangeKind(ScanRangeKind.Absolute)
            .PriceScanRange(0.23125)
            .VolScanRange(0.35625)
            .LookAhead(1790000000000002006UL)
            .InitialToMaintenanceRatio(0.60625)
            .RiskFreeRate(0.98125)
            .EncodedLength;

    /// <summary>Sets required fields to the full sample's values and every optional field explicitly to null.</summary>
    public static int EncodeExplicitNulls(Span<byte> buffer) => RiskParametersEncoder.Wrap(buffer)
            .ProductGroupId(2147484160u)
            .Methodology(MarginMethodology.ExpectedShortfall)
            .PriceScanRangeKind(ScanRangeKind.Absolute)
            .VolScanRangeKind(ScanRangeKind.Absolute)
            .PriceScanRange(0.23125)
            .VolScanRange(0.35625)
            .LookAhead(1790000000000002006UL)
            .InitialToMaintenanceRatio(0.60625)
            .SpreadChargeRate(double.NaN)
            .ShortOptionMinimum(WireNull.Money)
            .RiskFreeRate(0.98125)
            .ConfidenceLevel(double.NaN)
            .LiquidationRatio(double.NaN)
            .PriceCollar(double.NaN)
            .DefaultMaxOrderQuantity(WireNull.Quantity)
            .DefaultMaxNotional(WireNull.Money)
            .DefaultPositionLimit(WireNull.Quantity)
            .DefaultMaxWorkingOrders(WireNull.Id)
            .DefaultThrottleMessages(WireNull.Id)
            .DefaultThrottleWindow(WireNull.Duration)
            .SendingTime(WireNull.Timestamp)
            .EncodedLength;

    /// <summary>Asserts the message is the full sample.</summary>
    public static void AssertFull(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, RiskParametersDecoder.TryWrap(message, out var d));
        Assert.Equal(2147484160u, d.ProductGroupId);
        Assert.Equal(MarginMethodology.ExpectedShortfall, d.Methodology);
        Assert.Equal(ScanRangeKind.Absolute, d.PriceScanRangeKind);
        Assert.Equal(ScanRangeKind.Absolute, d.VolScanRangeKind);
        Assert.Equal(0.23125, d.PriceScanRange);
        Assert.Equal(0.35625, d.VolScanRange);
        Assert.Equal(1790000000000002006UL, d.LookAhead);
        Assert.Equal(0.60625, d.InitialToMaintenanceRatio);
        Assert.Equal(0.73125, d.SpreadChargeRate);
        Assert.Equal(-98765434109L, d.ShortOptionMinimum);
        Assert.Equal(0.98125, d.RiskFreeRate);
        Assert.Equal(1.10625, d.ConfidenceLevel);
        Assert.Equal(1.23125, d.LiquidationRatio);
        Assert.Equal(1.35625, d.PriceCollar);
        Assert.Equal(1034L, d.DefaultMaxOrderQuantity);
        Assert.Equal(-98765434115L, d.DefaultMaxNotional);
        Assert.Equal(1036L, d.DefaultPositionLimit);
        Assert.Equal(2147484177u, d.DefaultMaxWorkingOrders);
        Assert.Equal(2147484178u, d.DefaultThrottleMessages);
        Assert.Equal(1790000000000002019UL, d.DefaultThrottleWindow);
        Assert.Equal(1790000000000002020UL, d.SendingTime);
        var g = d.ScanPoints;
        Assert.Equal(3, g.Count);
        Assert.Equal(-1.0, g.PriceMultiple(0));
        Assert.Equal(-0.75, g.VolMultiple(0));
        Assert.Equal(-0.5, g.Weight(0));
        Assert.Equal(-0.666666666667, g.PriceMultiple(1));
        Assert.Equal(-0.416666666667, g.VolMultiple(1));
        Assert.Equal(-0.166666666667, g.Weight(1));
        Assert.Equal(-0.333333333333, g.PriceMultiple(2));
        Assert.Equal(-0.083333333333, g.VolMultiple(2));
        Assert.Equal(0.166666666667, g.Weight(2));
    }

    /// <summary>Asserts the message carries the required sample values and null in every optional field.</summary>
    public static void AssertNulls(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, RiskParametersDecoder.TryWrap(message, out var d));
        Assert.Equal(2147484160u, d.ProductGroupId);
        Assert.Equal(MarginMethodology.ExpectedShortfall, d.Methodology);
        Assert.Equal(ScanRangeKind.Absolute, d.PriceScanRangeKind);
        Assert.Equal(ScanRangeKind.Absolute, d.VolScanRangeKind);
        Assert.Equal(0.23125, d.PriceScanRange);
        Assert.Equal(0.35625, d.VolScanRange);
        Assert.Equal(1790000000000002006UL, d.LookAhead);
        Assert.Equal(0.60625, d.InitialToMaintenanceRatio);
        Assert.True(double.IsNaN(d.SpreadChargeRate));
        Assert.Equal(WireNull.Money, d.ShortOptionMinimum);
        Assert.Equal(0.98125, d.RiskFreeRate);
        Assert.True(double.IsNaN(d.ConfidenceLevel));
        Assert.True(double.IsNaN(d.LiquidationRatio));
        Assert.True(double.IsNaN(d.PriceCollar));
        Assert.Equal(WireNull.Quantity, d.DefaultMaxOrderQuantity);
        Assert.Equal(WireNull.Money, d.DefaultMaxNotional);
        Assert.Equal(WireNull.Quantity, d.DefaultPositionLimit);
        Assert.Equal(WireNull.Id, d.DefaultMaxWorkingOrders);
        Assert.Equal(WireNull.Id, d.DefaultThrottleMessages);
        Assert.Equal(WireNull.Duration, d.DefaultThrottleWindow);
        Assert.Equal(WireNull.Timestamp, d.SendingTime);
        Assert.Equal(0, d.ScanPoints.Count);
    }

    /// <summary>Reads every field (and group entry) into a hash without allocating; 0 when the message does not wrap.</summary>
    public static ulong ReadAll(ReadOnlySpan<byte> message)
    {
        if (RiskParametersDecoder.TryWrap(message, out var d) != FrameStatus.Ok)
        {
            return 0;
        }

        var h = 14695981039346656037UL;
        h = Mix(h, d.ProductGroupId);
        h = Mix(h, (ulong)d.Methodology);
        h = Mix(h, (ulong)d.PriceScanRangeKind);
        h = Mix(h, (ulong)d.VolScanRangeKind);
        h = Mix(h, BitConverter.DoubleToUInt64Bits(d.PriceScanRange));
        h = Mix(h, BitConverter.DoubleToUInt64Bits(d.VolScanRange));
        h = Mix(h, d.LookAhead);
        h = Mix(h, BitConverter.DoubleToUInt64Bits(d.InitialToMaintenanceRatio));
        h = Mix(h, BitConverter.DoubleToUInt64Bits(d.SpreadChargeRate));
        h = Mix(h, (ulong)d.ShortOptionMinimum);
        h = Mix(h, BitConverter.DoubleToUInt64Bits(d.RiskFreeRate));
        h = Mix(h, BitConverter.DoubleToUInt64Bits(d.ConfidenceLevel));
        h = Mix(h, BitConverter.DoubleToUInt64Bits(d.LiquidationRatio));
        h = Mix(h, BitConverter.DoubleToUInt64Bits(d.PriceCollar));
        h = Mix(h, (ulong)d.DefaultMaxOrderQuantity);
        h = Mix(h, (ulong)d.DefaultMaxNotional);
        h = Mix(h, (ulong)d.DefaultPositionLimit);
        h = Mix(h, d.DefaultMaxWorkingOrders);
        h = Mix(h, d.DefaultThrottleMessages);
        h = Mix(h, d.DefaultThrottleWindow);
        h = Mix(h, d.SendingTime);
        var g = d.ScanPoints;
        h = Mix(h, (ulong)g.Count);
        for (var i = 0; i < g.Count; i++)
        {
            h = Mix(h, BitConverter.DoubleToUInt64Bits(g.PriceMultiple(i)));
            h = Mix(h, BitConverter.DoubleToUInt64Bits(g.VolMultiple(i)));
            h = Mix(h, BitConverter.DoubleToUInt64Bits(g.Weight(i)));
        }
        return h;
    }

    private static ulong Mix(ulong h, ulong v) => unchecked((h ^ v) * 1099511628211UL);
}
