namespace RiskGate.Engine.Market;

/// <summary>
/// When a product group is re-anchored (DESIGN §5.2): price drift of any of its futures beyond
/// <see cref="DriftFraction"/> of the group's smallest scan step, an ATM vol move beyond
/// <see cref="VolLimit"/>, or an anchor older than <see cref="MaxAgeNanoseconds"/> of message time.
/// Immutable; any thread may read it. Construction throws naming the setting when out of range.
/// </summary>
/// <remarks>
/// Time decay between anchors is handled by the age limit, not by a theta term: the incremental path
/// prices every scenario at the anchor's time, so an account's requirement drifts by at most the
/// theta of <see cref="MaxAgeNanoseconds"/> before the next anchor.
/// </remarks>
public sealed class ReanchorPolicy
{
    /// <summary>Default drift limit: half of the smallest scan step.</summary>
    public const double DefaultDriftFraction = 0.5;

    /// <summary>Default vol limit: one vol point (0.01 absolute) at the money.</summary>
    public const double DefaultVolLimit = 0.01;

    /// <summary>Default anchor age limit: 15 minutes of message time.</summary>
    public const long DefaultMaxAgeNanoseconds = 15L * 60 * 1_000_000_000;

    /// <summary>Creates a policy.</summary>
    /// <param name="driftFraction">Drift limit as a fraction of the smallest scan step, in (0, 1].</param>
    /// <param name="volLimit">Largest absolute ATM vol move tolerated, in (0, 1].</param>
    /// <param name="maxAgeNanoseconds">Largest anchor age in nanoseconds of message time, &gt; 0.</param>
    public ReanchorPolicy(double driftFraction = DefaultDriftFraction, double volLimit = DefaultVolLimit, long maxAgeNanoseconds = DefaultMaxAgeNanoseconds)
    {
        if (!(driftFraction is > 0 and <= 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(driftFraction), driftFraction, "drift fraction must be in (0, 1] of the smallest scan step.");
        }

        if (!(volLimit is > 0 and <= 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(volLimit), volLimit, "vol limit must be in (0, 1] vol units.");
        }

        if (maxAgeNanoseconds <= 0)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(maxAgeNanoseconds), maxAgeNanoseconds, "max anchor age must be > 0 ns.");
        }

        DriftFraction = driftFraction;
        VolLimit = volLimit;
        MaxAgeNanoseconds = maxAgeNanoseconds;
    }

    /// <summary>The default policy: half a scan step, one vol point, 15 minutes.</summary>
    public static ReanchorPolicy Default { get; } = new();

    /// <summary>Drift limit as a fraction of the smallest scan step.</summary>
    public double DriftFraction { get; }

    /// <summary>Largest absolute ATM vol move tolerated between anchors.</summary>
    public double VolLimit { get; }

    /// <summary>Largest anchor age, nanoseconds of message time.</summary>
    public long MaxAgeNanoseconds { get; }
}
