namespace RiskGate.Engine.Margin;

/// <summary>
/// The margin breakdown of one product group, filled by <see cref="MarginCalculator"/> into storage
/// allocated once. Read it on the thread that ran the calculation, before the next one.
/// </summary>
public sealed class GroupMargin
{
    private readonly double[] _pnl;

    internal GroupMargin(int group, int nodeStride)
    {
        Group = group;
        _pnl = new double[nodeStride];
    }

    /// <summary>Group index.</summary>
    public int Group { get; }

    /// <summary>True when the portfolio holds a position in this group.</summary>
    public bool HasPositions { get; internal set; }

    /// <summary>Number of scan nodes (length of <see cref="ScenarioPnl"/>).</summary>
    public int ScenarioCount { get; internal set; }

    /// <summary>Weighted portfolio loss per scan node, L[s] = Σ qᵢ · RAᵢ[s] (positive = loss).</summary>
    public ReadOnlySpan<double> ScenarioPnl => new(_pnl, 0, ScenarioCount);

    /// <summary>max(0, maxₛ L[s]).</summary>
    public double ScanRisk { get; internal set; }

    /// <summary>1-based scenario of the largest L[s] (first on ties); 0 when the group is empty.</summary>
    public int WorstScenario { get; internal set; }

    /// <summary>Calendar spread charge: spread rate × matched long/short futures-equivalent delta across expiries.</summary>
    public double SpreadCharge { get; internal set; }

    /// <summary>Short option minimum: rate × short option contracts.</summary>
    public double ShortOptionMinimum { get; internal set; }

    /// <summary>Net futures-equivalent delta of the group.</summary>
    public double NetDelta { get; internal set; }

    /// <summary>Sum of long (positive) per-expiry net deltas.</summary>
    public double LongDelta { get; internal set; }

    /// <summary>Sum of short (negative) per-expiry net deltas, as a positive number.</summary>
    public double ShortDelta { get; internal set; }

    /// <summary>Inter-group credit used by this group (the part the short option minimum floor did not absorb).</summary>
    public double Credit { get; internal set; }

    /// <summary>max(scan risk + spread charge, short option minimum), before credits.</summary>
    public double GrossRequirement { get; internal set; }

    /// <summary>
    /// This group's share of maintenance: max(scan risk + spread charge − credit, short option minimum).
    /// The short option minimum is a floor that credits cannot cut through (as in SPAN).
    /// </summary>
    /// <remarks>Equal to <see cref="GrossRequirement"/> − <see cref="Credit"/>, because <see cref="Credit"/> reports the credit actually used.</remarks>
    public double Requirement => GrossRequirement - Credit;

    internal Span<double> PnlStorage => _pnl;
}
