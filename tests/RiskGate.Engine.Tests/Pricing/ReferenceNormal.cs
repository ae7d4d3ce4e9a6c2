namespace RiskGate.Engine.Tests.Pricing;

/// <summary>
/// Independent high-precision reference for the normal tail, in <see cref="decimal"/> (28 digits),
/// sharing no code or constants with the implementation under test.
/// </summary>
internal static class ReferenceNormal
{
    private const decimal SqrtPi = 1.7724538509055160272981674833m;
    private const decimal Sqrt2 = 1.4142135623730950488016887242m;
    private const int FractionTerms = 4000;

    /// <summary>
    /// N(−a) for 0 ≤ a ≤ 37, a exactly representable as a short decimal (e.g. a multiple of 1/128).
    /// a ≤ 5: erfc from the all-positive series erf(z) = (2/√π)e^{−z²}Σ 2ⁿz^{2n+1}/(2n+1)!!, z = a/√2.
    /// a &gt; 5: Mills' ratio from Laplace's continued fraction, times φ(a) in double (a²/2 exact).
    /// </summary>
    public static double Tail(double a)
    {
        if (a <= 5)
        {
            var z = (decimal)a / Sqrt2;
            var z2 = z * z;
            var term = z;
            var sum = 0m;
            for (var n = 0; term > 1e-30m; n++)
            {
                sum += term;
                term = term * 2m * z2 / (2 * n + 3);
            }

            var erf = 2m / SqrtPi * ExpNegative(z2) * sum;
            return (double)((1m - erf) / 2m);
        }

        var density = Math.Exp(-0.5 * a * a) / Math.Sqrt(2 * Math.PI);
        return (double)Mills((decimal)a, FractionTerms) * density;
    }

    /// <summary>Mills' ratio M(u) = N(−u)/φ(u) = 1/(u + 1/(u + 2/(u + 3/(u + …)))), evaluated backwards.</summary>
    public static decimal Mills(decimal u, int terms)
    {
        var t = u;
        for (var n = terms; n >= 1; n--)
        {
            t = u + n / t;
        }

        return 1m / t;
    }

    /// <summary>e^{−y} for 0 ≤ y ≤ 60: Taylor series of e^{y/2^k}, squared k times, inverted.</summary>
    public static decimal ExpNegative(decimal y)
    {
        var k = 0;
        var r = y;
        while (r > 0.25m)
        {
            r /= 2;
            k++;
        }

        var term = 1m;
        var sum = 1m;
        for (var n = 1; n < 40; n++)
        {
            term = term * r / n;
            sum += term;
        }

        for (var i = 0; i < k; i++)
        {
            sum *= sum;
        }

        return 1m / sum;
    }
}
