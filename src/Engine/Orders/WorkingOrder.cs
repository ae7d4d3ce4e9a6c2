using RiskGate.Engine.State;

namespace RiskGate.Engine.Orders;

/// <summary>One slot of the <see cref="OrderBook"/> pool: a working order and its list links. Plain data.</summary>
public struct WorkingOrder
{
    /// <summary>Client order id (unique per account among working orders).</summary>
    public ulong ClientOrderId;

    /// <summary>Dense account index.</summary>
    public int Account;

    /// <summary>Dense instrument index.</summary>
    public int Instrument;

    /// <summary>Product group of the instrument.</summary>
    public int Group;

    /// <summary>Buy or sell.</summary>
    public OrderSide Side;

    /// <summary>Time in force (Day, GTC or GTD; IOC/FOK only while held, <see cref="RiskEngineOptions.ImmediateOrderHoldNanoseconds"/>).</summary>
    public TimeInForce TimeInForce;

    /// <summary>Limit price, PRICE9 mantissa.</summary>
    public long Price;

    /// <summary>Remaining (unfilled) quantity, &gt; 0 while working.</summary>
    public long Leaves;

    /// <summary>Expiry in message-time nanoseconds; <see cref="long.MaxValue"/> for GTC; acceptance engine time + the hold for a held IOC/FOK.</summary>
    public long ExpireNanoseconds;

    /// <summary>True while the slot holds a working order.</summary>
    public bool InUse;

    internal int NextInAccount;
    internal int PrevInAccount;
    internal int NextFree;
}
