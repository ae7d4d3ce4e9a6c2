namespace RiskGate.Engine.Margin;

/// <summary>
/// Account-level margin configuration: per-group parameters, inter-group credit pairs (applied in
/// the given priority order), the initial-to-maintenance ratio and the unit initial margin is
/// rounded to. Immutable after construction as far as its users see: a <see cref="RiskEngine"/> works on
/// its own copy (<see cref="CopyForEngine"/>), which RiskParameters messages update on the engine's single
/// thread. Any thread may read an instance it created. Construction throws
/// <see cref="ArgumentException"/> naming the setting when something is out of range.
/// </summary>
public sealed class MarginOptions
{
    /// <summary>Default initial / maintenance ratio.</summary>
    public const double DefaultInitialRatio = 1.10;

    private readonly GroupRiskParameters[] _groups;
    private readonly InterGroupCredit[] _credits;
    private double _initialRatio;

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
        _initialRatio = initialRatio;
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
    public double InitialRatio => _initialRatio;

    /// <summary>Rounding unit of initial margin.</summary>
    public double InitialRoundingUnit { get; }

    /// <summary>Largest scan node count over the groups (for an engine's copy: the node capacity its arrays are sized for).</summary>
    public int MaxNodes { get; private set; }

    /// <summary>Scan nodes every group's cached vectors must hold (an engine copy's explicit capacity; 0: each group's own scan).</summary>
    internal int NodeCapacity { get; private set; }

    /// <summary>
    /// A private copy for one engine, whose arrays are sized for at least <paramref name="nodeCapacity"/>
    /// scan nodes per group (so a later RiskParameters may bring a larger scan set up to that size).
    /// Start-up only (allocates).
    /// </summary>
    internal MarginOptions CopyForEngine(int nodeCapacity)
    {
        var copy = new MarginOptions(_groups, _credits, _initialRatio, InitialRoundingUnit);
        copy.MaxNodes = Math.Max(copy.MaxNodes, nodeCapacity);
        copy.NodeCapacity = nodeCapacity;
        return copy;
    }

    /// <summary>Replaces one group's parameters (engine copy only, engine thread). The caller validated the scan fits <see cref="MaxNodes"/>.</summary>
    internal void SetGroup(int group, GroupRiskParameters parameters) => _groups[group] = parameters;

    /// <summary>Sets the initial / maintenance ratio (engine copy only, engine thread; in [1, 10]).</summary>
    internal void SetInitialRatio(double ratio) => _initialRatio = ratio;
}
