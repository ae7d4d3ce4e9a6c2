namespace RiskGate.Protocol.Enums;

/// <summary>Outcome of a risk decision. Wire type <c>uint8</c>; the numbers never change.
/// Decoders return unknown values as they are; test them with <see cref="WireEnums.IsValid(DecisionStatus)"/>.</summary>
public enum DecisionStatus : byte
{
    /// <summary>Null: not given (never sent).</summary>
    None = 0,

    /// <summary>The message passed every check.</summary>
    Accepted = 1,

    /// <summary>The message failed a check; the reject reason says which.</summary>
    Rejected = 2,
}
