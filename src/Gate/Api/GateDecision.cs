using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Messages;

namespace RiskGate.Gate.Api;

/// <summary>
/// The gate's decision on one input message, as delivered to a <see cref="IDecisionHandler"/> (pipeline)
/// or returned by <see cref="DirectGate"/>. Plain data; encodes to the wire <c>OrderDecision</c>.
/// </summary>
/// <remarks>Money fields are MONEY4 mantissas (1.2345 is 12345); <see cref="long.MinValue"/> means "not
/// computed". A value type: copy it freely, it holds no reference.</remarks>
public struct GateDecision
{
    /// <summary>Outbound sequence, gap-free per gate starting at 1, shared with alerts.</summary>
    public long Sequence;

    /// <summary>Input sequence: the ring sequence of the message (direct mode: its own counter from 0).</summary>
    public long InputSequence;

    /// <summary>Kind of the input message (<see cref="MessageType.None"/> when it could not be read).</summary>
    public MessageType MessageType;

    /// <summary>Accepted or rejected.</summary>
    public DecisionStatus Status;

    /// <summary>Reject reason; <see cref="RejectReason.None"/> when accepted.</summary>
    public RejectReason Reason;

    /// <summary>Client order id of the input (request id for collateral and trading controls; 0 otherwise).</summary>
    public ulong ClientOrderId;

    /// <summary>Account of the input (0 when the message has none).</summary>
    public uint AccountId;

    /// <summary>Instrument of the input (<see cref="uint.MaxValue"/> when the message has none).</summary>
    public uint InstrumentId;

    /// <summary>Account initial margin before the message, MONEY4.</summary>
    public long InitialMarginBefore;

    /// <summary>Account initial margin after (accepted) or as it would be (rejected), MONEY4.</summary>
    public long InitialMarginAfter;

    /// <summary>Account equity, MONEY4.</summary>
    public long Equity;

    /// <summary>Equity minus initial margin after, MONEY4.</summary>
    public long Excess;

    /// <summary>The producer-supplied receive time of the input, nanoseconds.</summary>
    public long ReceiveTimestampNs;

    /// <summary>Engine time of the decision, nanoseconds.</summary>
    public long DecisionTimeNs;

    /// <summary>The producer-supplied source (session) id of the input.</summary>
    public long SourceId;

    /// <summary>True when accepted.</summary>
    public readonly bool IsAccepted => Status == DecisionStatus.Accepted;

    /// <summary>Encodes the wire <c>OrderDecision</c> into <paramref name="destination"/> (at least
    /// <see cref="OrderDecisionEncoder.Length"/> bytes). Any thread; no allocation.</summary>
    /// <returns>The encoded length.</returns>
    public readonly int Encode(Span<byte> destination) =>
        OrderDecisionEncoder.Wrap(destination)
            .Sequence((ulong)Sequence)
            .InputSequence((ulong)InputSequence)
            .ClientOrderId(ClientOrderId)
            .AccountId(AccountId)
            .InstrumentId(InstrumentId)
            .Status(Status)
            .RejectReason(Reason)
            .InitialMarginBefore(InitialMarginBefore)
            .InitialMarginAfter(InitialMarginAfter)
            .Equity(Equity)
            .Excess(Excess)
            .ReceiveTime((ulong)ReceiveTimestampNs)
            .DecisionTime((ulong)DecisionTimeNs)
            .EncodedLength;
}
