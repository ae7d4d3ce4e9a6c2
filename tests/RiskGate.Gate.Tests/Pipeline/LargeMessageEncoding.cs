using RiskGate.Engine.Scenarios;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Messages;

namespace RiskGate.Gate.Tests.Pipeline;

/// <summary>Encodes the messages larger than a slot that the tests send through the ring.</summary>
internal static class LargeMessageEncoding
{
    public const ulong OneDayNs = 86_400_000_000_000;

    // Spans.Default16 builds a new array per call; the allocation test encodes on its measured thread.
    private static readonly ScanPoint[] Default16 = Spans.Default16;

    /// <summary>RiskParameters for <paramref name="group"/> matching <see cref="GateSession"/>'s margin set-up, with a default max order quantity.</summary>
    public static int RiskParameters(Span<byte> destination, uint group, long maxOrderQuantity, double priceScanRange = 0.06, ulong time = 1, ReadOnlySpan<ScanPoint> points = default)
    {
        if (points.IsEmpty)
        {
            points = Default16;
        }

        var e = RiskParametersEncoder.Wrap(destination).ProductGroupId(group).Methodology(MarginMethodology.Scan)
            .PriceScanRangeKind(Protocol.Enums.ScanRangeKind.Relative).VolScanRangeKind(Protocol.Enums.ScanRangeKind.Relative)
            .PriceScanRange(priceScanRange).VolScanRange(0.25).LookAhead(OneDayNs).InitialToMaintenanceRatio(1.10)
            .SpreadChargeRate(double.NaN).ShortOptionMinimum(long.MinValue).RiskFreeRate(0).ConfidenceLevel(double.NaN)
            .LiquidationRatio(0.5).PriceCollar(0.05).DefaultMaxOrderQuantity(maxOrderQuantity).DefaultMaxNotional(1_000_000_000L * 10_000)
            .DefaultPositionLimit(500).DefaultMaxWorkingOrders(200).DefaultThrottleMessages(60).DefaultThrottleWindow(1_000_000_000)
            .SendingTime(time);
        var group0 = e.BeginScanPoints(points.Length);
        for (var i = 0; i < points.Length; i++)
        {
            group0.PriceMultiple(i, points[i].PriceMove).VolMultiple(i, points[i].VolMove).Weight(i, points[i].Weight);
        }

        return e.EncodedLength;
    }

    /// <summary>An SVI VolSurface for <paramref name="group"/>'s option expiry (fits a slot) around <paramref name="atmVol"/>.</summary>
    public static int SviSurface(Span<byte> destination, uint group, double atmVol)
        => VolSurfaceEncoder.Wrap(destination).ProductGroupId(group).Form(SurfaceForm.Svi).Expiry((ulong)(GateSession.OptionYears * GateSession.Year))
            .SendingTime(1).SviA(atmVol * atmVol * GateSession.OptionYears).SviB(0.01).SviRho(-0.3).SviM(0).SviSigma(0.2).EncodedLength;

    /// <summary>A strike-grid VolSurface for <paramref name="group"/>'s option expiry: <paramref name="points"/> points, a mild smile around <paramref name="atmVol"/>.</summary>
    public static int GridSurface(Span<byte> destination, uint group, double atmVol, int points = 21, ulong time = 1)
    {
        var e = VolSurfaceEncoder.Wrap(destination).ProductGroupId(group).Form(SurfaceForm.Grid)
            .Expiry((ulong)(GateSession.OptionYears * GateSession.Year)).SendingTime(time);
        var grid = e.BeginGridPoints(points);
        for (var i = 0; i < points; i++)
        {
            var k = -0.5 + (i / (double)(points - 1));
            grid.LogMoneyness(i, k).Volatility(i, atmVol + (0.05 * k * k));
        }

        return e.EncodedLength;
    }
}
