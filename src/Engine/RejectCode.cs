namespace RiskGate.Engine;

/// <summary>
/// Why the engine refused a message. Names and numbers are identical to the wire enum
/// <c>RiskGate.Protocol.Enums.RejectReason</c> (the gate maps by cast; a gate test pins the equality).
/// Values are stable: add, never renumber.
/// </summary>
public enum RejectCode : ushort
{
    /// <summary>Accepted.</summary>
    None = 0,

    /// <summary>The account was never registered by an AccountLimits message.</summary>
    UnknownAccount = 1,

    /// <summary>The account is registered but disabled.</summary>
    AccountDisabled = 2,

    /// <summary>The session is not entitled to the account (gate only).</summary>
    NotEntitled = 3,

    /// <summary>The instrument was never defined.</summary>
    UnknownInstrument = 10,

    /// <summary>The instrument is defined but not tradable.</summary>
    InstrumentNotTradable = 11,

    /// <summary>The instrument's expiry is at or before the later of engine time and the order's own timestamp.</summary>
    InstrumentExpired = 12,

    /// <summary>Trading is halted for the account, its group or globally.</summary>
    TradingHalted = 20,

    /// <summary>Reduce-only state and the order would increase an absolute position.</summary>
    ReduceOnly = 21,

    /// <summary>The client order id is already working for the account.</summary>
    DuplicateClientOrderId = 30,

    /// <summary>Side is neither buy nor sell.</summary>
    InvalidSide = 31,

    /// <summary>Order type is neither limit nor market, or market where no finite collar bounds the price.</summary>
    InvalidOrderType = 32,

    /// <summary>Unknown time in force, a market order that would rest, or a GTD order without an expire time.</summary>
    InvalidTimeInForce = 33,

    /// <summary>A good-till-date order whose expire time is not after the later of engine time and its own timestamp.</summary>
    OrderExpired = 34,

    /// <summary>Quantity not &gt; 0.</summary>
    InvalidQuantity = 35,

    /// <summary>Quantity above the maximum order quantity.</summary>
    MaxOrderQuantityExceeded = 36,

    /// <summary>A limit price not &gt; 0, a market order with a price, or a fill price null, not &gt; 0 (future) or &lt; 0 (option).</summary>
    InvalidPrice = 37,

    /// <summary>Price not a multiple of the tick size.</summary>
    PriceNotOnTick = 38,

    /// <summary>Price outside the collar around the reference price.</summary>
    PriceOutsideCollar = 39,

    /// <summary>No reference price for the collar (no mark, no smile, group not anchored).</summary>
    NoReferencePrice = 40,

    /// <summary>Order notional above the maximum.</summary>
    MaxNotionalExceeded = 50,

    /// <summary>Position + same-side working + order above the position limit.</summary>
    PositionLimitExceeded = 51,

    /// <summary>Too many messages in the sliding window.</summary>
    ThrottleExceeded = 52,

    /// <summary>Too many working orders for the account.</summary>
    MaxWorkingOrdersExceeded = 53,

    /// <summary>Post-trade initial margin above post-trade equity and the order adds risk.</summary>
    InsufficientMargin = 60,

    /// <summary>A withdrawal would leave equity below initial margin.</summary>
    WithdrawalExceedsExcess = 61,

    /// <summary>Collateral amount or action invalid.</summary>
    InvalidCollateral = 62,

    /// <summary>No working order with that client order id.</summary>
    UnknownOrder = 70,

    /// <summary>The message contradicts the working order it refers to (instrument; for a replace or fill, also side).</summary>
    OrderMismatch = 71,

    /// <summary>Market data invalid (price null or not positive, unknown price type, not a future).</summary>
    InvalidMarketData = 80,

    /// <summary>Reference data invalid (bad or changed definition, limits, vol surface, trading control, late registration).</summary>
    InvalidReferenceData = 81,

    /// <summary>A pre-sized capacity is full.</summary>
    CapacityExhausted = 90,

    /// <summary>The ring was full (gate only).</summary>
    GateBusy = 91,

    /// <summary>The message could not be decoded (gate only).</summary>
    MalformedMessage = 92,

    /// <summary>The message kind is not supported (gate only).</summary>
    UnsupportedMessage = 93,

    /// <summary>An unexpected internal failure.</summary>
    InternalError = 99,
}
