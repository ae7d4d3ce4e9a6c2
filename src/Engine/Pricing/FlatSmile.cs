namespace RiskGate.Engine.Pricing;

/// <summary>A smile with one volatility at every strike. Immutable; any thread may read it.</summary>
public sealed class FlatSmile : VolSmile
{
    /// <summary>Creates a flat smile; throws when the volatility or time is out of range.</summary>
    public FlatSmile(double vol, double timeToExpiry)
    {
        if (!(vol > 0 && vol < 10))
        {
            throw new ArgumentOutOfRangeException(nameof(vol), vol, "vol must be in (0, 10).");
        }

        if (!(timeToExpiry >= 0 && timeToExpiry < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(timeToExpiry), timeToExpiry, "timeToExpiry must be in [0, 100) years.");
        }

        FlatVol = vol;
        TimeToExpiry = timeToExpiry;
    }

    /// <summary>The single volatility.</summary>
    public double FlatVol { get; }

    /// <inheritdoc />
    public override double TimeToExpiry { get; }

    /// <inheritdoc />
    public override double Vol(double forward, double strike) => FlatVol;

    /// <inheritdoc />
    public override double TotalVariance(double k) => FlatVol * FlatVol * TimeToExpiry;
}
