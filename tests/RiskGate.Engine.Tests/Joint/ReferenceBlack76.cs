namespace RiskGate.Engine.Tests.Joint;

/// <summary>
/// An independent Black-76 pricer for tests: its own normal CDF (erf by its Taylor series below 3,
/// erfc by its continued fraction above), so the engine's risk arrays are checked against code
/// that shares nothing with <c>RiskGate.Engine.Pricing</c>.
/// </summary>
internal static class ReferenceBlack76
{
    public static double Price(bool isCall, double forward, double strike, double years, double rate, double vol)
    {
        var df = Math.Exp(-rate * years);
        if (years <= 0)
        {
            return df * Math.Max(isCall ? forward - strike : strike - forward, 0);
        }

        var sd = vol * Math.Sqrt(years);
        var d1 = (Math.Log(forward / strike) + 0.5 * sd * sd) / sd;
        var d2 = d1 - sd;
        return isCall
            ? df * (forward * Cdf(d1) - strike * Cdf(d2))
            : df * (strike * Cdf(-d2) - forward * Cdf(-d1));
    }

    public static double Cdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    private static double Erfc(double t)
    {
        if (t < 0)
        {
            return 2 - Erfc(-t);
        }

        if (t < 3)
        {
            // erf(t) = 2/√π Σ (−1)ⁿ t^(2n+1) / (n! (2n+1))
            double term = t;
            double sum = t;
            for (var n = 1; n < 100; n++)
            {
                term *= -t * t / n;
                sum += term / (2 * n + 1);
            }

            return 1 - 2 / Math.Sqrt(Math.PI) * sum;
        }

        // erfc(t) = e^(−t²)/√π · 1/(t + (1/2)/(t + 1/(t + (3/2)/(t + …))))
        var k = t;
        for (var n = 80; n >= 1; n--)
        {
            k = t + n / 2.0 / k;
        }

        return Math.Exp(-t * t) / (Math.Sqrt(Math.PI) * k);
    }
}
