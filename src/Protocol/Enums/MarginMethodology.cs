namespace RiskGate.Protocol.Enums;

/// <summary>How a product group's margin is computed. Wire type <c>uint8</c>; the numbers never change.
/// Decoders return unknown values as they are; test them with <see cref="WireEnums.IsValid(MarginMethodology)"/>.</summary>
public enum MarginMethodology : byte
{
    /// <summary>Null: not given (invalid).</summary>
    None = 0,

    /// <summary>SPAN-style scan of the scan points; the worst weighted loss.</summary>
    Scan = 1,

    /// <summary>Portfolio VaR / Expected Shortfall over the scenario set at the confidence level.</summary>
    ExpectedShortfall = 2,
}
