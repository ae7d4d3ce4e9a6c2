namespace RiskGate.Engine.Scenarios;

/// <summary>
/// Standard scan-point sets, returned as fresh arrays (callers own them). Any thread may call these.
/// </summary>
public static class Spans
{
    /// <summary>SPAN's extreme move in units of the price scan range.</summary>
    public const double DefaultExtremeMove = 2.0;

    /// <summary>Fraction of the extreme-move loss SPAN counts.</summary>
    public const double DefaultExtremeWeight = 0.35;

    /// <summary>The 16 SPAN points with the default extremes (±2 × range at 35%), in CME order.</summary>
    public static ScanPoint[] Default16 => Span16(DefaultExtremeMove, DefaultExtremeWeight);

    /// <summary>
    /// The 16 SPAN points in the standard CME order: 1 unchanged vol up; 2 unchanged vol down;
    /// 3/4 up 1/3 vol up/down; 5/6 down 1/3; 7/8 up 2/3; 9/10 down 2/3; 11/12 up 3/3; 13/14 down 3/3;
    /// 15 up extreme; 16 down extreme (vol unchanged, weight <paramref name="extremeWeight"/>).
    /// </summary>
    /// <param name="extremeMove">Extreme move in units of the price range, in (1, 100].</param>
    /// <param name="extremeWeight">Fraction of the extreme loss counted, in (0, 1].</param>
    public static ScanPoint[] Span16(double extremeMove, double extremeWeight)
    {
        if (!(extremeMove is > 1 and <= 100))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(extremeMove), extremeMove, "extreme move must be in (1, 100] price ranges.");
        }

        if (!(extremeWeight is > 0 and <= 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(extremeWeight), extremeWeight, "extreme weight must be in (0, 1].");
        }

        var p = new ScanPoint[16];
        p[0] = new ScanPoint(0, +1, 1);
        p[1] = new ScanPoint(0, -1, 1);
        var n = 2;
        for (var third = 1; third <= 3; third++)
        {
            var u = third / 3.0;
            p[n++] = new ScanPoint(+u, +1, 1);
            p[n++] = new ScanPoint(+u, -1, 1);
            p[n++] = new ScanPoint(-u, +1, 1);
            p[n++] = new ScanPoint(-u, -1, 1);
        }

        p[14] = new ScanPoint(+extremeMove, 0, extremeWeight);
        p[15] = new ScanPoint(-extremeMove, 0, extremeWeight);
        return p;
    }

    /// <summary>
    /// A Deribit-style grid: <paramref name="priceSteps"/> price moves evenly spaced over [−1, +1]
    /// ranges (with a ±16% relative range and 9 steps: −16%, −12%, …, +16%), each with vol up,
    /// unchanged and down (pair it with a tenor exponent in <see cref="ScanParameters"/> for a
    /// tenor-dependent vol shock), then the extended far moves ±m for each m in
    /// <paramref name="extendedMoves"/>, vol unchanged, counted at <paramref name="extendedWeight"/>.
    /// Order: for each price move from lowest to highest, vol up, unchanged, down; then the
    /// extended moves, up before down.
    /// </summary>
    /// <param name="priceSteps">Number of price moves, odd, in [3, 41].</param>
    /// <param name="extendedMoves">Far moves in units of the price range, each &gt; 1.</param>
    /// <param name="extendedWeight">Fraction of the far-move loss counted, in (0, 1].</param>
    public static ScanPoint[] DeribitGrid(int priceSteps, ReadOnlySpan<double> extendedMoves, double extendedWeight)
    {
        if (priceSteps is < 3 or > 41 || priceSteps % 2 == 0)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(priceSteps), priceSteps, "Deribit grid price steps must be odd and in [3, 41].");
        }

        if (!(extendedWeight is > 0 and <= 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(extendedWeight), extendedWeight, "extended move weight must be in (0, 1].");
        }

        var p = new ScanPoint[priceSteps * 3 + extendedMoves.Length * 2];
        var n = 0;
        var half = priceSteps / 2;
        for (var i = -half; i <= half; i++)
        {
            var u = (double)i / half;
            p[n++] = new ScanPoint(u, +1, 1);
            p[n++] = new ScanPoint(u, 0, 1);
            p[n++] = new ScanPoint(u, -1, 1);
        }

        foreach (var m in extendedMoves)
        {
            if (!(m is > 1 and <= 100))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(extendedMoves), m, "extended moves must be in (1, 100] price ranges.");
            }

            p[n++] = new ScanPoint(+m, 0, extendedWeight);
            p[n++] = new ScanPoint(-m, 0, extendedWeight);
        }

        return p;
    }

    /// <summary>The default Deribit-style grid: 9 price steps, far moves at ±2 and ±3 ranges counted at 50%.</summary>
    public static ScanPoint[] DefaultDeribit => DeribitGrid(9, [2.0, 3.0], 0.5);
}
