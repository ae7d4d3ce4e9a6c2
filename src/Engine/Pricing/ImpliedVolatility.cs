namespace RiskGate.Engine.Pricing;

/// <summary>
/// Black-76 implied volatility: the σ at which <see cref="Black76.Price"/> reproduces a premium.
/// Pure function: any thread may call it; no state, no allocation, bounded work.
/// </summary>
/// <remarks>
/// <para>
/// Method. The premium is undiscounted and reduced, by put–call parity, to the time value β of the
/// out-of-the-money option (call when F ≤ K, put otherwise), which depends only on s = σ√T and is
/// increasing in s from 0 to its bound U (F for the call, K for the put). With x = ln(F/K) the price
/// is convex in s below the inflection point s_c = √(2|x|) and concave above it. Below the
/// inflection the solver runs Newton on ln b(s) − ln β (the price falls like e^{−x²/(2s²)}, so the
/// logarithm is nearly quadratic in 1/s); above it Newton on ln(U − b(s)) − ln(U − β) (the gap to the
/// bound falls like e^{−s²/8}). Both start from the inverse of that leading asymptotic, anchored at
/// s_c. Every evaluation tightens a bracket [lo, hi] around the root; a Newton step that leaves the
/// bracket (or is not finite, e.g. where vega underflows) is replaced by bisection (doubling while no
/// upper bound is known). The prices come from tail probabilities (see <see cref="NormalDistribution"/>),
/// so the objective keeps its relative accuracy far out of the money.
/// </para>
/// <para>
/// Tolerances. Iteration stops when a Newton step changes s by at most <see cref="RelativeTolerance"/>
/// relative (the returned s then carries the next, quadratically smaller, error), or the bracket is
/// narrower than that, or the objective is exactly 0; at most <see cref="MaxIterations"/> evaluations.
/// In the tests (log-moneyness −1.5…+1.5, one day to five years, σ 1%…300%: 3,344 solvable cases)
/// the recovered σ matches to 1e-8 wherever vega is not negligible, using at most 8 evaluations
/// (typically 5 or 6); premiums below about 1e-280 (where the tail probabilities approach the
/// subnormal range and lose digits) may need more, as the bracket takes over from Newton there.
/// A premium within 8 ulps of the discounted intrinsic value is <see cref="ImpliedVolStatus.NoTimeValue"/>.
/// </para>
/// </remarks>
public static class ImpliedVolatility
{
    /// <summary>Maximum number of price evaluations per solve.</summary>
    public const int MaxIterations = 100;

    /// <summary>Relative change of σ√T at which the iteration stops.</summary>
    public const double RelativeTolerance = 1e-12;

    private const double RoundingSlack = 8 * 2.220446049250313e-16; // 8 ulps relative

    /// <summary>
    /// Solves for σ. On <see cref="ImpliedVolStatus.Solved"/> <paramref name="vol"/> is the volatility;
    /// on <see cref="ImpliedVolStatus.NoTimeValue"/> it is 0; on every other status it is NaN.
    /// </summary>
    /// <param name="isCall">Call (true) or put (false).</param>
    /// <param name="price">Discounted premium per unit of the underlying.</param>
    /// <param name="forward">Futures price F &gt; 0.</param>
    /// <param name="strike">Strike K &gt; 0.</param>
    /// <param name="timeToExpiry">Time to expiry T &gt; 0 in years.</param>
    /// <param name="rate">Continuously compounded discount rate r.</param>
    /// <param name="vol">The implied volatility (see above).</param>
    public static ImpliedVolStatus TrySolve(
        bool isCall, double price, double forward, double strike, double timeToExpiry, double rate, out double vol)
        => TrySolve(isCall, price, forward, strike, timeToExpiry, rate, MaxIterations, out vol, out _);

    /// <summary>As the public overload with an iteration budget, also reporting the evaluations used.</summary>
    internal static ImpliedVolStatus TrySolve(
        bool isCall, double price, double forward, double strike, double timeToExpiry, double rate,
        int maxIterations, out double vol, out int iterations)
    {
        vol = double.NaN;
        iterations = 0;
        if (!double.IsFinite(price) || !double.IsFinite(forward) || !double.IsFinite(strike)
            || !double.IsFinite(timeToExpiry) || !double.IsFinite(rate)
            || !(forward > 0) || !(strike > 0) || !(timeToExpiry > 0))
        {
            return ImpliedVolStatus.InvalidInput;
        }

        var df = Math.Exp(-rate * timeToExpiry);
        if (!double.IsNormal(df) || double.IsInfinity(df))
        {
            return ImpliedVolStatus.InvalidInput;
        }

        var undiscounted = price / df;
        var intrinsic = Black76.Intrinsic(isCall, forward, strike);
        var timeValue = undiscounted - intrinsic;
        var slack = RoundingSlack * Math.Max(undiscounted, intrinsic);
        if (timeValue < -slack)
        {
            return ImpliedVolStatus.PriceBelowIntrinsic;
        }

        var x = Black76.LogMoneyness(forward, strike);
        var bound = x <= 0 ? forward : strike;
        if (timeValue >= bound || undiscounted >= (isCall ? forward : strike))
        {
            return ImpliedVolStatus.PriceAboveMaximum;
        }

        if (timeValue <= slack)
        {
            vol = 0.0;
            return ImpliedVolStatus.NoTimeValue;
        }

        var status = SolveStdDev(forward, strike, x, timeValue, bound, maxIterations, out var sd, out iterations);
        if (status == ImpliedVolStatus.Solved)
        {
            vol = sd / Math.Sqrt(timeToExpiry);
        }

        return status;
    }

    /// <summary>Finds s &gt; 0 with UndiscountedOutOfTheMoney(F, K, x, s) = target, 0 &lt; target &lt; bound.</summary>
    private static ImpliedVolStatus SolveStdDev(
        double forward, double strike, double x, double target, double bound, int maxIterations,
        out double sd, out int iterations)
    {
        var sc = Math.Sqrt(2.0 * Math.Abs(x));
        var upper = true;
        var lnTarget = Math.Log(target);
        var lnTargetGap = Math.Log(bound - target);
        double s;
        if (sc > 0)
        {
            var bc = Black76.UndiscountedOutOfTheMoney(forward, strike, x, sc);
            upper = target > bc;
            if (upper)
            {
                // gap ~ e^{−s²/8}: s² = s_c² + 8·ln(gap_c / gap_target).
                var gapC = Gap(forward, strike, x, sc);
                s = Math.Sqrt((sc * sc) + (8.0 * Math.Max(Math.Log(gapC) - lnTargetGap, 0.0)));
            }
            else
            {
                // b ~ e^{−x²/(2s²)}: 1/s² = 1/s_c² + 2·ln(b_c / target)/x².
                var inv = (1.0 / (sc * sc)) + (2.0 * Math.Max(Math.Log(bc) - lnTarget, 0.0) / (x * x));
                s = 1.0 / Math.Sqrt(inv);
            }
        }
        else
        {
            // At the money b(s) = F·(2N(s/2) − 1) ≈ F·s/√(2π) for small s, and the gap decays as above.
            var small = target / forward * 2.5066282746310002;
            var large = Math.Sqrt(8.0 * Math.Max(Math.Log(bound) - lnTargetGap, 0.0));
            s = Math.Min(small, large);
        }

        if (!(s > 0) || !double.IsFinite(s))
        {
            s = sc > 0 ? sc : 1.0;
        }

        var lo = 0.0;
        var hi = double.PositiveInfinity;
        for (iterations = 1; iterations <= maxIterations; iterations++)
        {
            var d1 = (x / s) + (0.5 * s);
            var vega = forward * NormalDistribution.Pdf(d1); // ∂b/∂s
            double h;
            double dh;
            if (upper)
            {
                var gap = Gap(forward, strike, x, s);
                h = Math.Log(gap) - lnTargetGap;
                dh = -vega / gap;
                if (h > 0)
                {
                    lo = s; // gap too large: price too small
                }
                else
                {
                    hi = s;
                }
            }
            else
            {
                var b = Black76.UndiscountedOutOfTheMoney(forward, strike, x, s);
                h = Math.Log(b) - lnTarget;
                dh = vega / b;
                if (h < 0)
                {
                    lo = s;
                }
                else
                {
                    hi = s;
                }
            }

            if (h == 0)
            {
                sd = s;
                return ImpliedVolStatus.Solved;
            }

            var step = h / dh;
            if (Math.Abs(step) <= RelativeTolerance * s)
            {
                // Quadratic convergence: the remaining error is of order step², far below the tolerance.
                // Tested before the bracket, because a step below one ulp leaves s on the bracket's edge.
                sd = s - step;
                return ImpliedVolStatus.Solved;
            }

            var next = s - step;
            if (!(next > lo && next < hi))
            {
                next = double.IsPositiveInfinity(hi) ? 2.0 * Math.Max(s, lo) : 0.5 * (lo + hi);
            }

            if (!double.IsPositiveInfinity(hi) && hi - lo <= RelativeTolerance * hi)
            {
                sd = 0.5 * (lo + hi);
                return ImpliedVolStatus.Solved;
            }

            s = next;
        }

        sd = double.NaN;
        iterations = maxIterations;
        return ImpliedVolStatus.NotConverged;
    }

    /// <summary>U − b(s) = F·N(−d₁) + K·N(d₂) for both out-of-the-money calls and puts: a sum, no cancellation.</summary>
    private static double Gap(double forward, double strike, double x, double s)
    {
        var d1 = (x / s) + (0.5 * s);
        var d2 = (x / s) - (0.5 * s);
        return (forward * NormalDistribution.Cdf(-d1)) + (strike * NormalDistribution.Cdf(d2));
    }
}
