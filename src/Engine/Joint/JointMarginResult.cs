namespace RiskGate.Engine.Joint;

/// <summary>
/// The result of one joint (ES) margin calculation over the groups configured for Expected
/// Shortfall. Allocated once by <see cref="JointMarginCalculator.CreateResult"/> and overwritten by
/// each calculation; read it on the calculating thread before the next one.
/// </summary>
public sealed class JointMarginResult
{
    private readonly double[] _losses;
    private readonly int[] _tail;

    internal JointMarginResult(int scenarioStride)
    {
        _losses = new double[scenarioStride];
        _tail = new int[scenarioStride];
    }

    /// <summary>True when the portfolio holds a position in an ES group.</summary>
    public bool HasPositions { get; internal set; }

    /// <summary>Number of scenarios (length of <see cref="ScenarioLosses"/>): regular then stress.</summary>
    public int ScenarioCount { get; internal set; }

    /// <summary>Portfolio loss per scenario, L[s] = Σ qᵢ · rowᵢ[s] over ES-group positions (positive = loss, unweighted).</summary>
    public ReadOnlySpan<double> ScenarioLosses => new(_losses, 0, ScenarioCount);

    /// <summary>Expected Shortfall at the configured level over the regular scenarios.</summary>
    public double ExpectedShortfall { get; internal set; }

    /// <summary>Value-at-Risk at the configured level over the regular scenarios (reported, not charged).</summary>
    public double ValueAtRisk { get; internal set; }

    /// <summary>Largest stress loss × its weight; 0 when the set has no stress scenario.</summary>
    public double WorstStress { get; internal set; }

    /// <summary>0-based scenario index of <see cref="WorstStress"/>; −1 when none.</summary>
    public int WorstStressScenario { get; internal set; }

    /// <summary>Short option minimum add-on: Σ over ES groups of rate × short option contracts.</summary>
    public double ShortOptionMinimum { get; internal set; }

    /// <summary>max(0, ES, worst stress) + short option minimum: the ES groups' share of maintenance.</summary>
    public double Requirement { get; internal set; }

    /// <summary>Number of regular scenarios whose loss is at or above the VaR (the tail, boundary included).</summary>
    public int TailCount { get; internal set; }

    /// <summary>The tail scenarios' 0-based indices, worst first (ties by index).</summary>
    public ReadOnlySpan<int> TailScenarios => new(_tail, 0, TailCount);

    /// <summary>Unrealised P&amp;L of the futures positions in ES groups.</summary>
    public double FuturesPnl { get; internal set; }

    /// <summary>Market value of the option positions in ES groups (long positive).</summary>
    public double OptionValue { get; internal set; }

    internal Span<double> LossStorage => _losses;

    internal Span<int> TailStorage => _tail;
}
