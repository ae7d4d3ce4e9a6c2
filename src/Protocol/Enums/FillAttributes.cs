namespace RiskGate.Protocol.Enums;

/// <summary>Flags on a fill, as a venue reports them. Unknown bits are preserved and ignored. Wire type <c>uint8</c>; the numbers never change.
/// Decoders return unknown values as they are; test them with <see cref="WireEnums.IsValid(FillAttributes)"/>.</summary>
[Flags]
public enum FillAttributes : byte
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>This fill completes the order (leaves quantity is zero).</summary>
    OrderComplete = 1,

    /// <summary>The order was the aggressor (taker) in the trade.</summary>
    Aggressor = 2,

    /// <summary>The fill corrects an earlier fill with the same exec id.</summary>
    Correction = 4,
}
