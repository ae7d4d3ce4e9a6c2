namespace RiskGate.Protocol.Enums;

/// <summary>What an AccountCollateral message does to the account's cash. Wire type <c>uint8</c>; the numbers never change.
/// Decoders return unknown values as they are; test them with <see cref="WireEnums.IsValid(CollateralAction)"/>.</summary>
public enum CollateralAction : byte
{
    /// <summary>Null: not given (invalid).</summary>
    None = 0,

    /// <summary>Add the amount.</summary>
    Deposit = 1,

    /// <summary>Remove the amount; rejected when it exceeds the excess.</summary>
    Withdraw = 2,

    /// <summary>Replace the balance by the amount (start of day).</summary>
    Set = 3,
}
