namespace RiskGate.Engine.Pricing;

/// <summary>Outcome of <see cref="ImpliedVolatility.TrySolve(bool, double, double, double, double, double, out double)"/>. Stable numbering.</summary>
public enum ImpliedVolStatus : byte
{
    /// <summary>The volatility was found to the documented tolerance.</summary>
    Solved = 0,

    /// <summary>The premium is below the discounted intrinsic value: no volatility reproduces it.</summary>
    PriceBelowIntrinsic = 1,

    /// <summary>The premium reaches the upper bound (D·F for a call, D·K for a put): only σ = ∞ would.</summary>
    PriceAboveMaximum = 2,

    /// <summary>The premium equals the discounted intrinsic value within rounding: the volatility is 0.</summary>
    NoTimeValue = 3,

    /// <summary>An input is non-finite, or F, K or T is not positive, or e^{−rT} is not a normal number.</summary>
    InvalidInput = 4,

    /// <summary>The iteration budget ran out before the tolerance was met (not observed in the tests).</summary>
    NotConverged = 5,
}
