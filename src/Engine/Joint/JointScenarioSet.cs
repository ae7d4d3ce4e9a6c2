namespace RiskGate.Engine.Joint;

/// <summary>
/// A joint scenario set: N scenarios that each move every product group at once — a relative
/// futures price shock per group and a relative vol shock per group and tenor bucket — over a
/// horizon of whole days. The first <see cref="RegularCount"/> scenarios are the weighted
/// distribution the Expected Shortfall is taken over (historical or Monte Carlo; weights are
/// probabilities summing to 1); the last <see cref="StressCount"/> are stress scenarios added by hand,
/// whose weight is the fraction of their loss that counts.
/// </summary>
/// <remarks>
/// <para><b>Shocks.</b> Group g's futures move to F·(1 + pₛ,g) (every expiry of the group alike);
/// option vols move to max(σ·(1 + vₛ,g(T)), <see cref="Scenarios.ScanParameters.MinVol"/>) where T is the
/// option's time to expiry and vₛ,g(T) interpolates the bucket shocks linearly in T between the
/// bucket tenors <see cref="TenorBuckets"/>, flat outside them (one bucket = a parallel shock).
/// Options are aged by the horizon, <see cref="HorizonYears"/> = days / 365.</para>
/// <para>Immutable after construction; any thread may read it. Construction validates every value
/// and throws <see cref="ArgumentException"/> naming the setting. Replacing the set of a
/// <see cref="JointRiskArrayTable"/> (recalibration) starts a new epoch there.</para>
/// </remarks>
public sealed class JointScenarioSet
{
    /// <summary>Largest horizon in days.</summary>
    public const int MaxHorizonDays = 250;

    /// <summary>Largest number of scenarios (regular + stress).</summary>
    public const int MaxScenarios = 1 << 16;

    /// <summary>Largest relative shock accepted (+1000%).</summary>
    public const double MaxShock = 10.0;

    /// <summary>Default tenor of the single bucket of a parallel vol shock (30 days).</summary>
    public const double ParallelBucketYears = 30.0 / 365.0;

    private readonly double[] _priceShocks;
    private readonly double[] _volShocks;
    private readonly double[] _weights;
    private readonly double[] _tenors;
    private readonly string[] _stressNames;

    /// <summary>Creates and validates a set.</summary>
    /// <param name="groupCount">Number of product groups G, ≥ 1.</param>
    /// <param name="horizonDays">Horizon in days, in [1, <see cref="MaxHorizonDays"/>]; options are aged by it.</param>
    /// <param name="tenorBuckets">Vol shock bucket tenors in years, strictly increasing, each in (0, 100); one entry = parallel shock.</param>
    /// <param name="priceShocks">Regular scenarios' relative price shocks, scenario-major (R × G), each in (−1, <see cref="MaxShock"/>].</param>
    /// <param name="volShocks">Regular scenarios' relative vol shocks, scenario-major then group then bucket (R × G × B), each in (−1, <see cref="MaxShock"/>].</param>
    /// <param name="weights">Probability of each regular scenario (R ≥ 1), each finite and &gt; 0, summing to 1 within 1e-6 (stored renormalised).</param>
    /// <param name="stresses">Stress scenarios (may be empty), each with one shock per group; appended after the regular ones.</param>
    public JointScenarioSet(
        int groupCount,
        int horizonDays,
        ReadOnlySpan<double> tenorBuckets,
        ReadOnlySpan<double> priceShocks,
        ReadOnlySpan<double> volShocks,
        ReadOnlySpan<double> weights,
        ReadOnlySpan<StressScenario> stresses)
    {
        if (groupCount is < 1 or > 4096)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(groupCount), groupCount, "joint scenario group count must be in [1, 4096].");
        }

        if (horizonDays is < 1 or > MaxHorizonDays)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(horizonDays), horizonDays, "joint scenario horizon must be in [1, 250] days.");
        }

        if (tenorBuckets.Length < 1)
        {
            ThrowHelper.Argument(nameof(tenorBuckets), "joint scenario vol shocks need at least one tenor bucket.");
        }

        for (var b = 0; b < tenorBuckets.Length; b++)
        {
            if (!(tenorBuckets[b] is > 0 and < 100) || (b > 0 && !(tenorBuckets[b] > tenorBuckets[b - 1])))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(tenorBuckets), tenorBuckets[b], "tenor buckets must be in (0, 100) years and strictly increasing.");
            }
        }

        var regular = weights.Length;
        if (regular < 1 || regular + stresses.Length > MaxScenarios)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(weights), regular, "a joint scenario set needs 1 to 65536 scenarios, at least one regular.");
        }

        if (priceShocks.Length != regular * groupCount)
        {
            ThrowHelper.Argument(nameof(priceShocks), "price shocks must hold scenarios × groups values.");
        }

        if (volShocks.Length != regular * groupCount * tenorBuckets.Length)
        {
            ThrowHelper.Argument(nameof(volShocks), "vol shocks must hold scenarios × groups × tenor buckets values.");
        }

        double sum = 0;
        foreach (var w in weights)
        {
            if (!(w > 0) || !double.IsFinite(w))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(weights), w, "scenario weights must be finite and > 0.");
            }

            sum += w;
        }

        if (!(Math.Abs(sum - 1.0) <= 1e-6))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(weights), sum, "regular scenario weights must sum to 1.");
        }

        foreach (var p in priceShocks)
        {
            ValidateShock(nameof(priceShocks), p, "price shock");
        }

        foreach (var v in volShocks)
        {
            ValidateShock(nameof(volShocks), v, "vol shock");
        }

        var buckets = tenorBuckets.Length;
        var count = regular + stresses.Length;
        _priceShocks = new double[count * groupCount];
        _volShocks = new double[count * groupCount * buckets];
        _weights = new double[count];
        _stressNames = new string[stresses.Length];
        priceShocks.CopyTo(_priceShocks);
        volShocks.CopyTo(_volShocks);
        for (var s = 0; s < regular; s++)
        {
            _weights[s] = weights[s] / sum;
        }

        for (var k = 0; k < stresses.Length; k++)
        {
            var stress = stresses[k];
            if (stress is null || stress.PriceShocks.Length != groupCount)
            {
                ThrowHelper.Argument(nameof(stresses), "every stress scenario needs one shock per group.");
            }

            var s = regular + k;
            stress.PriceShocks.CopyTo(_priceShocks.AsSpan(s * groupCount, groupCount));
            for (var g = 0; g < groupCount; g++)
            {
                _volShocks.AsSpan((s * groupCount + g) * buckets, buckets).Fill(stress.VolShocks[g]);
            }

            _weights[s] = stress.Weight;
            _stressNames[k] = stress.Name;
        }

        _tenors = tenorBuckets.ToArray();
        GroupCount = groupCount;
        HorizonDays = horizonDays;
        RegularCount = regular;
        StressCount = stresses.Length;
    }

    /// <summary>Number of product groups.</summary>
    public int GroupCount { get; }

    /// <summary>Horizon in days.</summary>
    public int HorizonDays { get; }

    /// <summary>Horizon in years (days / 365), the time options are aged by.</summary>
    public double HorizonYears => HorizonDays / 365.0;

    /// <summary>Number of regular (weighted, ES) scenarios, indices [0, RegularCount).</summary>
    public int RegularCount { get; }

    /// <summary>Number of stress scenarios, indices [RegularCount, Count).</summary>
    public int StressCount { get; }

    /// <summary>Total number of scenarios.</summary>
    public int Count => RegularCount + StressCount;

    /// <summary>Vol shock bucket tenors in years.</summary>
    public ReadOnlySpan<double> TenorBuckets => _tenors;

    /// <summary>Weights of the regular scenarios (probabilities summing to 1).</summary>
    public ReadOnlySpan<double> RegularWeights => new(_weights, 0, RegularCount);

    /// <summary>Weight of scenario <paramref name="scenario"/>: a probability for a regular one, the counted fraction for a stress one.</summary>
    public double Weight(int scenario) => _weights[scenario];

    /// <summary>True when the scenario is a stress scenario.</summary>
    public bool IsStress(int scenario) => scenario >= RegularCount;

    /// <summary>Name of a stress scenario; "" for a regular one.</summary>
    public string Name(int scenario) => scenario >= RegularCount ? _stressNames[scenario - RegularCount] : string.Empty;

    /// <summary>Relative price shock of group <paramref name="group"/> in scenario <paramref name="scenario"/>.</summary>
    public double PriceShock(int scenario, int group) => _priceShocks[scenario * GroupCount + group];

    /// <summary>
    /// dF'/dF of group <paramref name="group"/> in scenario <paramref name="scenario"/>, 1 + pₛ,g: the kₛ of the
    /// node-wise expansion between anchors (DESIGN §5.2).
    /// </summary>
    public double PriceSlope(int scenario, int group) => 1.0 + _priceShocks[scenario * GroupCount + group];

    /// <summary>Relative vol shock of one tenor bucket.</summary>
    public double VolShock(int scenario, int group, int bucket) => _volShocks[(scenario * GroupCount + group) * _tenors.Length + bucket];

    /// <summary>Relative vol shock at tenor <paramref name="years"/>: linear between bucket tenors, flat outside.</summary>
    public double VolShockAt(int scenario, int group, double years)
    {
        LocateTenor(years, out var bucket, out var fraction);
        return InterpolatedVolShock(scenario, group, bucket, fraction);
    }

    /// <summary>
    /// Where <paramref name="years"/> falls among the buckets: the shock is
    /// (1 − <paramref name="fraction"/>)·v[<paramref name="bucket"/>] + fraction·v[bucket + 1] (fraction 0 at the ends).
    /// </summary>
    public void LocateTenor(double years, out int bucket, out double fraction)
    {
        var t = _tenors;
        if (years <= t[0])
        {
            bucket = 0;
            fraction = 0;
            return;
        }

        var last = t.Length - 1;
        if (years >= t[last])
        {
            bucket = last;
            fraction = 0;
            return;
        }

        var b = 0;
        while (t[b + 1] < years)
        {
            b++;
        }

        bucket = b;
        fraction = (years - t[b]) / (t[b + 1] - t[b]);
    }

    /// <summary>The vol shock for a tenor located with <see cref="LocateTenor"/>.</summary>
    public double InterpolatedVolShock(int scenario, int group, int bucket, double fraction)
    {
        var i = (scenario * GroupCount + group) * _tenors.Length + bucket;
        return fraction == 0 ? _volShocks[i] : (1.0 - fraction) * _volShocks[i] + fraction * _volShocks[i + 1];
    }

    internal static void ValidateShock(string paramName, double shock, string what)
    {
        if (!(shock > -1.0 && shock <= MaxShock))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, shock, what + " must be in (-1, 10].");
        }
    }
}
