namespace RiskGate.Engine.Pricing;

/// <summary>
/// Black-76: European options on futures, premium paid up front and discounted at rate r.
/// Pure functions: any thread may call them; no state, no allocation.
/// </summary>
/// <remarks>
/// Inputs: forward F &gt; 0, strike K &gt; 0, time to expiry T in years, continuously compounded
/// rate r, volatility σ. When σ√T is below <see cref="MinStdDev"/> (expired, or vol effectively zero)
/// the option is worth its discounted intrinsic value, delta is a step, and gamma, vega, vanna and
/// volga are zero: no NaN or infinity comes out for any finite input.
/// </remarks>
public static class Black76
{
    /// <summary>Below this total standard deviation σ√T the option is priced at intrinsic value.</summary>
    public const double MinStdDev = 1e-12;

    /// <summary>Discounted premium of a call (<paramref name="isCall"/>) or a put.</summary>
    public static double Price(bool isCall, double forward, double strike, double timeToExpiry, double rate, double vol)
    {
        var t = timeToExpiry > 0 ? timeToExpiry : 0.0;
        var df = Math.Exp(-rate * t);
        var sd = vol > 0 ? vol * Math.Sqrt(t) : 0.0;
        if (sd < MinStdDev || forward <= 0 || strike <= 0)
        {
            return df * Intrinsic(isCall, forward, strike);
        }

        var d1 = (Math.Log(forward / strike) + 0.5 * sd * sd) / sd;
        var d2 = d1 - sd;
        return isCall
            ? df * (forward * NormalDistribution.Cdf(d1) - strike * NormalDistribution.Cdf(d2))
            : df * (strike * NormalDistribution.Cdf(-d2) - forward * NormalDistribution.Cdf(-d1));
    }

    /// <summary>Price and all sensitivities in one pass.</summary>
    public static OptionGreeks Greeks(bool isCall, double forward, double strike, double timeToExpiry, double rate, double vol)
    {
        var t = timeToExpiry > 0 ? timeToExpiry : 0.0;
        var df = Math.Exp(-rate * t);
        var sd = vol > 0 ? vol * Math.Sqrt(t) : 0.0;
        OptionGreeks g = default;
        if (sd < MinStdDev || forward <= 0 || strike <= 0)
        {
            var intrinsic = Intrinsic(isCall, forward, strike);
            g.Price = df * intrinsic;
            g.Delta = isCall ? (forward > strike ? df : 0.0) : (forward < strike ? -df : 0.0);
            g.Theta = rate * g.Price;
            return g;
        }

        var sqrtT = Math.Sqrt(t);
        var d1 = (Math.Log(forward / strike) + 0.5 * sd * sd) / sd;
        var d2 = d1 - sd;
        var pdf = NormalDistribution.Pdf(d1);
        if (isCall)
        {
            g.Price = df * (forward * NormalDistribution.Cdf(d1) - strike * NormalDistribution.Cdf(d2));
            g.Delta = df * NormalDistribution.Cdf(d1);
        }
        else
        {
            g.Price = df * (strike * NormalDistribution.Cdf(-d2) - forward * NormalDistribution.Cdf(-d1));
            g.Delta = -df * NormalDistribution.Cdf(-d1);
        }

        g.Gamma = df * pdf / (forward * sd);
        g.Vega = df * forward * pdf * sqrtT;
        g.Theta = -df * forward * pdf * vol / (2.0 * sqrtT) + rate * g.Price;
        g.Vanna = -df * pdf * d2 / vol;
        g.Volga = g.Vega * d1 * d2 / vol;
        return g;
    }

    /// <summary>Undiscounted intrinsic value max(F − K, 0) or max(K − F, 0).</summary>
    public static double Intrinsic(bool isCall, double forward, double strike)
        => isCall ? Math.Max(forward - strike, 0.0) : Math.Max(strike - forward, 0.0);
}
