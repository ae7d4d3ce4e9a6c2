namespace RiskGate.Engine.State;

/// <summary>
/// Result of an account-state operation or of an incremental margin check that could not be
/// evaluated. Values are stable; <see cref="CapacityExhausted"/> maps to the reject reason of the same
/// name.
/// </summary>
public enum StateStatus : byte
{
    /// <summary>Done.</summary>
    Ok = 1,

    /// <summary>The account index is outside the store.</summary>
    UnknownAccount = 2,

    /// <summary>The instrument index is not registered.</summary>
    UnknownInstrument = 3,

    /// <summary>A pre-sized capacity (position slots, group slots) is full; nothing was changed.</summary>
    CapacityExhausted = 4,

    /// <summary>Quantity zero, negative where a size is expected, or more than is working.</summary>
    InvalidQuantity = 5,

    /// <summary>Price or money amount not finite.</summary>
    InvalidPrice = 6,

    /// <summary>The instrument's group has no anchor yet (the market was never set up).</summary>
    MarketNotAnchored = 7,
}
