namespace RiskGate.Engine.Pricing;

/// <summary>
/// The implied-volatility smile of one expiry of one product group: σ as a function of strike for a
/// given forward. Immutable after construction, so any thread may read it; it is evaluated when risk
/// arrays are built (re-anchoring), never per order.
/// </summary>
public abstract class VolSmile
{
    /// <summary>Time to expiry in years that the smile's total variance refers to.</summary>
    public abstract double TimeToExpiry { get; }

    /// <summary>Black implied volatility at <paramref name="strike"/> when the future trades at <paramref name="forward"/>.</summary>
    public abstract double Vol(double forward, double strike);

    /// <summary>
    /// Total implied variance w = σ²T at log-moneyness <paramref name="k"/> = ln(K/F). The built-in smiles
    /// override it with their native form; the default derives it from <see cref="Vol"/> at F = 1.
    /// </summary>
    public virtual double TotalVariance(double k)
    {
        var vol = Vol(1.0, Math.Exp(k));
        return vol * vol * TimeToExpiry;
    }
}
