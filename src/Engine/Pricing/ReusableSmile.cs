namespace RiskGate.Engine.Pricing;

/// <summary>
/// A smile that is rewritten in place: raw SVI or a strike grid of up to <see cref="GridCapacity"/>
/// points, with exactly the arithmetic of <see cref="SviSmile"/> and <see cref="GridSmile"/> (the same
/// validation, the same numbers bit for bit). It lets a market-data path replace a future's smile on every
/// VolSurface message without allocating: the owner keeps one per future and hands the same object to the
/// market state each time.
/// </summary>
/// <remarks>
/// <para><b>Thread</b>: unlike the immutable smiles, this one changes; only the engine's thread may set or
/// read it (the engine reads smiles on its own thread only).</para>
/// <para>A failed <see cref="TrySetSvi"/> / <see cref="TrySetGrid"/> leaves the smile exactly as it was.</para>
/// <para><b>Allocation</b>: the grid arrays at construction; nothing afterwards.</para>
/// </remarks>
public sealed class ReusableSmile : VolSmile
{
    private readonly double[] _k;
    private readonly double[] _w;
    private bool _isGrid;
    private int _count;
    private double _timeToExpiry;
    private double _a;
    private double _b;
    private double _rho;
    private double _m;
    private double _sigma;

    /// <summary>Creates an empty smile (not usable until set) able to hold grids of up to <paramref name="gridCapacity"/> points.</summary>
    /// <param name="gridCapacity">Largest grid, ≥ 1.</param>
    public ReusableSmile(int gridCapacity)
    {
        if (gridCapacity < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(gridCapacity), gridCapacity, "grid capacity must be >= 1.");
        }

        _k = new double[gridCapacity];
        _w = new double[gridCapacity];
    }

    /// <summary>Largest number of grid points the smile holds.</summary>
    public int GridCapacity => _k.Length;

    /// <summary>True once a set succeeded.</summary>
    public bool IsSet => _timeToExpiry > 0;

    /// <summary>True when the current form is a grid, false for SVI.</summary>
    public bool IsGrid => _isGrid;

    /// <inheritdoc />
    public override double TimeToExpiry => _timeToExpiry;

    /// <summary>
    /// Validates raw SVI parameters with <see cref="SviSmile.Validate"/> and, when valid, makes this smile
    /// that SVI. Returns the validation (the smile is unchanged when invalid). Allocates nothing.
    /// </summary>
    public SmileValidation TrySetSvi(double timeToExpiry, double a, double b, double rho, double m, double sigma)
    {
        var validation = SviSmile.Validate(timeToExpiry, a, b, rho, m, sigma);
        if (!validation.IsValid)
        {
            return validation;
        }

        _isGrid = false;
        _count = 0;
        _timeToExpiry = timeToExpiry;
        _a = a;
        _b = b;
        _rho = rho;
        _m = m;
        _sigma = sigma;
        return validation;
    }

    /// <summary>
    /// Validates a grid with <see cref="GridSmile.Validate"/> (and against <see cref="GridCapacity"/>) and,
    /// when valid, makes this smile that grid. Returns the validation (the smile is unchanged when invalid).
    /// Allocates nothing.
    /// </summary>
    public SmileValidation TrySetGrid(double timeToExpiry, ReadOnlySpan<double> logMoneyness, ReadOnlySpan<double> vols)
    {
        if (logMoneyness.Length > _k.Length)
        {
            return new SmileValidation(SmileError.OutOfRange, "logMoneyness", logMoneyness.Length, -1);
        }

        var validation = GridSmile.Validate(timeToExpiry, logMoneyness, vols);
        if (!validation.IsValid)
        {
            return validation;
        }

        logMoneyness.CopyTo(_k);
        for (var i = 0; i < vols.Length; i++)
        {
            _w[i] = vols[i] * vols[i] * timeToExpiry;
        }

        _isGrid = true;
        _count = logMoneyness.Length;
        _timeToExpiry = timeToExpiry;
        return validation;
    }

    /// <summary>Total implied variance at log-moneyness <paramref name="k"/> (the formula of the current form).</summary>
    public override double TotalVariance(double k)
    {
        if (!_isGrid)
        {
            var x = k - _m;
            return _a + (_b * ((_rho * x) + Math.Sqrt((x * x) + (_sigma * _sigma))));
        }

        return GridSmile.Interpolate(_k.AsSpan(0, _count), _w.AsSpan(0, _count), k);
    }

    /// <inheritdoc />
    public override double Vol(double forward, double strike)
        => Math.Sqrt(TotalVariance(Math.Log(strike / forward)) / _timeToExpiry);
}
