namespace RiskGate.Engine.Joint;

/// <summary>
/// Builds a joint scenario set by filtered historical simulation (Barone-Adesi et al.; the method
/// behind Eurex Prisma and CME SPAN 2): each historical day's returns, all groups together, are
/// rescaled from the volatility of their day to today's volatility, so co-movements are those
/// history saw and magnitudes are today's. Any thread may call it; it allocates the set it returns.
/// </summary>
/// <remarks>
/// <para>Input: daily log returns rₜ,g = ln(Fₜ/Fₜ₋₁) for days t = 1..T (oldest first), day-major
/// (T × G).</para>
/// <para><b>EWMA (RiskMetrics).</b> σ²ₜ is the variance forecast for day t made at the close of day
/// t − 1: σ²₁ = (1/T)·Σₜ rₜ² (the zero-mean sample variance of the whole history: the seed), and
/// σ²ₜ₊₁ = λ·σ²ₜ + (1 − λ)·rₜ². Today's volatility is the forecast for the next day, σ_now = σ_{T+1}.</para>
/// <para><b>Filtering.</b> r̃ₜ,g = rₜ,g · σ_now,g / σₜ,g. <b>Horizon</b> h days by square-root-of-time
/// scaling of the one-day filtered return (not overlapping h-day sums, which would cut the number of
/// independent scenarios by h): the price shock is pₜ,g = exp(√h · r̃ₜ,g) − 1, so prices stay positive.</para>
/// <para><b>Scenarios</b>: the most recent <c>scenarioCount</c> days (the EWMA runs over the whole
/// history), each with weight 1 / scenarioCount, then the stress scenarios. <b>Vols</b> move in
/// parallel with the price: vₜ,g = exp(βg · √h · r̃ₜ,g) − 1, with βg the group's spot–vol elasticity
/// (0 = vols unchanged; e.g. −2 lifts vols ≈ 22% on a −10% day).</para>
/// </remarks>
public static class FilteredHistoricalSimulation
{
    /// <summary>RiskMetrics' daily decay factor.</summary>
    public const double DefaultLambda = 0.94;

    /// <summary>
    /// Runs the EWMA filter: <paramref name="conditionalVol"/> receives σₜ,g (T × G, the forecast used
    /// for day t), <paramref name="currentVol"/> σ_now,g (G), <paramref name="filteredReturns"/> r̃ₜ,g (T × G).
    /// Throws naming the setting on bad input (lengths, λ outside (0, 1), non-finite returns, a group
    /// whose history has no variance).
    /// </summary>
    public static void Filter(ReadOnlySpan<double> logReturns, int groupCount, double lambda, Span<double> conditionalVol, Span<double> currentVol, Span<double> filteredReturns)
    {
        if (groupCount < 1 || logReturns.Length < 2 * groupCount || logReturns.Length % groupCount != 0)
        {
            ThrowHelper.Argument(nameof(logReturns), "history must hold at least two days of one log return per group, day-major.");
        }

        if (!(lambda is > 0 and < 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(lambda), lambda, "EWMA lambda must be in (0, 1).");
        }

        var days = logReturns.Length / groupCount;
        if (conditionalVol.Length < logReturns.Length || filteredReturns.Length < logReturns.Length || currentVol.Length < groupCount)
        {
            ThrowHelper.Argument(nameof(conditionalVol), "filter outputs are shorter than the history.");
        }

        foreach (var r in logReturns)
        {
            if (!double.IsFinite(r) || Math.Abs(r) > 5)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(logReturns), r, "daily log returns must be finite with |r| <= 5.");
            }
        }

        for (var g = 0; g < groupCount; g++)
        {
            double seed = 0;
            for (var t = 0; t < days; t++)
            {
                var r = logReturns[t * groupCount + g];
                seed += r * r;
            }

            seed /= days;
            if (!(seed > 0))
            {
                ThrowHelper.Argument(nameof(logReturns), "history of group " + g + " has no variance: every return is zero.");
            }

            var variance = seed;
            for (var t = 0; t < days; t++)
            {
                var r = logReturns[t * groupCount + g];
                conditionalVol[t * groupCount + g] = Math.Sqrt(variance);
                variance = lambda * variance + (1.0 - lambda) * r * r;
            }

            var now = Math.Sqrt(variance);
            currentVol[g] = now;
            for (var t = 0; t < days; t++)
            {
                var i = t * groupCount + g;
                filteredReturns[i] = logReturns[i] * now / conditionalVol[i];
            }
        }
    }

    /// <summary>Builds the scenario set; throws naming the setting on bad input.</summary>
    /// <param name="logReturns">Daily log returns, day-major T × G, oldest day first, T ≥ 2.</param>
    /// <param name="groupCount">Number of product groups G.</param>
    /// <param name="horizonDays">Horizon in days, in [1, 250].</param>
    /// <param name="scenarioCount">Number of most recent days used as scenarios, in [1, T].</param>
    /// <param name="lambda">EWMA decay, in (0, 1); <see cref="DefaultLambda"/> by convention.</param>
    /// <param name="volBetas">Spot–vol elasticity per group, each in [−20, 20] (empty = all 0).</param>
    /// <param name="stresses">Stress scenarios appended after the historical ones.</param>
    public static JointScenarioSet Build(ReadOnlySpan<double> logReturns, int groupCount, int horizonDays, int scenarioCount, double lambda, ReadOnlySpan<double> volBetas, ReadOnlySpan<StressScenario> stresses)
    {
        if (groupCount < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(groupCount), groupCount, "group count must be >= 1.");
        }

        var days = logReturns.Length / groupCount;
        if (scenarioCount < 1 || scenarioCount > days)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(scenarioCount), scenarioCount, "historical scenario count must be in [1, days of history].");
        }

        if (horizonDays is < 1 or > JointScenarioSet.MaxHorizonDays)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(horizonDays), horizonDays, "joint scenario horizon must be in [1, 250] days.");
        }

        var betas = JointScenarioBuilder.ValidateVolBetas(volBetas, groupCount);
        var sigma = new double[logReturns.Length];
        var now = new double[groupCount];
        var filtered = new double[logReturns.Length];
        Filter(logReturns, groupCount, lambda, sigma, now, filtered);

        var sqrtH = Math.Sqrt(horizonDays);
        var first = days - scenarioCount;
        var logShocks = filtered.AsSpan(first * groupCount, scenarioCount * groupCount);
        for (var i = 0; i < logShocks.Length; i++)
        {
            logShocks[i] *= sqrtH;
        }

        return JointScenarioBuilder.FromLogShocks(logShocks, groupCount, horizonDays, betas, stresses);
    }
}
