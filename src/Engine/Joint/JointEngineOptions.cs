namespace RiskGate.Engine.Joint;

/// <summary>
/// The engine's configuration of the joint (Expected Shortfall) methodology: which product groups use
/// it, the joint scenario set they share (its horizon included), the ES level and the bounded storage
/// of the incremental path. Immutable; any thread may read it. The constructor throws naming the
/// setting and its allowed range.
/// </summary>
/// <remarks>
/// Groups configured <see cref="MarginMethodology.ExpectedShortfall"/> are margined by
/// <see cref="JointIncrementalMargin"/> and left out of the scan; their short option minimum is the
/// group's <see cref="Margin.GroupRiskParameters.ShortOptionMinimum"/>, and their scan parameters still
/// set the re-anchor drift limit (the anchors are shared with the scan machinery).
/// </remarks>
public sealed class JointEngineOptions
{
    private readonly MarginMethodology[] _methodology;

    /// <summary>Creates the options.</summary>
    /// <param name="methodology">Methodology per product group (group index = position), at least one <see cref="MarginMethodology.ExpectedShortfall"/>.</param>
    /// <param name="scenarios">The joint scenario set installed at start-up (replace it with <see cref="RiskEngine.ReplaceJointScenarios"/>).</param>
    /// <param name="alpha">ES level, in [<see cref="ExpectedShortfall.MinAlpha"/>, <see cref="ExpectedShortfall.MaxAlpha"/>].</param>
    /// <param name="maxJointAccounts">Accounts that can hold ES-group instruments at once (the storage pool), in [1, 1048576].</param>
    /// <param name="maxScenarios">Largest set a recalibration may install, in [scenarios.Count, 65536]; 0 = the start-up set's count.</param>
    /// <param name="maxFuturesPerAccount">ES-group futures (underlyings) one account may hold or work, in [1, 64].</param>
    public JointEngineOptions(ReadOnlySpan<MarginMethodology> methodology, JointScenarioSet scenarios, double alpha = JointMarginOptions.DefaultAlpha, int maxJointAccounts = 1024, int maxScenarios = 0, int maxFuturesPerAccount = 8)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var any = false;
        foreach (var m in methodology)
        {
            if (m is not (MarginMethodology.Scan or MarginMethodology.ExpectedShortfall))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(methodology), m, "methodology must be Scan or ExpectedShortfall.");
            }

            any |= m == MarginMethodology.ExpectedShortfall;
        }

        if (!any)
        {
            ThrowHelper.Argument(nameof(methodology), "joint options need at least one ExpectedShortfall group.");
        }

        if (scenarios.GroupCount != methodology.Length)
        {
            ThrowHelper.Argument(nameof(scenarios), "the joint scenario set must shock exactly the configured product groups.");
        }

        if (!(alpha is >= ExpectedShortfall.MinAlpha and <= ExpectedShortfall.MaxAlpha))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(alpha), alpha, "ES level alpha must be in [0.5, 0.99999].");
        }

        if (maxJointAccounts is < 1 or > 1 << 20)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(maxJointAccounts), maxJointAccounts, "max joint accounts must be in [1, 1048576].");
        }

        if (maxScenarios == 0)
        {
            maxScenarios = scenarios.Count;
        }

        if (maxScenarios < scenarios.Count || maxScenarios > JointScenarioSet.MaxScenarios)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(maxScenarios), maxScenarios, "max joint scenarios must be in [the start-up set's count, 65536].");
        }

        if (maxFuturesPerAccount is < 1 or > 64)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(maxFuturesPerAccount), maxFuturesPerAccount, "max joint futures per account must be in [1, 64].");
        }

        _methodology = methodology.ToArray();
        Scenarios = scenarios;
        Alpha = alpha;
        MaxJointAccounts = maxJointAccounts;
        MaxScenarios = maxScenarios;
        MaxFuturesPerAccount = maxFuturesPerAccount;
    }

    /// <summary>Methodology per group.</summary>
    public ReadOnlySpan<MarginMethodology> Methodology => _methodology;

    /// <summary>The start-up joint scenario set.</summary>
    public JointScenarioSet Scenarios { get; }

    /// <summary>ES level.</summary>
    public double Alpha { get; }

    /// <summary>Size of the per-account storage pool: accounts holding or working ES-group instruments at the same time (an account that goes flat gives its slot back).</summary>
    public int MaxJointAccounts { get; }

    /// <summary>Largest scenario count a recalibration may install.</summary>
    public int MaxScenarios { get; }

    /// <summary>ES-group futures per account.</summary>
    public int MaxFuturesPerAccount { get; }
}
