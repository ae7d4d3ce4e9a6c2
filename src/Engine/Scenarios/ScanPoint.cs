namespace RiskGate.Engine.Scenarios;

/// <summary>
/// One scenario of a scan: a price move and a vol move, both in units of their scan ranges, and the
/// fraction of the resulting loss that counts. Plain data.
/// </summary>
/// <remarks>
/// SPAN's 16 points use price moves 0, ±1/3, ±2/3, ±1 with vol moves ±1, and two extreme moves
/// (±2, vol 0) at weight 0.35.
/// </remarks>
public struct ScanPoint
{
    /// <summary>Price move in units of the price scan range (e.g. +1/3).</summary>
    public double PriceMove;

    /// <summary>Vol move in units of the vol scan range (−1 down, 0 unchanged, +1 up).</summary>
    public double VolMove;

    /// <summary>Fraction of the loss counted, in (0, 1].</summary>
    public double Weight;

    /// <summary>Creates a scan point.</summary>
    public ScanPoint(double priceMove, double volMove, double weight)
    {
        PriceMove = priceMove;
        VolMove = volMove;
        Weight = weight;
    }
}
