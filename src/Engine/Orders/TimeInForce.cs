namespace RiskGate.Engine.Orders;

/// <summary>Time in force (same numbers as the wire enum).</summary>
public enum TimeInForce : byte
{
    /// <summary>Rests until the session end (<see cref="RiskEngineOptions.SessionEndNanoseconds"/>).</summary>
    Day = 1,

    /// <summary>Rests until cancelled or filled.</summary>
    GoodTillCancel = 2,

    /// <summary>Checked like a new order and not kept working (unless <see cref="RiskEngineOptions.ImmediateOrderHoldNanoseconds"/> holds it until its fill): the venue fills at once or cancels.</summary>
    ImmediateOrCancel = 3,

    /// <summary>As <see cref="ImmediateOrCancel"/>, all or nothing at the venue.</summary>
    FillOrKill = 4,

    /// <summary>Rests until its expire time.</summary>
    GoodTillDate = 5,
}
