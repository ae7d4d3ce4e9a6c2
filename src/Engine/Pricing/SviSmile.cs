namespace RiskGate.Engine.Pricing;

/// <summary>
/// Raw SVI smile (Gatheral): total variance w(k) = a + b·(ρ·(k − m) + √((k − m)² + s²)) with
/// k = ln(K/F), and σ(K) = √(w(k)/T). Immutable; any thread may read it.
/// </summary>
/// <remarks>
/// <para>
/// Validation (<see cref="Validate"/>, also run by the constructor, which throws on failure):
/// ranges 0 &lt; T &lt; 100, 0 ≤ b &lt; 100, −1 &lt; ρ &lt; 1, 0 &lt; s &lt; 100, |m| ≤ 100, a finite;
/// positive minimum variance a + b·s·√(1 − ρ²) &gt; 0; Lee's moment bound on the wings,
/// b·(1 + |ρ|) ≤ 2: the wings of total variance have slopes b(1 ± ρ), which Lee's moment formula caps
/// at 2 (equivalently, g(k) below tends to 1/4 − slope²/16 as |k| → ∞, which must not be negative).
/// The form b(1 + |ρ|) ≤ 4/T quoted for SVI written in variance σ² is, in this type's total-variance
/// form, b(1 + |ρ|) ≤ 4 (Rogers–Tehranchi's bound on the slope anywhere); the sharper asymptotic
/// bound 2 is the one enforced. Then
/// Gatheral–Jacquier's butterfly condition g(k) ≥ 0 with
/// g = (1 − k·w′/(2w))² − (w′²/4)(1/w + 1/4) + w″/2, checked on a uniform grid of k from
/// min(−4, m − 12s) to max(4, m + 12s) in steps of min(0.005, s/8) (at least 2,001 and at most
/// <see cref="ButterflyGridSize"/> points), with tolerance g ≥ −1e-12. Beyond that range the wings
/// are within 0.4% of their linear asymptotes, where the Lee bound decides.
/// </para>
/// </remarks>
public sealed class SviSmile : VolSmile
{
    /// <summary>Upper bound on the number of k points of the butterfly check.</summary>
    public const int ButterflyGridSize = 200_001;

    private const double ButterflyTolerance = 1e-12;

    /// <summary>
    /// Creates the smile; throws <see cref="ArgumentOutOfRangeException"/> naming the parameter when it is
    /// out of range, <see cref="ArgumentException"/> naming it when it admits arbitrage (see remarks).
    /// </summary>
    public SviSmile(double timeToExpiry, double a, double b, double rho, double m, double sigma)
    {
        Validate(timeToExpiry, a, b, rho, m, sigma).ThrowIfInvalid();
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

    /// <summary>
    /// Checks the parameters without throwing (see remarks for the rules and the grid). Any thread may
    /// call it; allocates nothing; cost proportional to the grid (at most ~200,000 evaluations).
    /// </summary>
    public static SmileValidation Validate(double timeToExpiry, double a, double b, double rho, double m, double sigma)
    {
        if (!(timeToExpiry > 0 && timeToExpiry < 100))
        {
            return new SmileValidation(SmileError.OutOfRange, nameof(timeToExpiry), timeToExpiry, double.NaN, "(0, 100) years");
        }

        if (!(b >= 0 && b < 100))
        {
            return new SmileValidation(SmileError.OutOfRange, nameof(b), b, double.NaN, "[0, 100)");
        }

        if (!(rho > -1 && rho < 1))
        {
            return new SmileValidation(SmileError.OutOfRange, nameof(rho), rho, double.NaN, "(-1, 1)");
        }

        if (!(sigma > 0 && sigma < 100))
        {
            return new SmileValidation(SmileError.OutOfRange, nameof(sigma), sigma, double.NaN, "(0, 100)");
        }

        if (!(Math.Abs(m) <= 100))
        {
            return new SmileValidation(SmileError.OutOfRange, nameof(m), m, double.NaN, "[-100, 100]");
        }

        if (!double.IsFinite(a))
        {
            return new SmileValidation(SmileError.OutOfRange, nameof(a), a, double.NaN, "finite numbers");
        }

        if (!(a + (b * sigma * Math.Sqrt(1 - (rho * rho))) > 0))
        {
            return new SmileValidation(SmileError.NonPositiveVariance, nameof(a), a, m + (-rho * sigma / Math.Sqrt(1 - (rho * rho))));
        }

        var wingSlope = b * (1 + Math.Abs(rho));
        if (wingSlope > 2)
        {
            return new SmileValidation(SmileError.WingSlope, nameof(b), wingSlope, double.NaN);
        }

        var lo = Math.Min(-4.0, m - (12 * sigma));
        var hi = Math.Max(4.0, m + (12 * sigma));
        var step = Math.Min(0.005, sigma / 8);
        var intervals = (int)Math.Clamp(Math.Ceiling((hi - lo) / step), 2000, ButterflyGridSize - 1);
        step = (hi - lo) / intervals;
        for (var i = 0; i <= intervals; i++)
        {
            var k = lo + (i * step);
            var g = Density(a, b, rho, m, sigma, k);
            if (!(g >= -ButterflyTolerance))
            {
                return new SmileValidation(SmileError.Butterfly, "g(k)", g, k);
            }
        }

        return SmileValidation.Valid;
    }

    /// <summary>Total implied variance at log-moneyness <paramref name="k"/>.</summary>
    public override double TotalVariance(double k)
    {
        var x = k - M;
        return A + (B * ((Rho * x) + Math.Sqrt((x * x) + (Sigma * Sigma))));
    }

    /// <summary>Gatheral–Jacquier's g(k): the risk-neutral density is proportional to it, so it must be ≥ 0.</summary>
    public double ButterflyFunction(double k) => Density(A, B, Rho, M, Sigma, k);

    /// <inheritdoc />
    public override double Vol(double forward, double strike)
        => Math.Sqrt(TotalVariance(Math.Log(strike / forward)) / TimeToExpiry);

    private static double Density(double a, double b, double rho, double m, double sigma, double k)
    {
        var x = k - m;
        var root = Math.Sqrt((x * x) + (sigma * sigma));
        var w = a + (b * ((rho * x) + root));
        var w1 = b * (rho + (x / root));
        var w2 = b * sigma * sigma / (root * root * root);
        var first = 1 - (k * w1 / (2 * w));
        return (first * first) - (w1 * w1 / 4 * ((1 / w) + 0.25)) + (w2 / 2);
    }
}
