namespace RiskGate.Protocol.Enums;

/// <summary>How a scan range is expressed. Wire type <c>uint8</c>; the numbers never change.
/// Decoders return unknown values as they are; test them with <see cref="WireEnums.IsValid(ScanRangeKind)"/>.</summary>
public enum ScanRangeKind : byte
{
    /// <summary>Null: not given (invalid).</summary>
    None = 0,

    /// <summary>A fraction of the current price (or vol).</summary>
    Relative = 1,

    /// <summary>An amount in price units (or vol points, 0.01 = 1 vol point).</summary>
    Absolute = 2,
}
