using RiskGate.Gate.Pipeline;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Messages;

namespace RiskGate.Gate.Api;

/// <summary>Decisions the caller makes without the engine (a full ring). Any thread; no allocation.</summary>
public static class GateRejects
{
    /// <summary>
    /// Builds the <see cref="RejectReason.GateBusy"/> reject of <paramref name="message"/> (identity read from
    /// the message; no margin; input sequence −1 and outbound sequence 0, since the gate never saw it) and
    /// encodes it as an <c>OrderDecision</c> into <paramref name="destination"/>
    /// (≥ <see cref="OrderDecisionEncoder.Length"/> bytes). The engine is not touched.
    /// </summary>
    /// <returns>The encoded length.</returns>
    public static int EncodeBusy(ReadOnlySpan<byte> message, long receiveTimestampNs, Span<byte> destination, out GateDecision decision)
    {
        decision = default;
        MessageRouter.ReadIdentity(message, out decision.MessageType, out decision.ClientOrderId, out decision.AccountId, out decision.InstrumentId);
        decision.InputSequence = -1;
        decision.Status = DecisionStatus.Rejected;
        decision.Reason = RejectReason.GateBusy;
        decision.InitialMarginBefore = Money4.Null;
        decision.InitialMarginAfter = Money4.Null;
        decision.Equity = Money4.Null;
        decision.Excess = Money4.Null;
        decision.ReceiveTimestampNs = receiveTimestampNs;
        decision.DecisionTimeNs = receiveTimestampNs;
        return decision.Encode(destination);
    }
}
