namespace RiskGate.Protocol.Enums;

/// <summary>What a TradingControl applies to. Wire type <c>uint8</c>; the numbers never change.
/// Decoders return unknown values as they are; test them with <see cref="WireEnums.IsValid(ControlScope)"/>.</summary>
public enum ControlScope : byte
{
    /// <summary>Null: not given (invalid).</summary>
    None = 0,

    /// <summary>Every account and product group.</summary>
    Global = 1,

    /// <summary>One product group, every account.</summary>
    ProductGroup = 2,

    /// <summary>One account, every product group.</summary>
    Account = 3,

    /// <summary>One account in one product group.</summary>
    AccountProductGroup = 4,
}
