namespace RiskGate.Protocol.Enums;

/// <summary>
/// Why a message was rejected: one closed enum shared by every path (in-process, TCP, journal). Wire type
/// <c>uint16</c>; <see cref="None"/> (0) means accepted. The numbers never change and are grouped by the check
/// that produces them (see docs/protocol.md).
/// </summary>
public enum RejectReason : ushort
{
    /// <summary>Accepted: no reason to reject.</summary>
    None = 0,

    /// <summary>The account is not known (fails closed).</summary>
    UnknownAccount = 1,

    /// <summary>The account exists but is disabled.</summary>
    AccountDisabled = 2,

    /// <summary>The session is not entitled to trade for the account.</summary>
    NotEntitled = 3,

    /// <summary>The instrument is not known (fails closed).</summary>
    UnknownInstrument = 10,

    /// <summary>The instrument is halted or otherwise not tradable.</summary>
    InstrumentNotTradable = 11,

    /// <summary>The instrument has expired at the later of engine time and the order's own sending time.</summary>
    InstrumentExpired = 12,

    /// <summary>A trading control halted the account, group or gate.</summary>
    TradingHalted = 20,

    /// <summary>The account, group or gate is reduce-only and the order would not reduce.</summary>
    ReduceOnly = 21,

    /// <summary>The client order id was already used by the account.</summary>
    DuplicateClientOrderId = 30,

    /// <summary>The side is missing or not a known value.</summary>
    InvalidSide = 31,

    /// <summary>The order type is missing or not a known value, or Market where no finite price collar bounds the price.</summary>
    InvalidOrderType = 32,

    /// <summary>The time in force is missing, unknown, not IOC or FOK on a market order, or GTD without an expire time.</summary>
    InvalidTimeInForce = 33,

    /// <summary>The GTD expire time is not after the later of engine time and the sending time.</summary>
    OrderExpired = 34,

    /// <summary>The quantity is not positive.</summary>
    InvalidQuantity = 35,

    /// <summary>The quantity exceeds the maximum order quantity.</summary>
    MaxOrderQuantityExceeded = 36,

    /// <summary>The price is missing on a limit order, not positive, or present on a market order; a fill's price is null, not positive for a future or negative for an option.</summary>
    InvalidPrice = 37,

    /// <summary>The price is not a multiple of the tick size.</summary>
    PriceNotOnTick = 38,

    /// <summary>The price is outside the collar around the reference price.</summary>
    PriceOutsideCollar = 39,

    /// <summary>No reference price is known to check the price or notional against.</summary>
    NoReferencePrice = 40,

    /// <summary>The order's notional exceeds the maximum.</summary>
    MaxNotionalExceeded = 50,

    /// <summary>Position plus same-side working orders plus the order exceed the limit.</summary>
    PositionLimitExceeded = 51,

    /// <summary>The account sent more messages than its throttle window allows.</summary>
    ThrottleExceeded = 52,

    /// <summary>The account has the maximum number of working orders.</summary>
    MaxWorkingOrdersExceeded = 53,

    /// <summary>Post-trade initial margin exceeds equity and the order does not reduce risk.</summary>
    InsufficientMargin = 60,

    /// <summary>A withdrawal would take equity below initial margin.</summary>
    WithdrawalExceedsExcess = 61,

    /// <summary>The collateral action or amount is missing, unknown or negative.</summary>
    InvalidCollateral = 62,

    /// <summary>A cancel or replace names an order that is not working.</summary>
    UnknownOrder = 70,

    /// <summary>A cancel, replace or fill names a working order of the account on another instrument (replace and fill: or another side).</summary>
    OrderMismatch = 71,

    /// <summary>A market price is missing, non-positive, of an unknown type or for a non-future.</summary>
    InvalidMarketData = 80,

    /// <summary>An instrument definition, risk parameter set, account limit, trading control or vol surface is invalid, inconsistent or cannot be applied.</summary>
    InvalidReferenceData = 81,

    /// <summary>A pre-sized table (accounts, orders, instruments) is full.</summary>
    CapacityExhausted = 90,

    /// <summary>The ring is full; the message was not accepted (back-pressure).</summary>
    GateBusy = 91,

    /// <summary>The message failed framing or structural validation.</summary>
    MalformedMessage = 92,

    /// <summary>The message's template is not accepted on this path.</summary>
    UnsupportedMessage = 93,

    /// <summary>An unexpected internal failure; the message had no effect.</summary>
    InternalError = 99,
}
