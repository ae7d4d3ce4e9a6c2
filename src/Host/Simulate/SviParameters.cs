using RiskGate.Engine.Pricing;

namespace RiskGate.Host.Simulate;

/// <summary>Raw SVI parameters of one expiry's smile (total variance in log-moneyness). Plain data.</summary>
internal readonly record struct SviParameters(double TimeToExpiry, double A, double B, double Rho, double M, double Sigma)
{
    /// <summary>Checks the parameters with <see cref="SviSmile.Validate"/> (positivity, Lee's wings, butterfly).</summary>
    public SmileValidation Validate() => SviSmile.Validate(TimeToExpiry, A, B, Rho, M, Sigma);

    /// <summary>Builds the smile object (throws when invalid).</summary>
    public SviSmile ToSmile() => new(TimeToExpiry, A, B, Rho, M, Sigma);

    /// <summary>The same smile with its variance level scaled by <paramref name="factor"/> (a parallel vol move).</summary>
    public SviParameters Scaled(double factor) => this with { A = A * factor, B = B * factor };
}
