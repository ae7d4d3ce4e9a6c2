namespace RiskGate.Engine.Margin;

/// <summary>
/// Account-level margin configuration: per-group parameters, inter-group credit pairs (applied in
/// the given priority order), the initial-to-maintenance ratio and the unit initial margin is
/// rounded to. Immutable after construction; any thread may read it. Construction throws
/// <see cref="ArgumentException"/> naming the setting when something is out of range.
/// </summary>
public sealed class MarginOptions
{
    /// <summary>Default initial / maintenance ratio.</summary>
    public const double DefaultInitialRatio = 1.10;

    private readonly GroupRiskParameters[] _groups;
    private readonly InterGroupCredit[] _credits;

    /// <summary>Creates the options.</summary>
    /// <param name="groups">One entry per product group, indexed by group.</param>
    /// <param name="credits">Inter-group credit pairs in priority order (may be empty).</param>
    /// <param name="initialRatio">Initial = ratio × maintenance, in [1, 10].</param>
    /// <param name="initialRoundingUnit">Initial margin is rounded half-up to a multiple of this, &gt; 0 (1 = whole currency units).</param>
    public MarginOptions(ReadOnlySpan<GroupRiskParameters> groups, ReadOnlySpan<InterGroupCredit> credits, double initialRatio = DefaultInitialRatio, double initialRoundingUnit = 1.0)
    {
        if (groups.Length < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(groups), groups.Length, "need parameters for at least one group.");
        }

        foreach (var g in groups)
        {
            if (g is null)
            {
                ThrowHelper.Argument(nameof(groups), "every group needs parameters.");
            }
        }

        if (!(initialRatio is >= 1 and <= 10))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(initialRatio), initialRatio, "initial ratio must be in [1, 10].");
        }

        if (!(initialRoundingUnit > 0) || !double.IsFinite(initialRoundingUnit))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(initialRoundingUnit), initialRoundingUnit, "initial rounding unit must be finite and > 0.");
        }

        foreach (var c in credits)
        {
            if ((uint)c.GroupA >= (uint)groups.Length || (uint)c.GroupB >= (uint)groups.Length || c.GroupA == c.GroupB)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(credits), c.GroupA, "a credit pair needs two different existing groups.");
            }

            if (!(c.CreditRate is >= 0 and <= 1))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(credits), c.CreditRate, "credit rate must be in [0, 1].");
            }

            if (!(c.DeltaRatioA > 0 && c.DeltaRatioB > 0) || !double.IsFinite(c.DeltaRatioA) || !double.IsFinite(c.DeltaRatioB))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(credits), c.DeltaRatioA, "credit delta ratios must be finite and > 0.");
            }
        }

        _groups = groups.ToArray();
        _credits = credits.ToArray();
        InitialRatio = initialRatio;
        InitialRoundingUnit = initialRoundingUnit;
        var max = 0;
        foreach (var g in _groups)
        {
            max = Math.Max(max, g.Scan.Count);
        }

        MaxNodes = max;
    }

    /// <summary>Per-group parameters, indexed by group.</summary>
    public ReadOnlySpan<GroupRiskParameters> Groups => _groups;

    /// <summary>Credit pairs in priority order.</summary>
    public ReadOnlySpan<InterGroupCredit> Credits => _credits;

    /// <summary>Initial / maintenance ratio.</summary>
    public double InitialRatio { get; }

    /// <summary>Rounding unit of initial margin.</summary>
    public double InitialRoundingUnit { get; }

    /// <summary>Largest scan node count over the groups.</summary>
    public int MaxNodes { get; }
}
