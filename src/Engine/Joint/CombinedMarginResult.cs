using RiskGate.Engine.Margin;

namespace RiskGate.Engine.Joint;

/// <summary>
/// The account margin when groups use different methodologies: the scan breakdown of the scan
/// groups, the joint result of the ES groups, and the account totals. Allocated once by
/// <see cref="CombinedMarginCalculator.CreateResult"/>, overwritten by each calculation; read it on the
/// calculating thread.
/// </summary>
public sealed class CombinedMarginResult
{
    internal CombinedMarginResult(MarginBreakdown scan, JointMarginResult joint)
    {
        Scan = scan;
        Joint = joint;
    }

    /// <summary>Scan-methodology breakdown of the scan groups (ES groups show no positions there).</summary>
    public MarginBreakdown Scan { get; }

    /// <summary>Joint ES result of the ES groups.</summary>
    public JointMarginResult Joint { get; }

    /// <summary>Scan maintenance (after credits among scan groups) + joint requirement (unrounded).</summary>
    public double Maintenance { get; internal set; }

    /// <summary>round-half-up(initial ratio × maintenance) to the configured unit.</summary>
    public double Initial { get; internal set; }

    /// <summary>Cash collateral.</summary>
    public double Cash { get; internal set; }

    /// <summary>Unrealised futures P&amp;L of every position.</summary>
    public double FuturesPnl { get; internal set; }

    /// <summary>Market value of every option position, long positive.</summary>
    public double OptionValue { get; internal set; }

    /// <summary>Cash + futures P&amp;L + option value.</summary>
    public double Equity => Cash + FuturesPnl + OptionValue;

    /// <summary>Equity − initial.</summary>
    public double Excess => Equity - Initial;
}
