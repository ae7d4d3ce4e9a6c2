namespace RiskGate.Protocol.Enums;

/// <summary>A wire boolean: exactly 0 or 1. Wire type <c>uint8</c>; the numbers never change.
/// Decoders return unknown values as they are; test them with <see cref="WireEnums.IsValid(BooleanType)"/>.</summary>
public enum BooleanType : byte
{
    /// <summary>False.</summary>
    False = 0,

    /// <summary>True.</summary>
    True = 1,
}
