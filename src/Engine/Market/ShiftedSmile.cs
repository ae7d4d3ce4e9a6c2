using RiskGate.Engine.Pricing;

namespace RiskGate.Engine.Market;

/// <summary>
/// A smile moved in parallel: σ(F, K) = max(base σ(F, K) + shift, 1e-4). Immutable; any thread may
/// read it. Used by vol-surface updates that only move the level, and by the accuracy harness.
/// </summary>
public sealed class ShiftedSmile : VolSmile
{
    private readonly VolSmile _base;

    /// <summary>Creates the shifted smile; <paramref name="shift"/> must be finite and in [−1, 1].</summary>
    public ShiftedSmile(VolSmile baseSmile, double shift)
    {
        ArgumentNullException.ThrowIfNull(baseSmile);
        if (!(shift is >= -1 and <= 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(shift), shift, "vol shift must be in [-1, 1].");
        }

        _base = baseSmile;
        Shift = shift;
    }

    /// <summary>The parallel shift in vol units.</summary>
    public double Shift { get; }

    /// <inheritdoc />
    public override double TimeToExpiry => _base.TimeToExpiry;

    /// <inheritdoc />
    public override double Vol(double forward, double strike) => Math.Max(_base.Vol(forward, strike) + Shift, 1e-4);
}
