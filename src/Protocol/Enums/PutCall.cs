namespace RiskGate.Protocol.Enums;

/// <summary>Right of an option. Wire type <c>uint8</c>; the numbers never change.
/// Decoders return unknown values as they are; test them with <see cref="WireEnums.IsValid(PutCall)"/>.</summary>
public enum PutCall : byte
{
    /// <summary>Null: not an option (futures carry this).</summary>
    None = 0,

    /// <summary>Call.</summary>
    Call = 1,

    /// <summary>Put.</summary>
    Put = 2,
}
