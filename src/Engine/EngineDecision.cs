namespace RiskGate.Engine;

/// <summary>
/// The engine's answer to one inbound message: plain data, everything the gate needs to encode an
/// <c>OrderDecision</c>. Margin fields are NaN when the message was rejected before the margin step (or
/// carries no margin, like market data).
/// </summary>
public struct EngineDecision
{
    /// <summary>Input sequence number passed in with the message.</summary>
    public long Sequence;

    /// <summary>True when accepted.</summary>
    public bool Accepted;

    /// <summary>Why rejected; <see cref="RejectCode.None"/> when accepted.</summary>
    public RejectCode Reason;

    /// <summary>External account id of the message (0 when none).</summary>
    public uint AccountId;

    /// <summary>Client order id of the message (0 when none).</summary>
    public ulong ClientOrderId;

    /// <summary>Initial margin before the message.</summary>
    public double InitialBefore;

    /// <summary>Initial margin after the message (as if the order were filled, worse side).</summary>
    public double InitialAfter;

    /// <summary>Equity before the message (after it, for collateral changes and fills).</summary>
    public double Equity;

    /// <summary>Equity − initial after.</summary>
    public double Excess;

    /// <summary>Remaining working quantity of the order after the message (0 when it no longer works); for an IOC/FOK the engine holds (<see cref="RiskEngineOptions.ImmediateOrderHoldNanoseconds"/>), the held quantity.</summary>
    public long LeavesQuantity;

    internal static EngineDecision Reject(long sequence, RejectCode reason, uint account, ulong clientOrderId)
        => new()
        {
            Sequence = sequence,
            Accepted = false,
            Reason = reason,
            AccountId = account,
            ClientOrderId = clientOrderId,
            InitialBefore = double.NaN,
            InitialAfter = double.NaN,
            Equity = double.NaN,
            Excess = double.NaN,
        };

    internal static EngineDecision Accept(long sequence, uint account, ulong clientOrderId)
        => new()
        {
            Sequence = sequence,
            Accepted = true,
            Reason = RejectCode.None,
            AccountId = account,
            ClientOrderId = clientOrderId,
            InitialBefore = double.NaN,
            InitialAfter = double.NaN,
            Equity = double.NaN,
            Excess = double.NaN,
        };
}
