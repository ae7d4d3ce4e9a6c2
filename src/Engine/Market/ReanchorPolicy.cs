namespace RiskGate.Engine.Market;

/// <summary>
/// When a product group is re-anchored (DESIGN §5.2): when for any of its futures the price drift dF
/// and ATM vol move dσ since the anchor leave the ellipse (dF / drift limit)² + (dσ / vol limit)² ≤ 1,
/// the drift limit being <see cref="DriftFraction"/> of the group's smallest scan step and the vol limit
/// <see cref="VolLimit"/> (the ellipse, not a box, because the expansion has no dF·dσ term); or when
/// the anchor is older than <see cref="MaxAgeNanoseconds"/> of message time.
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

    /// <summary>Default vol limit: half a vol point (0.005 absolute) at the money (the accuracy tests size it: a first-order vega term on deep out-of-the-money nodes is within 0.5% for half a point, not for a whole one).</summary>
    public const double DefaultVolLimit = 0.005;

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

    /// <summary>The default policy: half a scan step, half a vol point, 15 minutes.</summary>
    public static ReanchorPolicy Default { get; } = new();

    /// <summary>Drift limit as a fraction of the smallest scan step.</summary>
    public double DriftFraction { get; }

    /// <summary>Largest absolute ATM vol move tolerated between anchors.</summary>
    public double VolLimit { get; }

    /// <summary>Largest anchor age, nanoseconds of message time.</summary>
    public long MaxAgeNanoseconds { get; }
}
