namespace RiskGate.Engine.Orders;

/// <summary>Order type (same numbers as the wire enum).</summary>
public enum OrderType : byte
{
    /// <summary>A limit order: its price is checked (tick, collar) and used for notional and margin.</summary>
    Limit = 1,

    /// <summary>
    /// A market order: allowed only as IOC or FOK and only when a reference price exists; checked at the
    /// collar's far edge (reference + band for a buy, − band for a sell), the worst price it may trade at.
    /// </summary>
    Market = 2,
}
