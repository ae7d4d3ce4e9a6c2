namespace RiskGate.Protocol.Enums;

/// <summary>Kind of an outbound account alert. Wire type <c>uint8</c>; the numbers never change.
/// Decoders return unknown values as they are; test them with <see cref="WireEnums.IsValid(AlertKind)"/>.</summary>
public enum AlertKind : byte
{
    /// <summary>Null: not given (never sent).</summary>
    None = 0,

    /// <summary>Equity fell below maintenance margin; the account turns reduce-only.</summary>
    MarginCall = 1,

    /// <summary>Equity fell below the liquidation threshold.</summary>
    LiquidationWarning = 2,

    /// <summary>The account's effective trading state changed.</summary>
    TradingStateChanged = 3,

    /// <summary>Equity is back above maintenance margin.</summary>
    MarginCallCleared = 4,

    /// <summary>Working orders were cancelled by a trading control.</summary>
    OrdersCancelledByKillSwitch = 5,
}
