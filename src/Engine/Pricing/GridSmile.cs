namespace RiskGate.Engine.Pricing;

/// <summary>
/// A smile given on a grid of log-moneyness points k = ln(K/F) with implied vols, interpolated
/// linearly in total variance w = σ²T between points and held flat in vol beyond the ends.
/// Immutable; any thread may read it.
/// </summary>
/// <remarks>
/// <para>
/// Validation (<see cref="Validate"/>, also run by the constructor, which throws on failure):
/// 0 &lt; T &lt; 100; at least one point and as many vols as points; points finite and strictly
/// increasing; vols in (0, 10); every segment's slope |Δw/Δk| ≤ 4 (Rogers–Tehranchi: the slope of
/// total variance of an arbitrage-free smile never exceeds 4; Lee's asymptotic bound 2 holds
/// trivially in the flat wings).
/// </para>
/// <para>
/// Static arbitrage is checked on the interpolated smile as it will be used: undiscounted call prices
/// with F = 1, c(K) = Black(1, K, √w(ln K)), are evaluated at every node and at every midpoint between
/// nodes; along those strikes the call-spread slopes Δc/ΔK must lie in [−1, 0] (call spreads) and be
/// non-decreasing (butterflies, i.e. a non-negative density), each to 1e-12. An error's location is
/// the index of the node at, or just left of, the strike where the violation is centred (for a call
/// spread, the left end of the offending interval). Not checked: the junctions with the flat-vol wings. Holding vol
/// flat beyond a sloped end puts a small kink in w there, which for a wing that falls towards the
/// money is concave (a sliver of negative density at the end strike); that is this type's
/// extrapolation convention, not a property of the data, so it is documented rather than rejected.
/// </para>
/// </remarks>
public sealed class GridSmile : VolSmile
{
    private const double SlopeLimit = 4.0;
    private const double PriceTolerance = 1e-12;

    private readonly double[] _k;
    private readonly double[] _w;

    /// <summary>
    /// Creates the smile from strictly increasing log-moneyness points and their vols; throws
    /// <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> naming the parameter
    /// and the point when the grid is invalid or admits arbitrage (see remarks).
    /// </summary>
    public GridSmile(double timeToExpiry, ReadOnlySpan<double> logMoneyness, ReadOnlySpan<double> vols)
    {
        Validate(timeToExpiry, logMoneyness, vols).ThrowIfInvalid();
        _k = logMoneyness.ToArray();
        _w = new double[vols.Length];
        for (var i = 0; i < _w.Length; i++)
        {
            _w[i] = vols[i] * vols[i] * timeToExpiry;
        }

        TimeToExpiry = timeToExpiry;
    }

    /// <inheritdoc />
    public override double TimeToExpiry { get; }

    /// <summary>Number of grid points.</summary>
    public int Count => _k.Length;

    /// <summary>Log-moneyness of grid point <paramref name="index"/>.</summary>
    public double LogMoneynessAt(int index) => _k[index];

    /// <summary>
    /// Checks a grid without throwing (see remarks for the rules). Any thread may call it; allocates
    /// nothing; cost proportional to the number of points.
    /// </summary>
    public static SmileValidation Validate(double timeToExpiry, ReadOnlySpan<double> logMoneyness, ReadOnlySpan<double> vols)
    {
        if (!(timeToExpiry > 0 && timeToExpiry < 100))
        {
            return new SmileValidation(SmileError.OutOfRange, nameof(timeToExpiry), timeToExpiry, double.NaN, "(0, 100) years");
        }

        if (logMoneyness.Length < 1 || logMoneyness.Length != vols.Length)
        {
            return new SmileValidation(SmileError.BadShape, nameof(vols), vols.Length, logMoneyness.Length);
        }

        for (var i = 0; i < logMoneyness.Length; i++)
        {
            if (!double.IsFinite(logMoneyness[i]) || (i > 0 && !(logMoneyness[i] > logMoneyness[i - 1])))
            {
                return new SmileValidation(SmileError.BadShape, nameof(logMoneyness), logMoneyness[i], i);
            }

            if (!(vols[i] > 0 && vols[i] < 10))
            {
                return new SmileValidation(SmileError.OutOfRange, nameof(vols), vols[i], i, "(0, 10)");
            }
        }

        for (var i = 1; i < logMoneyness.Length; i++)
        {
            var slope = ((vols[i] * vols[i]) - (vols[i - 1] * vols[i - 1])) * timeToExpiry / (logMoneyness[i] - logMoneyness[i - 1]);
            if (!(Math.Abs(slope) <= SlopeLimit))
            {
                return new SmileValidation(SmileError.WingSlope, nameof(vols), slope, i);
            }
        }

        if (logMoneyness.Length == 1)
        {
            return SmileValidation.Valid; // one flat vol: Black prices, no arbitrage
        }

        // Walk the strikes node 0, mid 0-1, node 1, …, node n, comparing each call-spread slope with the
        // previous one.
        var last = logMoneyness.Length - 1;
        var points = (2 * last) + 1;
        double previousStrike = 0, previousCall = 0, previousSlope = -1;
        for (var p = 0; p < points; p++)
        {
            var left = p / 2;
            double k;
            double w;
            if ((p & 1) == 0)
            {
                k = logMoneyness[left];
                w = vols[left] * vols[left] * timeToExpiry;
            }
            else
            {
                k = 0.5 * (logMoneyness[left] + logMoneyness[left + 1]);
                w = 0.5 * ((vols[left] * vols[left]) + (vols[left + 1] * vols[left + 1])) * timeToExpiry;
            }

            var strike = Math.Exp(k);
            var call = Black76.Price(true, 1.0, strike, 1.0, 0.0, Math.Sqrt(w));
            if (p > 0)
            {
                var slope = (call - previousCall) / (strike - previousStrike);
                if (slope > PriceTolerance || slope < -1 - PriceTolerance)
                {
                    return new SmileValidation(SmileError.CallSpread, nameof(vols), slope, (p - 1) / 2);
                }

                if (p > 1 && slope < previousSlope - PriceTolerance)
                {
                    return new SmileValidation(SmileError.Butterfly, nameof(vols), slope - previousSlope, (p - 1) / 2);
                }

                previousSlope = slope;
            }

            previousStrike = strike;
            previousCall = call;
        }

        return SmileValidation.Valid;
    }

    /// <summary>Total implied variance at log-moneyness <paramref name="k"/>.</summary>
    public override double TotalVariance(double k) => Interpolate(_k, _w, k);

    /// <summary>
    /// Linear interpolation of total variance <paramref name="w"/> over ascending log-moneyness
    /// <paramref name="logMoneyness"/> (same length, ≥ 1), flat beyond both ends.
    /// </summary>
    internal static double Interpolate(ReadOnlySpan<double> logMoneyness, ReadOnlySpan<double> w, double k)
    {
        if (k <= logMoneyness[0])
        {
            return w[0];
        }

        var last = logMoneyness.Length - 1;
        if (k >= logMoneyness[last])
        {
            return w[last];
        }

        var hi = logMoneyness.BinarySearch(k);
        if (hi >= 0)
        {
            return w[hi];
        }

        hi = ~hi;
        var lo = hi - 1;
        var t = (k - logMoneyness[lo]) / (logMoneyness[hi] - logMoneyness[lo]);
        return w[lo] + (t * (w[hi] - w[lo]));
    }

    /// <inheritdoc />
    public override double Vol(double forward, double strike)
        => Math.Sqrt(TotalVariance(Math.Log(strike / forward)) / TimeToExpiry);
}
