namespace RiskGate.Engine.Pricing;

/// <summary>
/// Price and sensitivities of one European option on a future, per unit of the underlying
/// (multiply by the contract multiplier for money). Plain data.
/// </summary>
public struct OptionGreeks
{
    /// <summary>Discounted premium.</summary>
    public double Price;

    /// <summary>∂V/∂F.</summary>
    public double Delta;

    /// <summary>∂²V/∂F².</summary>
    public double Gamma;

    /// <summary>∂V/∂σ per 1.00 of volatility (not per vol point).</summary>
    public double Vega;

    /// <summary>∂V/∂t per year of calendar time passing (= −∂V/∂T).</summary>
    public double Theta;

    /// <summary>∂²V/∂F∂σ.</summary>
    public double Vanna;

    /// <summary>∂²V/∂σ².</summary>
    public double Volga;
}
