namespace RiskGate.Protocol;

/// <summary>Identity of the RiskGate wire schema. Constants only; any thread may read them.</summary>
public static class ProtocolInfo
{
    /// <summary>SBE schema id carried in every message header.</summary>
    public const ushort SchemaId = 0x5247; // "RG"

    /// <summary>Current schema version. Fields are only ever appended; older readers honour the block length.</summary>
    public const ushort SchemaVersion = 1;
}
