using System.Runtime.CompilerServices;

namespace RiskGate.Engine.Pricing;

/// <summary>
/// Black-76: European options on futures, premium paid up front and discounted at rate r.
/// Pure functions: any thread may call them; no state, no allocation.
/// </summary>
/// <remarks>
/// <para>
/// Inputs: forward F &gt; 0, strike K &gt; 0, time to expiry T in years, continuously compounded
/// rate r, volatility σ. Let s = σ√T (total standard deviation), x = ln(F/K),
/// d₁ = x/s + s/2, d₂ = x/s − s/2 and D = e^{−rT}.
/// </para>
/// <para>
/// Stability. The out-of-the-money option (call when F ≤ K, put when F &gt; K) is computed from tail
/// probabilities, which <see cref="NormalDistribution"/> gives with full relative accuracy, so far
/// out-of-the-money premiums keep their significant digits (down to the underflow of N at
/// |d| ≈ 38.5); the in-the-money option is intrinsic + that value (put–call parity), so deep
/// in-the-money premiums carry their small time value exactly instead of losing it to
/// F·N(d₁) − K·N(d₂) ≈ F − K. d₁ and d₂ are formed without s² and x without F/K, so huge σ√T or
/// extreme F/K do not overflow.
/// </para>
/// <para>
/// Limits. When T ≤ 0, σ ≤ 0, σ√T &lt; <see cref="MinStdDev"/>, F ≤ 0 or K ≤ 0 the option is worth
/// D·intrinsic (with T ≤ 0 treated as 0, so D = 1); delta is the step D·1{F &gt; K} for a call,
/// −D·1{F &lt; K} for a put and ±D/2 exactly at the money (the σ → 0 limit); gamma, vega, vanna and
/// volga are 0 and theta is r·price. As σ√T grows without bound a call tends to D·F and a put to D·K.
/// Where the density φ(d₁) underflows the second-order Greeks are exactly 0, never 0·∞.
/// </para>
/// <para>
/// Contract: any NaN input gives NaN. For finite inputs no NaN is produced; a result is infinite only
/// when its true value exceeds double range (e.g. e^{−rT} itself overflows for rT &lt; −709, or
/// gamma ≈ 1/(F·σ√T) for F·σ√T below 1e-308).
/// </para>
/// </remarks>
public static class Black76
{
    /// <summary>Below this total standard deviation σ√T the option is priced at intrinsic value.</summary>
    public const double MinStdDev = 1e-12;

    /// <summary>Discounted premium of a call (<paramref name="isCall"/>) or a put.</summary>
    public static double Price(bool isCall, double forward, double strike, double timeToExpiry, double rate, double vol)
    {
        if (AnyNaN(forward, strike, timeToExpiry, rate, vol))
        {
            return double.NaN;
        }

        var t = timeToExpiry > 0 ? timeToExpiry : 0.0;
        var df = Math.Exp(-rate * t);
        var sd = vol > 0 ? vol * Math.Sqrt(t) : 0.0;
        if (sd < MinStdDev || !(forward > 0) || !(strike > 0))
        {
            return df * Intrinsic(isCall, forward, strike);
        }

        var x = LogMoneyness(forward, strike);
        return df * (UndiscountedOutOfTheMoney(forward, strike, x, sd) + Intrinsic(isCall, forward, strike));
    }

    /// <summary>Price and all sensitivities in one pass (see <see cref="OptionGreeks"/> for units).</summary>
    public static OptionGreeks Greeks(bool isCall, double forward, double strike, double timeToExpiry, double rate, double vol)
    {
        OptionGreeks g = default;
        if (AnyNaN(forward, strike, timeToExpiry, rate, vol))
        {
            g.Price = g.Delta = g.Gamma = g.Vega = g.Theta = g.Vanna = g.Volga = double.NaN;
            return g;
        }

        var t = timeToExpiry > 0 ? timeToExpiry : 0.0;
        var df = Math.Exp(-rate * t);
        var sd = vol > 0 ? vol * Math.Sqrt(t) : 0.0;
        if (sd < MinStdDev || !(forward > 0) || !(strike > 0))
        {
            g.Price = df * Intrinsic(isCall, forward, strike);
            var itm = isCall ? forward > strike : forward < strike;
            var atm = forward == strike;
            var step = itm ? df : (atm ? 0.5 * df : 0.0);
            g.Delta = isCall ? step : -step;
            g.Theta = rate * g.Price;
            return g;
        }

        var x = LogMoneyness(forward, strike);
        var d1 = (x / sd) + (0.5 * sd);
        var d2 = (x / sd) - (0.5 * sd);
        g.Price = df * (UndiscountedOutOfTheMoney(forward, strike, x, sd) + Intrinsic(isCall, forward, strike));
        g.Delta = isCall ? df * NormalDistribution.Cdf(d1) : -df * NormalDistribution.Cdf(-d1);

        var pdf = NormalDistribution.Pdf(d1);
        if (pdf == 0)
        {
            // Every second-order term carries φ(d₁); skipping them avoids 0·∞ when s or d₁d₂ overflow.
            g.Theta = rate * g.Price;
            return g;
        }

        var sqrtT = Math.Sqrt(t);
        g.Gamma = df * pdf / (forward * sd);
        g.Vega = df * forward * pdf * sqrtT;
        g.Theta = (rate * g.Price) - (df * forward * pdf * sd / (2.0 * t));
        g.Vanna = -df * pdf * d2 / vol;
        g.Volga = g.Vega * (d1 / vol) * d2;
        return g;
    }

    /// <summary>
    /// Price, delta, gamma and vega at many nodes (Fₛ, σₛ) of one option (same strike, expiry and
    /// rate), each bit for bit equal to the same field of <see cref="Greeks"/> at that node, degenerate
    /// cases included; NaN where <see cref="Greeks"/> gives NaN (which NaN bit pattern an operation on
    /// NaN operands returns depends on the JIT's operand order, for <see cref="Greeks"/> as well). Writes element s of each output after reading element s of the inputs,
    /// so an output may be the span of an input; otherwise they must not overlap. Allocates nothing.
    /// </summary>
    /// <remarks>
    /// Exactness, operation by operation: e^{−rT} and √T depend on T and r only and are formed once
    /// from the same operands as in <see cref="Greeks"/>; N(d₁) and N(−d₁) both come from the tail
    /// Q(|d₁|) (|−d₁| = |d₁|), so one tail serves the price and the delta; the price needs only one of
    /// N(d₂) (x ≤ 0) and N(−d₂) (x &gt; 0), from Q(|d₂|). Every kept value is then formed by the same
    /// operations in the same order as <see cref="Greeks"/> and <see cref="UndiscountedOutOfTheMoney"/>;
    /// theta, vanna and volga are not computed. ln(F/K) depends on F and K only, so consecutive nodes
    /// on the same shocked price (vol up, unchanged, down) share it. Two tails, one density and at most
    /// one logarithm per node instead of three tails, one density, one logarithm and a discount factor.
    /// </remarks>
    internal static void NodeGreeks(
        bool isCall,
        double strike,
        double timeToExpiry,
        double rate,
        ReadOnlySpan<double> forwards,
        ReadOnlySpan<double> vols,
        Span<double> price,
        Span<double> delta,
        Span<double> gamma,
        Span<double> vega)
    {
        var n = forwards.Length;
        vols = vols[..n];
        price = price[..n];
        delta = delta[..n];
        gamma = gamma[..n];
        vega = vega[..n];
        var node = new NodeEvaluator(strike, timeToExpiry, rate);
        var df = node.Df;
        for (var s = 0; s < n; s++)
        {
            var forward = forwards[s];
            var kind = node.Evaluate(forward, vols[s], out var otm, out var cdfD1, out var cdfMinusD1, out var nodeGamma, out var nodeVega);
            switch (kind)
            {
                case NodeKind.NaN:
                    price[s] = delta[s] = gamma[s] = vega[s] = double.NaN;
                    break;
                case NodeKind.Intrinsic:
                    price[s] = df * Intrinsic(isCall, forward, strike);
                    delta[s] = IntrinsicDelta(isCall, forward, strike, df);
                    gamma[s] = 0.0;
                    vega[s] = 0.0;
                    break;
                default:
                    price[s] = df * (otm + Intrinsic(isCall, forward, strike));
                    delta[s] = isCall ? df * cdfD1 : -df * cdfMinusD1;
                    gamma[s] = nodeGamma;
                    vega[s] = nodeVega;
                    break;
            }
        }
    }

    /// <summary>
    /// <see cref="NodeGreeks"/> of the call and the put of one strike, expiry and rate at the same nodes
    /// in one pass: everything but the intrinsic value and the delta's tail is the same for both (the
    /// out-of-the-money premium, the tails, φ(d₁)), and gamma and vega are equal, so
    /// <paramref name="gamma"/> and <paramref name="vega"/> serve both. Each value is bit for bit
    /// <see cref="Greeks"/> of its option at the node. Same span rules as <see cref="NodeGreeks"/>.
    /// </summary>
    internal static void NodeGreeksCallPut(
        double strike,
        double timeToExpiry,
        double rate,
        ReadOnlySpan<double> forwards,
        ReadOnlySpan<double> vols,
        Span<double> callPrice,
        Span<double> callDelta,
        Span<double> putPrice,
        Span<double> putDelta,
        Span<double> gamma,
        Span<double> vega)
    {
        var n = forwards.Length;
        vols = vols[..n];
        callPrice = callPrice[..n];
        callDelta = callDelta[..n];
        putPrice = putPrice[..n];
        putDelta = putDelta[..n];
        gamma = gamma[..n];
        vega = vega[..n];
        var node = new NodeEvaluator(strike, timeToExpiry, rate);
        var df = node.Df;
        for (var s = 0; s < n; s++)
        {
            var forward = forwards[s];
            var kind = node.Evaluate(forward, vols[s], out var otm, out var cdfD1, out var cdfMinusD1, out var nodeGamma, out var nodeVega);
            switch (kind)
            {
                case NodeKind.NaN:
                    callPrice[s] = callDelta[s] = putPrice[s] = putDelta[s] = gamma[s] = vega[s] = double.NaN;
                    break;
                case NodeKind.Intrinsic:
                    callPrice[s] = df * Intrinsic(true, forward, strike);
                    putPrice[s] = df * Intrinsic(false, forward, strike);
                    callDelta[s] = IntrinsicDelta(true, forward, strike, df);
                    putDelta[s] = IntrinsicDelta(false, forward, strike, df);
                    gamma[s] = 0.0;
                    vega[s] = 0.0;
                    break;
                default:
                    callPrice[s] = df * (otm + Intrinsic(true, forward, strike));
                    putPrice[s] = df * (otm + Intrinsic(false, forward, strike));
                    callDelta[s] = df * cdfD1;
                    putDelta[s] = -df * cdfMinusD1;
                    gamma[s] = nodeGamma;
                    vega[s] = nodeVega;
                    break;
            }
        }
    }

    /// <summary>Undiscounted intrinsic value max(F − K, 0) or max(K − F, 0).</summary>
    public static double Intrinsic(bool isCall, double forward, double strike)
        => isCall ? Math.Max(forward - strike, 0.0) : Math.Max(strike - forward, 0.0);

    /// <summary>ln(F/K) for F, K &gt; 0, without overflow or underflow of the ratio.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double LogMoneyness(double forward, double strike)
    {
        var ratio = forward / strike;
        return double.IsNormal(ratio) && !double.IsInfinity(ratio)
            ? Math.Log(ratio)
            : Math.Log(forward) - Math.Log(strike);
    }

    /// <summary>
    /// Undiscounted premium of the out-of-the-money option (call when x ≤ 0, put when x &gt; 0), from
    /// tail probabilities only; x = ln(F/K), sd = σ√T &gt; 0. Never negative.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double UndiscountedOutOfTheMoney(double forward, double strike, double x, double sd)
    {
        var d1 = (x / sd) + (0.5 * sd);
        var d2 = (x / sd) - (0.5 * sd);
        var value = x <= 0
            ? (forward * NormalDistribution.Cdf(d1)) - (strike * NormalDistribution.Cdf(d2))
            : (strike * NormalDistribution.Cdf(-d2)) - (forward * NormalDistribution.Cdf(-d1));
        return value > 0 ? value : 0.0;
    }

    /// <summary>Which path of <see cref="Greeks"/> a node takes.</summary>
    private enum NodeKind : byte
    {
        /// <summary>A NaN input: every output is NaN.</summary>
        NaN,

        /// <summary>T ≤ 0, σ√T below <see cref="MinStdDev"/>, F ≤ 0 or K ≤ 0: discounted intrinsic value, step delta.</summary>
        Intrinsic,

        /// <summary>Priced from the tails.</summary>
        Priced,
    }

    /// <summary>
    /// The nodes of one option (strike, time, rate): what does not vary by node (the shared NaN test,
    /// e^{−rT}, √T, K &gt; 0), formed once exactly as <see cref="Greeks"/> forms them, and ln(F/K) carried
    /// from node to node while the shocked price repeats.
    /// </summary>
    private struct NodeEvaluator
    {
        private readonly double _strike;
        private readonly bool _strikePositive;
        private readonly bool _sharedNaN;
        private readonly double _sqrtT;
        private double _lastForward;
        private double _lastX;

        public NodeEvaluator(double strike, double timeToExpiry, double rate)
        {
            _strike = strike;
            _sharedNaN = double.IsNaN(strike) || double.IsNaN(timeToExpiry) || double.IsNaN(rate);
            var t = timeToExpiry > 0 ? timeToExpiry : 0.0;
            Df = Math.Exp(-rate * t);
            _sqrtT = Math.Sqrt(t);
            _strikePositive = strike > 0;
            _lastForward = double.NaN;
            _lastX = double.NaN;
        }

        /// <summary>The discount factor e^{−rT}.</summary>
        public double Df { get; }

        /// <summary>
        /// One node: which path of <see cref="Greeks"/> it takes and, when priced, the option-independent
        /// values, each formed exactly as <see cref="Greeks"/> and <see cref="UndiscountedOutOfTheMoney"/>
        /// form them: the out-of-the-money premium, N(d₁), N(−d₁) (both from the one tail Q(|d₁|)), and
        /// gamma and vega (0 where φ(d₁) = 0).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public NodeKind Evaluate(double forward, double vol, out double otm, out double cdfD1, out double cdfMinusD1, out double gamma, out double vega)
        {
            otm = cdfD1 = cdfMinusD1 = gamma = vega = 0.0;
            if (_sharedNaN || double.IsNaN(forward) || double.IsNaN(vol))
            {
                return NodeKind.NaN;
            }

            var sd = vol > 0 ? vol * _sqrtT : 0.0;
            if (sd < MinStdDev || !(forward > 0) || !_strikePositive)
            {
                return NodeKind.Intrinsic;
            }

            // ln(F/K) is a function of F and K alone; scans put several vol shocks on one shocked price
            // (equal positive doubles have equal bits).
            if (forward != _lastForward)
            {
                _lastForward = forward;
                _lastX = LogMoneyness(forward, _strike);
            }

            var x = _lastX;
            var d1 = (x / sd) + (0.5 * sd);
            var d2 = (x / sd) - (0.5 * sd);

            // NormalDistribution.Cdf(y) is Q(|y|) reflected when y > 0; here for y = ±d₁ and ±d₂.
            var q1 = NormalDistribution.UpperTail(Math.Abs(d1));
            var q2 = NormalDistribution.UpperTail(Math.Abs(d2));
            cdfD1 = d1 > 0 ? 1.0 - q1 : q1;
            cdfMinusD1 = -d1 > 0 ? 1.0 - q1 : q1;
            var value = x <= 0
                ? (forward * cdfD1) - (_strike * (d2 > 0 ? 1.0 - q2 : q2))
                : (_strike * (-d2 > 0 ? 1.0 - q2 : q2)) - (forward * cdfMinusD1);
            otm = value > 0 ? value : 0.0;

            var pdf = NormalDistribution.Pdf(d1);
            if (pdf != 0)
            {
                gamma = Df * pdf / (forward * sd);
                vega = Df * forward * pdf * _sqrtT;
            }

            return NodeKind.Priced;
        }
    }

    // The σ√T → 0 delta of Greeks: D·1{in the money}, ±D/2 at the money.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double IntrinsicDelta(bool isCall, double forward, double strike, double df)
    {
        var itm = isCall ? forward > strike : forward < strike;
        var atm = forward == strike;
        var step = itm ? df : (atm ? 0.5 * df : 0.0);
        return isCall ? step : -step;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AnyNaN(double a, double b, double c, double d, double e)
        => double.IsNaN(a) || double.IsNaN(b) || double.IsNaN(c) || double.IsNaN(d) || double.IsNaN(e);
}
