namespace RiskGate.Engine.Margin;

/// <summary>
/// The full result of one margin calculation: every group's breakdown and the account totals.
/// Allocated once (per group count and node stride) and overwritten by each calculation; read it on
/// the calculating thread.
/// </summary>
public sealed class MarginBreakdown
{
    private readonly GroupMargin[] _groups;

    /// <summary>Creates storage for <paramref name="groupCount"/> groups of up to <paramref name="nodeStride"/> nodes.</summary>
    public MarginBreakdown(int groupCount, int nodeStride)
    {
        if (groupCount < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(groupCount), groupCount, "group count must be >= 1.");
        }

        if (nodeStride < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(nodeStride), nodeStride, "node stride must be >= 1.");
        }

        _groups = new GroupMargin[groupCount];
        for (var g = 0; g < groupCount; g++)
        {
            _groups[g] = new GroupMargin(g, nodeStride);
        }
    }

    /// <summary>Per-group breakdown, indexed by group (check <see cref="GroupMargin.HasPositions"/>).</summary>
    public ReadOnlySpan<GroupMargin> Groups => _groups;

    /// <summary>Σ group requirements − Σ credits (unrounded).</summary>
    public double Maintenance { get; internal set; }

    /// <summary>round-half-up(initial ratio × maintenance) to the configured unit.</summary>
    public double Initial { get; internal set; }

    /// <summary>Cash collateral.</summary>
    public double Cash { get; internal set; }

    /// <summary>Unrealised futures P&amp;L against average trade prices.</summary>
    public double FuturesPnl { get; internal set; }

    /// <summary>Market value of options, long positive and short negative.</summary>
    public double OptionValue { get; internal set; }

    /// <summary>Cash + futures P&amp;L + option value.</summary>
    public double Equity => Cash + FuturesPnl + OptionValue;

    /// <summary>Equity − initial.</summary>
    public double Excess => Equity - Initial;

    /// <summary>Total inter-group credit.</summary>
    public double TotalCredit { get; internal set; }
}
