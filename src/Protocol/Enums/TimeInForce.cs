namespace RiskGate.Protocol.Enums;

/// <summary>How long an order works. Wire type <c>uint8</c>; the numbers never change.
/// Decoders return unknown values as they are; test them with <see cref="WireEnums.IsValid(TimeInForce)"/>.</summary>
public enum TimeInForce : byte
{
    /// <summary>Null: not given (invalid on a new order).</summary>
    None = 0,

    /// <summary>Until the end of the trading day.</summary>
    Day = 1,

    /// <summary>Until cancelled.</summary>
    GoodTillCancel = 2,

    /// <summary>Fill what is possible at once, cancel the rest.</summary>
    ImmediateOrCancel = 3,

    /// <summary>Fill completely at once or cancel.</summary>
    FillOrKill = 4,

    /// <summary>Until the order's expire time.</summary>
    GoodTillDate = 5,
}
