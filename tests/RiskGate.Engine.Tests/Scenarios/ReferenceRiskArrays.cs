using RiskGate.Engine.Instruments;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Tests.Scenarios;

/// <summary>
/// The risk-array build as it was before the node evaluator: one <see cref="Black76.Greeks"/> call per
/// scan node and the scan shocks evaluated per node from the scan's public settings. The oracle the
/// bit-for-bit tests compare <see cref="RiskArrayTable.BuildAt"/> (and the re-anchor) with; kept
/// deliberately naive, operation for operation the previous code.
/// </summary>
internal static class ReferenceRiskArrays
{
    /// <summary>The previous <c>ScanParameters.ShockedPrice</c>.</summary>
    public static double ShockedPrice(ScanParameters scan, int node, double price)
    {
        var u = scan.Points[node].PriceMove;
        return scan.PriceScanKind == ScanRangeKind.Relative ? price * (1.0 + u * scan.PriceScanRange) : price + u * scan.PriceScanRange;
    }

    /// <summary>The previous <c>ScanParameters.PriceSlope</c>.</summary>
    public static double PriceSlope(ScanParameters scan, int node)
        => scan.PriceScanKind == ScanRangeKind.Relative ? 1.0 + scan.Points[node].PriceMove * scan.PriceScanRange : 1.0;

    /// <summary>The previous <c>ScanParameters.ShockedVol</c>: the tenor factor evaluated at every node.</summary>
    public static double ShockedVol(ScanParameters scan, int node, double vol, double timeToExpiry)
    {
        var v = scan.Points[node].VolMove;
        if (v == 0)
        {
            return vol;
        }

        var shock = v * scan.VolScanRange;
        if (scan.VolShockTenorExponent > 0)
        {
            shock *= Math.Pow(scan.VolShockReferenceYears / Math.Max(timeToExpiry, ScanParameters.OneDay), scan.VolShockTenorExponent);
        }

        var shocked = scan.VolScanKind == ScanRangeKind.Relative ? vol * (1.0 + shock) : vol + shock;
        return shocked > ScanParameters.MinVol ? shocked : ScanParameters.MinVol;
    }

    /// <summary>
    /// The previous <c>BuildAt</c> of one instrument without an external array: rows of
    /// <paramref name="stride"/> cells (zero past the scan's nodes) and the centre values.
    /// </summary>
    public static Row Build(InstrumentTable instruments, int instrument, ScanParameters scan, MarketSnapshot market, double elapsedYears, int stride)
    {
        var inst = instruments[instrument];
        var row = new Row(stride);
        var forward = market.Price(inst.Underlying);
        var points = scan.Points;
        var m = inst.Multiplier;
        if (inst.Kind == InstrumentKind.Future)
        {
            for (var s = 0; s < scan.Count; s++)
            {
                row.Loss[s] = -(ShockedPrice(scan, s, forward) - forward) * m * points[s].Weight;
                row.Delta[s] = m;
            }

            row.Value = 0;
            row.CentreDelta = m;
            row.CentreGamma = 0;
            row.CentreVega = 0;
            row.DeltaEquivalent = 1;
            return row;
        }

        var t = inst.ExpiryYears - elapsedYears;
        var rate = market.Rate;
        var vol = market.Smile(instrument)!.Vol(forward, inst.Strike);
        var now = Black76.Greeks(inst.IsCall, forward, inst.Strike, t, rate, vol);
        var aged = t - scan.LookAheadYears;
        for (var s = 0; s < scan.Count; s++)
        {
            var node = Black76.Greeks(inst.IsCall, ShockedPrice(scan, s, forward), inst.Strike, aged, rate, ShockedVol(scan, s, vol, t));
            row.Loss[s] = -(node.Price - now.Price) * m * points[s].Weight;
            row.Delta[s] = node.Delta * m;
            row.Gamma[s] = node.Gamma * m;
            row.Vega[s] = node.Vega * m;
        }

        row.Value = now.Price * m;
        row.CentreDelta = now.Delta * m;
        row.CentreGamma = now.Gamma * m;
        row.CentreVega = now.Vega * m;
        row.DeltaEquivalent = now.Delta * m / instruments[inst.Underlying].Multiplier;
        row.Vol = vol;
        row.Vanna = now.Vanna;
        return row;
    }

    /// <summary>One instrument's rows and centre values.</summary>
    public sealed class Row(int stride)
    {
        public double[] Loss { get; } = new double[stride];

        public double[] Delta { get; } = new double[stride];

        public double[] Gamma { get; } = new double[stride];

        public double[] Vega { get; } = new double[stride];

        public double Value { get; set; }

        public double CentreDelta { get; set; }

        public double CentreGamma { get; set; }

        public double CentreVega { get; set; }

        public double DeltaEquivalent { get; set; }

        /// <summary>σ(F, K) from the smile (0 for a future).</summary>
        public double Vol { get; set; }

        /// <summary>Vanna of one unit now (0 for a future).</summary>
        public double Vanna { get; set; }
    }
}
