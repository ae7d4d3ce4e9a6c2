namespace RiskGate.Protocol.Enums;

/// <summary>What a market price is. Wire type <c>uint8</c>; the numbers never change.
/// Decoders return unknown values as they are; test them with <see cref="WireEnums.IsValid(MarketPriceType)"/>.</summary>
public enum MarketPriceType : byte
{
    /// <summary>Null: not given (invalid).</summary>
    None = 0,

    /// <summary>Last trade price.</summary>
    Trade = 1,

    /// <summary>Mark (mid or fair) price used intraday.</summary>
    Mark = 2,

    /// <summary>Official settlement price.</summary>
    Settlement = 3,
}
