namespace RiskGate.Engine.Scenarios;

/// <summary>How a scan range is applied to a price or a volatility.</summary>
public enum ScanRangeKind : byte
{
    /// <summary>A fraction of the current level: x' = x · (1 + move · range).</summary>
    Relative = 1,

    /// <summary>An amount in the level's own units: x' = x + move · range.</summary>
    Absolute = 2,
}
