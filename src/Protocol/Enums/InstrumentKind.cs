namespace RiskGate.Protocol.Enums;

/// <summary>Kind of instrument. Wire type <c>uint8</c>; the numbers never change.
/// Decoders return unknown values as they are; test them with <see cref="WireEnums.IsValid(InstrumentKind)"/>.</summary>
public enum InstrumentKind : byte
{
    /// <summary>Null: not given (invalid on a definition).</summary>
    None = 0,

    /// <summary>A future.</summary>
    Future = 1,

    /// <summary>A European option on a future of the same product group.</summary>
    Option = 2,
}
