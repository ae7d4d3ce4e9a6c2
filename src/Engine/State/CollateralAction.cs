namespace RiskGate.Engine.State;

/// <summary>What an AccountCollateral message does (same numbers as the wire enum).</summary>
public enum CollateralAction : byte
{
    /// <summary>Adds the amount (&gt; 0) to cash.</summary>
    Deposit = 1,

    /// <summary>Removes the amount (&gt; 0) from cash unless equity after would be below initial margin.</summary>
    Withdraw = 2,

    /// <summary>Sets cash to the amount (≥ 0, start of day or reconciliation).</summary>
    Set = 3,
}
