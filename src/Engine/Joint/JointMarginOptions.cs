namespace RiskGate.Engine.Joint;

/// <summary>
/// Configuration of the joint (VaR / Expected Shortfall) methodology: which product groups use it,
/// the ES level and the short option minimum per group. Immutable after construction; any thread
/// may read it. Construction throws <see cref="ArgumentException"/> naming the setting.
/// </summary>
public sealed class JointMarginOptions
{
    /// <summary>Default ES level (OCC STANS: 99%).</summary>
    public const double DefaultAlpha = 0.99;

    private readonly MarginMethodology[] _methodology;
    private readonly double[] _shortOptionMinimum;

    /// <summary>Creates the options.</summary>
    /// <param name="methodology">Methodology per product group, indexed by group (≥ 1 group).</param>
    /// <param name="shortOptionMinimum">Charge per short option contract per group (money, ≥ 0), added to the joint requirement for the ES groups; empty = 0 everywhere.</param>
    /// <param name="alpha">ES and VaR level, in [<see cref="ExpectedShortfall.MinAlpha"/>, <see cref="ExpectedShortfall.MaxAlpha"/>].</param>
    public JointMarginOptions(ReadOnlySpan<MarginMethodology> methodology, ReadOnlySpan<double> shortOptionMinimum, double alpha = DefaultAlpha)
    {
        if (methodology.Length < 1)
        {
            ThrowHelper.Argument(nameof(methodology), "need a methodology for at least one group.");
        }

        foreach (var m in methodology)
        {
            if (m is not (MarginMethodology.Scan or MarginMethodology.ExpectedShortfall))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(methodology), m, "methodology must be Scan or ExpectedShortfall.");
            }
        }

        if (shortOptionMinimum.Length != 0 && shortOptionMinimum.Length != methodology.Length)
        {
            ThrowHelper.Argument(nameof(shortOptionMinimum), "short option minimum: give one per group or none.");
        }

        foreach (var rate in shortOptionMinimum)
        {
            if (!(rate >= 0) || !double.IsFinite(rate))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(shortOptionMinimum), rate, "short option minimum must be finite and >= 0.");
            }
        }

        if (!(alpha is >= ExpectedShortfall.MinAlpha and <= ExpectedShortfall.MaxAlpha))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(alpha), alpha, "ES level alpha must be in [0.5, 0.99999].");
        }

        _methodology = methodology.ToArray();
        _shortOptionMinimum = new double[methodology.Length];
        shortOptionMinimum.CopyTo(_shortOptionMinimum);
        Alpha = alpha;
    }

    /// <summary>Number of product groups.</summary>
    public int GroupCount => _methodology.Length;

    /// <summary>ES and VaR level.</summary>
    public double Alpha { get; }

    /// <summary>Methodology of a group.</summary>
    public MarginMethodology Methodology(int group) => _methodology[group];

    /// <summary>True when the group is margined by Expected Shortfall.</summary>
    public bool IsExpectedShortfall(int group) => _methodology[group] == MarginMethodology.ExpectedShortfall;

    /// <summary>Short option minimum per short option contract of a group.</summary>
    public double ShortOptionMinimum(int group) => _shortOptionMinimum[group];
}
