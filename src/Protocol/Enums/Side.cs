namespace RiskGate.Protocol.Enums;

/// <summary>Side of an order or fill. Wire type <c>uint8</c>; the numbers never change.
/// Decoders return unknown values as they are; test them with <see cref="WireEnums.IsValid(Side)"/>.</summary>
public enum Side : byte
{
    /// <summary>Null: no side given (invalid on orders and fills).</summary>
    None = 0,

    /// <summary>Buy.</summary>
    Buy = 1,

    /// <summary>Sell.</summary>
    Sell = 2,
}
