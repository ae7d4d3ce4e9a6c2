namespace RiskGate.Protocol.Enums;

/// <summary>Trading state of an account, product group, instrument or the whole gate. Wire type <c>uint8</c>; the numbers never change.
/// Decoders return unknown values as they are; test them with <see cref="WireEnums.IsValid(TradingState)"/>.</summary>
public enum TradingState : byte
{
    /// <summary>Null: not given / leave unchanged.</summary>
    None = 0,

    /// <summary>Orders are checked normally.</summary>
    Active = 1,

    /// <summary>Only orders that reduce the position are accepted.</summary>
    ReduceOnly = 2,

    /// <summary>No order is accepted (kill switch).</summary>
    Halted = 3,
}
