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

    /// <summary>Message time, nanoseconds (throttle, expiry, engine time).</summary>
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

    /// <summary>Limit price as a PRICE9 mantissa (ignored for market orders).</summary>
    public long Price;

    /// <summary>Expire time of a GTD order, nanoseconds.</summary>
    public long ExpireTime;
}
