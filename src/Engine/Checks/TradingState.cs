namespace RiskGate.Engine.Checks;

/// <summary>Trading state of a scope (same numbers as the wire enum). Severity grows with the value.</summary>
public enum TradingState : byte
{
    /// <summary>Orders are checked normally.</summary>
    Active = 1,

    /// <summary>Only orders that do not increase an absolute position pass.</summary>
    ReduceOnly = 2,

    /// <summary>No new order or replace passes (cancels always do).</summary>
    Halted = 3,
}
