namespace RiskGate.Engine.Pricing;

/// <summary>
/// Raw SVI smile (Gatheral): total variance w(k) = a + b·(ρ·(k − m) + √((k − m)² + s²)) with
/// k = ln(K/F), and σ(K) = √(w(k)/T). Immutable; any thread may read it.
/// </summary>
public sealed class SviSmile : VolSmile
{
    /// <summary>Creates the smile; throws <see cref="ArgumentOutOfRangeException"/> naming the parameter when out of range.</summary>
    public SviSmile(double timeToExpiry, double a, double b, double rho, double m, double sigma)
    {
        if (!(timeToExpiry > 0 && timeToExpiry < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(timeToExpiry), timeToExpiry, "SVI timeToExpiry must be in (0, 100) years.");
        }

        if (!(b >= 0 && b < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(b), b, "SVI b must be in [0, 100).");
        }

        if (!(rho > -1 && rho < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rho), rho, "SVI rho must be in (-1, 1).");
        }

        if (!(sigma > 0 && sigma < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "SVI sigma must be in (0, 100).");
        }

        if (!double.IsFinite(m) || Math.Abs(m) > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(m), m, "SVI m must be finite and |m| <= 100.");
        }

        if (!double.IsFinite(a) || a + b * sigma * Math.Sqrt(1 - rho * rho) <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(a), a, "SVI a must make the minimum total variance a + b·s·√(1−ρ²) positive.");
        }

        TimeToExpiry = timeToExpiry;
        A = a;
        B = b;
        Rho = rho;
        M = m;
        Sigma = sigma;
    }

    /// <inheritdoc />
    public override double TimeToExpiry { get; }

    /// <summary>Level a.</summary>
    public double A { get; }

    /// <summary>Wing slope b.</summary>
    public double B { get; }

    /// <summary>Skew ρ.</summary>
    public double Rho { get; }

    /// <summary>Shift m (log-moneyness of the vertex).</summary>
    public double M { get; }

    /// <summary>Curvature s (called σ in Gatheral's notation).</summary>
    public double Sigma { get; }

    /// <summary>Total implied variance at log-moneyness <paramref name="k"/>.</summary>
    public double TotalVariance(double k)
    {
        var x = k - M;
        return A + B * (Rho * x + Math.Sqrt(x * x + Sigma * Sigma));
    }

    /// <inheritdoc />
    public override double Vol(double forward, double strike)
        => Math.Sqrt(TotalVariance(Math.Log(strike / forward)) / TimeToExpiry);
}
