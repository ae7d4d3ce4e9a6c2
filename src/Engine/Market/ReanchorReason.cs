namespace RiskGate.Engine.Market;

/// <summary>Why a product group got a new anchor (epoch). Values are stable: they appear in reports.</summary>
public enum ReanchorReason : byte
{
    /// <summary>No re-anchor happened.</summary>
    None = 0,

    /// <summary>A future of the group drifted past the drift limit since the anchor.</summary>
    PriceDrift = 1,

    /// <summary>The ATM vol of a future's options moved past the vol limit since the anchor.</summary>
    VolMove = 2,

    /// <summary>The anchor became older than the age limit (message time).</summary>
    Age = 3,

    /// <summary>Requested by the owner (start-up, new instruments, parameter change).</summary>
    Manual = 4,
}
