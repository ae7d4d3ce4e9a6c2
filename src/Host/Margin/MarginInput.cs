using RiskGate.Engine.Instruments;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Host.Margin;

/// <summary>A validated <c>riskgate margin</c> input: engine objects plus the names to report them by.</summary>
internal sealed class MarginInput
{
    public required DateOnly ValuationDate { get; init; }

    public required string[] GroupNames { get; init; }

    public required string[] GroupPointSets { get; init; }

    public required string[] Symbols { get; init; }

    public required InstrumentTable Instruments { get; init; }

    public required MarketSnapshot Market { get; init; }

    public required MarginOptions Options { get; init; }

    public required RiskArrayTable Arrays { get; init; }

    public required Portfolio Portfolio { get; init; }

    public required IReadOnlyList<CandidateOrder> Orders { get; init; }

    public required double MoneyPrecision { get; init; }

    /// <summary>Methodology per group ("methodology" in the file; scan by default).</summary>
    public required MarginMethodology[] Methodology { get; init; }

    /// <summary>The joint scenario set of the "joint" block; null when every group is scanned.</summary>
    public required JointScenarioSet? JointSet { get; init; }

    /// <summary>ES level of the "joint" block.</summary>
    public required double Alpha { get; init; }
}
