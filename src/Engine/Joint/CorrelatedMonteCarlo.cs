namespace RiskGate.Engine.Joint;

/// <summary>
/// Builds a joint scenario set by correlated Monte Carlo: horizon log returns of the groups drawn
/// jointly normal with the given correlation matrix and annual volatilities, from a seeded
/// <see cref="Xoshiro256StarStar"/> (so a seed gives the same set on every run and platform). Any
/// thread may call it; it allocates the set it returns.
/// </summary>
/// <remarks>
/// <para><b>Validation</b> of the correlation matrix C (G × G, row-major): symmetric within
/// <see cref="SymmetryTolerance"/>, unit diagonal within the same tolerance, off-diagonal entries in
/// [−1, 1], and positive semi-definite: a Cholesky factorisation C = L·Lᵀ is attempted column by
/// column; a pivot below −<see cref="PivotTolerance"/> means C is not PSD; a pivot within ±tolerance is
/// a zero column (a singular but valid matrix, e.g. ρ = 1), accepted only if the rest of that column
/// is itself zero within 10 × tolerance, otherwise C is not PSD either.</para>
/// <para><b>Scenario</b> s: zₛ = L·εₛ with εₛ standard normals (Marsaglia polar), horizon log return
/// xₛ,g = σg·√(h/252)·zₛ,g − ½σg²·h/252 (the drift keeps E[F'] = F), price shock exp(xₛ,g) − 1,
/// parallel vol shock exp(βg·xₛ,g) − 1. Annual vols are per 252 trading days; the horizon is in days.
/// Weight 1/N each, then the stress scenarios.</para>
/// </remarks>
public static class CorrelatedMonteCarlo
{
    /// <summary>Tolerance for symmetry and the unit diagonal.</summary>
    public const double SymmetryTolerance = 1e-9;

    /// <summary>Tolerance on Cholesky pivots for positive semi-definiteness.</summary>
    public const double PivotTolerance = 1e-10;

    /// <summary>Trading days per year for annual volatilities.</summary>
    public const double TradingDaysPerYear = 252.0;

    /// <summary>
    /// Validates <paramref name="correlation"/> (row-major, <paramref name="size"/>²) and returns its lower
    /// Cholesky factor, row-major; throws <see cref="ArgumentException"/> naming what is wrong.
    /// </summary>
    public static double[] Factor(ReadOnlySpan<double> correlation, int size)
    {
        if (size < 1 || correlation.Length != size * size)
        {
            ThrowHelper.Argument(nameof(correlation), "correlation matrix must hold groups × groups values.");
        }

        for (var i = 0; i < size; i++)
        {
            if (!(Math.Abs(correlation[i * size + i] - 1.0) <= SymmetryTolerance))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(correlation), correlation[i * size + i], "correlation matrix must have a unit diagonal (row " + i + ").");
            }

            for (var j = 0; j < i; j++)
            {
                var a = correlation[i * size + j];
                var b = correlation[j * size + i];
                if (!(a is >= -1 - SymmetryTolerance and <= 1 + SymmetryTolerance) || !(b is >= -1 - SymmetryTolerance and <= 1 + SymmetryTolerance))
                {
                    ThrowHelper.ArgumentOutOfRange(nameof(correlation), a, "correlations must be in [-1, 1] (row " + i + ", column " + j + ").");
                }

                if (!(Math.Abs(a - b) <= SymmetryTolerance))
                {
                    ThrowHelper.ArgumentOutOfRange(nameof(correlation), a - b, "correlation matrix must be symmetric (row " + i + ", column " + j + ").");
                }
            }
        }

        var l = new double[size * size];
        for (var j = 0; j < size; j++)
        {
            var d = correlation[j * size + j];
            for (var k = 0; k < j; k++)
            {
                d -= l[j * size + k] * l[j * size + k];
            }

            if (d < -PivotTolerance)
            {
                ThrowHelper.Argument(nameof(correlation), "correlation matrix is not positive semi-definite (pivot " + j + " is negative).");
            }

            var singular = d <= PivotTolerance;
            var pivot = singular ? 0.0 : Math.Sqrt(d);
            l[j * size + j] = pivot;
            for (var i = j + 1; i < size; i++)
            {
                var x = correlation[i * size + j];
                for (var k = 0; k < j; k++)
                {
                    x -= l[i * size + k] * l[j * size + k];
                }

                if (singular)
                {
                    if (!(Math.Abs(x) <= 10 * PivotTolerance))
                    {
                        ThrowHelper.Argument(nameof(correlation), "correlation matrix is not positive semi-definite (column " + j + ").");
                    }
                }
                else
                {
                    l[i * size + j] = x / pivot;
                }
            }
        }

        return l;
    }

    /// <summary>Builds the scenario set; throws naming the setting on bad input.</summary>
    /// <param name="correlation">Correlation matrix of the groups' returns, row-major G × G.</param>
    /// <param name="annualVols">Annual volatility per group (per 252 trading days), each in (0, 5].</param>
    /// <param name="horizonDays">Horizon in days, in [1, 250].</param>
    /// <param name="scenarioCount">Number of scenarios drawn, in [1, 65536 − stresses].</param>
    /// <param name="seed">Generator seed.</param>
    /// <param name="volBetas">Spot–vol elasticity per group, each in [−20, 20] (empty = all 0).</param>
    /// <param name="stresses">Stress scenarios appended after the drawn ones.</param>
    public static JointScenarioSet Build(ReadOnlySpan<double> correlation, ReadOnlySpan<double> annualVols, int horizonDays, int scenarioCount, ulong seed, ReadOnlySpan<double> volBetas, ReadOnlySpan<StressScenario> stresses)
    {
        var groups = annualVols.Length;
        if (groups < 1)
        {
            ThrowHelper.Argument(nameof(annualVols), "Monte Carlo needs one annual vol per group.");
        }

        foreach (var v in annualVols)
        {
            if (!(v is > 0 and <= 5))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(annualVols), v, "annual vols must be in (0, 5].");
            }
        }

        if (horizonDays is < 1 or > JointScenarioSet.MaxHorizonDays)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(horizonDays), horizonDays, "joint scenario horizon must be in [1, 250] days.");
        }

        if (scenarioCount < 1 || scenarioCount + stresses.Length > JointScenarioSet.MaxScenarios)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(scenarioCount), scenarioCount, "Monte Carlo scenario count must be in [1, 65536] including stresses.");
        }

        var l = Factor(correlation, groups);
        var betas = JointScenarioBuilder.ValidateVolBetas(volBetas, groups);
        var logShocks = new double[scenarioCount * groups];
        Generate(l, annualVols, horizonDays, seed, logShocks);
        return JointScenarioBuilder.FromLogShocks(logShocks, groups, horizonDays, betas, stresses);
    }

    /// <summary>
    /// Fills <paramref name="logShocks"/> (scenario-major N × G) with correlated horizon log returns
    /// from the Cholesky factor <paramref name="cholesky"/> (see <see cref="Factor"/>).
    /// </summary>
    public static void Generate(ReadOnlySpan<double> cholesky, ReadOnlySpan<double> annualVols, int horizonDays, ulong seed, Span<double> logShocks)
    {
        var groups = annualVols.Length;
        if (groups < 1 || cholesky.Length != groups * groups || logShocks.Length % groups != 0)
        {
            ThrowHelper.Argument(nameof(logShocks), "Monte Carlo buffers must be sized scenarios × groups with a groups × groups factor.");
        }

        var rng = new Xoshiro256StarStar(seed);
        Span<double> eps = groups <= 64 ? stackalloc double[groups] : new double[groups];
        var years = horizonDays / TradingDaysPerYear;
        var sqrtYears = Math.Sqrt(years);
        var count = logShocks.Length / groups;
        for (var s = 0; s < count; s++)
        {
            for (var g = 0; g < groups; g++)
            {
                eps[g] = rng.NextGaussian();
            }

            for (var g = 0; g < groups; g++)
            {
                double z = 0;
                for (var k = 0; k <= g; k++)
                {
                    z += cholesky[g * groups + k] * eps[k];
                }

                var sigma = annualVols[g];
                logShocks[s * groups + g] = sigma * sqrtYears * z - 0.5 * sigma * sigma * years;
            }
        }
    }
}
