namespace RiskGate.Engine.Joint;

/// <summary>
/// Natural logarithm and exponential written with IEEE-754 additions, multiplications, divisions and
/// exact power-of-two scaling only, so scenario generation gives bit-identical shocks on every
/// platform (the C runtime's <see cref="Math.Log(double)"/> and <see cref="Math.Exp"/> may differ in
/// the last bit between operating systems). Accurate to a few ulps; pure functions, any thread.
/// </summary>
internal static class PortableMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Ln2 = 0.6931471805599453094;
    private const double Sqrt2 = 1.4142135623730950488;

    /// <summary>ln(x) for finite x &gt; 0; NaN for x ≤ 0 or NaN, +∞ for +∞.</summary>
    public static double Log(double x)
    {
        if (!(x > 0))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return x;
        }

        // x = m · 2^e with m in [√½, √2): ln x = e·ln 2 + 2·atanh((m − 1)/(m + 1)).
        var e = Math.ILogB(x);
        var m = Math.ScaleB(x, -e);
        if (m > Sqrt2)
        {
            m *= 0.5;
            e++;
        }

        var s = (m - 1.0) / (m + 1.0);
        var s2 = s * s;

        // |s| ≤ 0.1716, s² ≤ 0.0295: the series 2·Σ s^(2k+1)/(2k+1) is below 1 ulp after k = 11.
        var term = s;
        var sum = s;
        for (var k = 1; k <= 11; k++)
        {
            term *= s2;
            sum += term / (2 * k + 1);
        }

        return e * Ln2Hi + (e * Ln2Lo + 2.0 * sum);
    }

    /// <summary>e^x for finite x (0 below −745, +∞ above 709.78); NaN for NaN.</summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (x > 709.78)
        {
            return double.PositiveInfinity;
        }

        if (x < -745.2)
        {
            return 0.0;
        }

        // x = n·ln 2 + r with |r| ≤ ½ ln 2; e^r by its Taylor series (17 terms: r¹⁸/18! < 1e-19).
        var n = Math.Round(x / Ln2, MidpointRounding.ToEven);
        var r = (x - n * Ln2Hi) - n * Ln2Lo;
        var term = 1.0;
        var sum = 1.0;
        for (var k = 1; k <= 17; k++)
        {
            term *= r / k;
            sum += term;
        }

        return Math.ScaleB(sum, (int)n);
    }
}
