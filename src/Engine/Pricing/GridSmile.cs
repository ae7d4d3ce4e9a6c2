namespace RiskGate.Engine.Pricing;

/// <summary>
/// A smile given on a grid of log-moneyness points k = ln(K/F) with implied vols, interpolated
/// linearly in total variance w = σ²T between points and held flat in vol beyond the ends.
/// Immutable; any thread may read it.
/// </summary>
public sealed class GridSmile : VolSmile
{
    private readonly double[] _k;
    private readonly double[] _w;

    /// <summary>
    /// Creates the smile from strictly increasing log-moneyness points and their vols; throws
    /// <see cref="ArgumentException"/> naming the parameter when the grid is invalid.
    /// </summary>
    public GridSmile(double timeToExpiry, ReadOnlySpan<double> logMoneyness, ReadOnlySpan<double> vols)
    {
        if (!(timeToExpiry > 0 && timeToExpiry < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(timeToExpiry), timeToExpiry, "grid timeToExpiry must be in (0, 100) years.");
        }

        if (logMoneyness.Length < 1 || logMoneyness.Length != vols.Length)
        {
            throw new ArgumentException("grid needs at least one point and as many vols as log-moneyness points.", nameof(vols));
        }

        _k = new double[logMoneyness.Length];
        _w = new double[vols.Length];
        for (var i = 0; i < _k.Length; i++)
        {
            if (!double.IsFinite(logMoneyness[i]) || (i > 0 && !(logMoneyness[i] > logMoneyness[i - 1])))
            {
                throw new ArgumentException("grid log-moneyness points must be finite and strictly increasing.", nameof(logMoneyness));
            }

            if (!(vols[i] > 0 && vols[i] < 10))
            {
                throw new ArgumentOutOfRangeException(nameof(vols), vols[i], "grid vols must be in (0, 10).");
            }

            _k[i] = logMoneyness[i];
            _w[i] = vols[i] * vols[i] * timeToExpiry;
        }

        TimeToExpiry = timeToExpiry;
    }

    /// <inheritdoc />
    public override double TimeToExpiry { get; }

    /// <summary>Total implied variance at log-moneyness <paramref name="k"/>.</summary>
    public double TotalVariance(double k)
    {
        if (k <= _k[0])
        {
            return _w[0];
        }

        var last = _k.Length - 1;
        if (k >= _k[last])
        {
            return _w[last];
        }

        var hi = Array.BinarySearch(_k, k);
        if (hi >= 0)
        {
            return _w[hi];
        }

        hi = ~hi;
        var lo = hi - 1;
        var t = (k - _k[lo]) / (_k[hi] - _k[lo]);
        return _w[lo] + t * (_w[hi] - _w[lo]);
    }

    /// <inheritdoc />
    public override double Vol(double forward, double strike)
        => Math.Sqrt(TotalVariance(Math.Log(strike / forward)) / TimeToExpiry);
}
