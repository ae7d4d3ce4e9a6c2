namespace RiskGate.Engine.Scenarios;

/// <summary>
/// The scan setup of one product group: the scan points (data, never hard-coded in the margin loop),
/// the price scan range, the vol scan range, and the look-ahead time that ages options.
/// Immutable after construction; any thread may read it.
/// </summary>
/// <remarks>
/// <para>Price at node s: relative F·(1 + uₛ·R), absolute F + uₛ·R, with uₛ the node's
/// <see cref="ScanPoint.PriceMove"/> and R the price scan range.</para>
/// <para>Vol at node s: relative σ·(1 + vₛ·Rσ·τ), absolute σ + vₛ·Rσ·τ, floored at <see cref="MinVol"/>,
/// where τ = (<see cref="VolShockReferenceYears"/> / max(T, 1 day))^<see cref="VolShockTenorExponent"/>
/// is the tenor factor (1 when the exponent is 0, the SPAN convention; Deribit-style grids shock short
/// expiries harder with an exponent such as 0.3).</para>
/// <para>Construction validates every setting and throws <see cref="ArgumentException"/> naming it.</para>
/// </remarks>
public sealed class ScanParameters
{
    /// <summary>Lowest volatility a vol shock can produce.</summary>
    public const double MinVol = 1e-4;

    /// <summary>One day in years (ACT/365), the default look-ahead.</summary>
    public const double OneDay = 1.0 / 365.0;

    /// <summary>Largest number of scan points accepted.</summary>
    public const int MaxPoints = 256;

    private readonly ScanPoint[] _points;

    // Per node, formed once from the same operands as the per-call expressions they replace (so every
    // shocked value is bit for bit unchanged): 1 + uₛ·R (relative) or uₛ·R (absolute), and vₛ·Rσ.
    private readonly double[] _priceTerm;
    private readonly double[] _volShock;

    /// <summary>Creates and validates a scan setup.</summary>
    /// <param name="points">Scan points, 1..<see cref="MaxPoints"/>; copied.</param>
    /// <param name="priceScanRange">Price scan range: a fraction of the price (relative) or price points (absolute).</param>
    /// <param name="priceScanKind">Relative or absolute price range.</param>
    /// <param name="volScanRange">Vol scan range: a fraction of the vol (relative) or vol units, 0.05 = 5 vol points (absolute).</param>
    /// <param name="volScanKind">Relative or absolute vol range.</param>
    /// <param name="lookAheadYears">Time the options are aged by in every scenario, in [0, 1] years.</param>
    /// <param name="volShockTenorExponent">Tenor exponent of the vol shock, in [0, 2]; 0 = same shock for every expiry.</param>
    /// <param name="volShockReferenceYears">Tenor at which the tenor factor is 1, in (0, 10] years.</param>
    public ScanParameters(
        ReadOnlySpan<ScanPoint> points,
        double priceScanRange,
        ScanRangeKind priceScanKind,
        double volScanRange,
        ScanRangeKind volScanKind,
        double lookAheadYears = OneDay,
        double volShockTenorExponent = 0.0,
        double volShockReferenceYears = 30.0 / 365.0)
    {
        if (points.Length is < 1 or > MaxPoints)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(points), points.Length, "scan points: need 1 to 256 points.");
        }

        if (priceScanKind is not (ScanRangeKind.Relative or ScanRangeKind.Absolute))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(priceScanKind), priceScanKind, "price scan kind must be Relative or Absolute.");
        }

        if (volScanKind is not (ScanRangeKind.Relative or ScanRangeKind.Absolute))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(volScanKind), volScanKind, "vol scan kind must be Relative or Absolute.");
        }

        if (!(priceScanRange > 0) || !double.IsFinite(priceScanRange))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(priceScanRange), priceScanRange, "price scan range must be finite and > 0.");
        }

        if (!(volScanRange >= 0) || !(volScanRange < (volScanKind == ScanRangeKind.Relative ? 1.0 : 5.0)))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(volScanRange), volScanRange, "vol scan range must be in [0, 1) relative or [0, 5) absolute.");
        }

        if (!(lookAheadYears is >= 0 and <= 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(lookAheadYears), lookAheadYears, "look-ahead must be in [0, 1] years.");
        }

        if (!(volShockTenorExponent is >= 0 and <= 2))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(volShockTenorExponent), volShockTenorExponent, "vol shock tenor exponent must be in [0, 2].");
        }

        if (!(volShockReferenceYears is > 0 and <= 10))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(volShockReferenceYears), volShockReferenceYears, "vol shock reference tenor must be in (0, 10] years.");
        }

        _points = points.ToArray();
        for (var s = 0; s < _points.Length; s++)
        {
            ref readonly var p = ref _points[s];
            if (!double.IsFinite(p.PriceMove) || Math.Abs(p.PriceMove) > 100)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(points), p.PriceMove, "scan point price move must be finite with |move| <= 100 (point " + (s + 1) + ").");
            }

            if (!double.IsFinite(p.VolMove) || Math.Abs(p.VolMove) > 10)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(points), p.VolMove, "scan point vol move must be finite with |move| <= 10 (point " + (s + 1) + ").");
            }

            if (!(p.Weight is > 0 and <= 1))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(points), p.Weight, "scan point weight must be in (0, 1] (point " + (s + 1) + ").");
            }

            if (priceScanKind == ScanRangeKind.Relative && !(Math.Abs(p.PriceMove) * priceScanRange < 1))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(priceScanRange), priceScanRange, "relative price scan range times |price move| must stay below 1 so prices stay positive (point " + (s + 1) + ").");
            }
        }

        _priceTerm = new double[_points.Length];
        _volShock = new double[_points.Length];
        for (var s = 0; s < _points.Length; s++)
        {
            var u = _points[s].PriceMove;
            _priceTerm[s] = priceScanKind == ScanRangeKind.Relative ? 1.0 + u * priceScanRange : u * priceScanRange;
            _volShock[s] = _points[s].VolMove * volScanRange;
        }

        PriceScanRange = priceScanRange;
        PriceScanKind = priceScanKind;
        VolScanRange = volScanRange;
        VolScanKind = volScanKind;
        LookAheadYears = lookAheadYears;
        VolShockTenorExponent = volShockTenorExponent;
        VolShockReferenceYears = volShockReferenceYears;
    }

    /// <summary>The scan points in report order (node s is reported as scenario s + 1).</summary>
    public ReadOnlySpan<ScanPoint> Points => _points;

    /// <summary>Number of scan points.</summary>
    public int Count => _points.Length;

    /// <summary>Price scan range (fraction or points, see <see cref="PriceScanKind"/>).</summary>
    public double PriceScanRange { get; }

    /// <summary>Relative or absolute price range.</summary>
    public ScanRangeKind PriceScanKind { get; }

    /// <summary>Vol scan range (fraction or vol units, see <see cref="VolScanKind"/>).</summary>
    public double VolScanRange { get; }

    /// <summary>Relative or absolute vol range.</summary>
    public ScanRangeKind VolScanKind { get; }

    /// <summary>Time options are aged by in every scenario, in years.</summary>
    public double LookAheadYears { get; }

    /// <summary>Exponent of the tenor factor of the vol shock (0 = none).</summary>
    public double VolShockTenorExponent { get; }

    /// <summary>Tenor in years at which the tenor factor is 1.</summary>
    public double VolShockReferenceYears { get; }

    /// <summary>The price at node <paramref name="node"/> when the price is now <paramref name="price"/>.</summary>
    public double ShockedPrice(int node, double price)
        => PriceScanKind == ScanRangeKind.Relative ? price * _priceTerm[node] : price + _priceTerm[node];

    /// <summary>
    /// dF'/dF at node <paramref name="node"/>: 1 + uₛ·R for a relative scan, 1 for an absolute one
    /// (the kₛ of the incremental expansion, DESIGN §5.2).
    /// </summary>
    public double PriceSlope(int node)
        => PriceScanKind == ScanRangeKind.Relative ? _priceTerm[node] : 1.0;

    /// <summary>
    /// Writes <see cref="ShockedPrice"/> of every node, in node order, to the first <see cref="Count"/>
    /// elements of <paramref name="prices"/> (bit for bit the per-node values). Allocates nothing.
    /// </summary>
    public void ShockedPrices(double price, Span<double> prices)
    {
        var terms = _priceTerm.AsSpan();
        prices = prices[..terms.Length];
        if (PriceScanKind == ScanRangeKind.Relative)
        {
            for (var s = 0; s < terms.Length; s++)
            {
                prices[s] = price * terms[s];
            }
        }
        else
        {
            for (var s = 0; s < terms.Length; s++)
            {
                prices[s] = price + terms[s];
            }
        }
    }

    /// <summary>The vol at node <paramref name="node"/> for an option with <paramref name="timeToExpiry"/> years left whose vol is now <paramref name="vol"/>.</summary>
    public double ShockedVol(int node, double vol, double timeToExpiry)
    {
        if (_points[node].VolMove == 0)
        {
            return vol;
        }

        var tenor = VolShockTenorExponent > 0;
        return ShockedNonZeroVol(node, vol, tenor, tenor ? TenorFactor(timeToExpiry) : 1.0);
    }

    /// <summary>
    /// Writes <see cref="ShockedVol"/> of every node, in node order, to the first <see cref="Count"/>
    /// elements of <paramref name="vols"/> (bit for bit the per-node values; the tenor factor, which
    /// depends on the expiry only, is evaluated once). Allocates nothing.
    /// </summary>
    public void ShockedVols(double vol, double timeToExpiry, Span<double> vols)
    {
        var count = _points.Length;
        vols = vols[..count];
        var tenor = VolShockTenorExponent > 0;
        var factor = tenor ? TenorFactor(timeToExpiry) : 1.0;
        for (var s = 0; s < count; s++)
        {
            vols[s] = _points[s].VolMove == 0 ? vol : ShockedNonZeroVol(s, vol, tenor, factor);
        }
    }

    // τ = (reference / max(T, 1 day))^exponent.
    private double TenorFactor(double timeToExpiry)
        => Math.Pow(VolShockReferenceYears / Math.Max(timeToExpiry, OneDay), VolShockTenorExponent);

    // The node's vol for a non-zero vol move, given whether the tenor factor applies and its value.
    private double ShockedNonZeroVol(int node, double vol, bool tenor, double tenorFactor)
    {
        var shock = _volShock[node];
        if (tenor)
        {
            shock *= tenorFactor;
        }

        var shocked = VolScanKind == ScanRangeKind.Relative ? vol * (1.0 + shock) : vol + shock;
        return shocked > MinVol ? shocked : MinVol;
    }
}
