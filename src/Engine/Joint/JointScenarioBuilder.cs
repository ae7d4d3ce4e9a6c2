namespace RiskGate.Engine.Joint;

/// <summary>Shared steps of the scenario builders. Any thread; allocates the set it returns.</summary>
internal static class JointScenarioBuilder
{
    public static double[] ValidateVolBetas(ReadOnlySpan<double> volBetas, int groupCount)
    {
        if (volBetas.Length != 0 && volBetas.Length != groupCount)
        {
            ThrowHelper.Argument(nameof(volBetas), "vol betas: give one per group or none.");
        }

        var betas = new double[groupCount];
        for (var g = 0; g < volBetas.Length; g++)
        {
            if (!(volBetas[g] is >= -20 and <= 20))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(volBetas), volBetas[g], "vol beta must be in [-20, 20].");
            }

            betas[g] = volBetas[g];
        }

        return betas;
    }

    /// <summary>Smallest horizon log shock used (a −100% move in all but name).</summary>
    public const double MinLogShock = -30.0;

    /// <summary>Largest horizon log shock used (×9.97), inside the set's +1000% limit.</summary>
    public const double MaxLogShock = 2.3;

    /// <summary>
    /// Equal-weight set from horizon log shocks xₛ,g (scenario-major): price shock exp(x) − 1, parallel
    /// vol shock exp(β_g·x) − 1, one tenor bucket; x and β·x clamped to [<see cref="MinLogShock"/>, <see cref="MaxLogShock"/>].
    /// </summary>
    public static JointScenarioSet FromLogShocks(ReadOnlySpan<double> logShocks, int groupCount, int horizonDays, ReadOnlySpan<double> betas, ReadOnlySpan<StressScenario> stresses)
    {
        var count = logShocks.Length / groupCount;
        var price = new double[logShocks.Length];
        var vol = new double[logShocks.Length];
        var weights = new double[count];
        for (var s = 0; s < count; s++)
        {
            weights[s] = 1.0 / count;
            for (var g = 0; g < groupCount; g++)
            {
                var i = s * groupCount + g;
                var x = Math.Clamp(logShocks[i], MinLogShock, MaxLogShock);
                price[i] = PortableMath.Exp(x) - 1.0;
                vol[i] = PortableMath.Exp(Math.Clamp(betas[g] * x, MinLogShock, MaxLogShock)) - 1.0;
            }
        }

        return new JointScenarioSet(groupCount, horizonDays, [JointScenarioSet.ParallelBucketYears], price, vol, weights, stresses);
    }
}
