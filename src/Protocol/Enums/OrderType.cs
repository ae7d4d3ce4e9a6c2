namespace RiskGate.Protocol.Enums;

/// <summary>Order type. Wire type <c>uint8</c>; the numbers never change.
/// Decoders return unknown values as they are; test them with <see cref="WireEnums.IsValid(OrderType)"/>.</summary>
public enum OrderType : byte
{
    /// <summary>Null: not given (invalid on a new order).</summary>
    None = 0,

    /// <summary>Limit order: executes at the given price or better.</summary>
    Limit = 1,

    /// <summary>Market order: no limit price; priced against the reference price for risk.</summary>
    Market = 2,
}
