using RiskGate.Engine.State;

namespace RiskGate.Engine.Orders;

/// <summary>
/// The fields of a NewOrder (or of the new side of a ReplaceOrder) as the engine reads them: external
/// ids, PRICE9 price mantissa, whole-contract quantity. Plain data passed by <c>in</c>.
/// </summary>
public struct OrderRequest
{
    /// <summary>Input sequence number (echoed in the decision).</summary>
    public long Sequence;

    /// <summary>The sender's message time, nanoseconds: drives the account's throttle and the order's own expiry checks; never engine time.</summary>
    public long Timestamp;

    /// <summary>External account id.</summary>
    public uint AccountId;

    /// <summary>External instrument id.</summary>
    public uint InstrumentId;

    /// <summary>Client order id.</summary>
    public ulong ClientOrderId;

    /// <summary>Buy or sell; anything else is rejected with InvalidSide.</summary>
    public OrderSide Side;

    /// <summary>Limit or market.</summary>
    public OrderType Type;

    /// <summary>Time in force.</summary>
    public TimeInForce TimeInForce;

    /// <summary>Contracts, &gt; 0.</summary>
    public long Quantity;

    /// <summary>Limit price as a PRICE9 mantissa; <see cref="long.MinValue"/> (null) on a market order, which is rejected with any other value.</summary>
    public long Price;

    /// <summary>Expire time of a GTD order, nanoseconds; negative (null on the wire) rejects a GTD order with InvalidTimeInForce.</summary>
    public long ExpireTime;
}
