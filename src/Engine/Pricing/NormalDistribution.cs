namespace RiskGate.Engine.Pricing;

/// <summary>
/// Standard normal density and cumulative distribution in double precision.
/// Pure functions: any thread may call them; no state, no allocation.
/// </summary>
public static class NormalDistribution
{
    private const double InvSqrtTwoPi = 0.398942280401432677939946059934;

    /// <summary>Density φ(x).</summary>
    public static double Pdf(double x) => InvSqrtTwoPi * Math.Exp(-0.5 * x * x);

    /// <summary>
    /// Cumulative N(x), accurate to about 1e-15 absolute (Hart's 1968 rational approximation, as
    /// arranged by West, "Better approximations to cumulative normal functions", 2005).
    /// N(x) + N(-x) = 1 holds to rounding, which keeps put–call parity exact.
    /// </summary>
    public static double Cdf(double x)
    {
        var a = Math.Abs(x);
        double tail;
        if (a > 37.0)
        {
            tail = 0.0;
        }
        else
        {
            var e = Math.Exp(-0.5 * a * a);
            if (a < 7.07106781186547)
            {
                var n = 3.52624965998911E-02 * a + 0.700383064443688;
                n = n * a + 6.37396220353165;
                n = n * a + 33.912866078383;
                n = n * a + 112.079291497871;
                n = n * a + 221.213596169931;
                n = n * a + 220.206867912376;
                var d = 8.83883476483184E-02 * a + 1.75566716318264;
                d = d * a + 16.064177579207;
                d = d * a + 86.7807322029461;
                d = d * a + 296.564248779674;
                d = d * a + 637.333633378831;
                d = d * a + 793.826512519948;
                d = d * a + 440.413735824752;
                tail = e * n / d;
            }
            else
            {
                var d = a + 0.65;
                d = a + 4.0 / d;
                d = a + 3.0 / d;
                d = a + 2.0 / d;
                d = a + 1.0 / d;
                tail = e / d / 2.506628274631;
            }
        }

        return x > 0 ? 1.0 - tail : tail;
    }
}
