namespace RiskGate.Engine.State;

/// <summary>
/// Σq-weighted centre quantities of one cached vector set (money): delta, gamma and vega at the
/// anchor, value at the anchor, futures-equivalent delta and its slopes per point of the future and per unit of vol.
/// Plain data, owned by <see cref="AccountStore"/>.
/// </summary>
internal struct CentreSums
{
    public double Delta;
    public double Gamma;
    public double Vega;
    public double Value;
    public double DeltaEquivalent;
    public double DeltaEquivalentSlope;
    public double DeltaEquivalentVolSlope;
}
