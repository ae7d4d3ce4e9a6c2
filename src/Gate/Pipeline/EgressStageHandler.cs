using RiskGate.Gate.Api;
using RiskGate.Gate.Ring;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Messages;

namespace RiskGate.Gate.Pipeline;

/// <summary>
/// The ring's egress stage: rebuilds each slot's <see cref="GateDecision"/>, numbers it, encodes the wire
/// <c>OrderDecision</c> into a reused buffer and hands it to the user's handler, then the alerts its input raised.
/// </summary>
/// <remarks>Runs on the egress stage thread only; reads slots after the risk stage published them.</remarks>
/// <typeparam name="THandler">The user's decision handler.</typeparam>
internal struct EgressStageHandler<THandler> : IStageHandler<GateSlot>
    where THandler : struct, IDecisionHandler
{
    private readonly AlertBridge _alerts;
    private readonly long[] _decisionTimes;
    private readonly long _mask;
    private readonly byte[] _buffer;
    private readonly StrongBoxCounters _counters;

    // Not readonly: the user's handler is a mutable struct; a readonly field would call a defensive copy.
#pragma warning disable IDE0044
    private THandler _handler;
#pragma warning restore IDE0044
    private long _outbound;

    public EgressStageHandler(THandler handler, AlertBridge alerts, long[] decisionTimes, StrongBoxCounters counters)
    {
        _counters = counters;
        _handler = handler;
        _alerts = alerts;
        _decisionTimes = decisionTimes;
        _mask = decisionTimes.Length - 1;
        _buffer = new byte[Math.Max(OrderDecisionEncoder.Length, AccountAlertEncoder.Length)];
    }

    public readonly THandler Handler => _handler;

    public void OnLookahead(ref GateSlot ahead, long sequence)
    {
    }

    public void OnEvent(ref GateSlot slot, long sequence, bool endOfBatch)
    {
        GateDecision decision = default;
        var message = slot.Validity == SlotValidity.Valid ? slot.MessageSpan : default;
        MessageRouter.ReadIdentity(message, out decision.MessageType, out decision.ClientOrderId, out decision.AccountId, out decision.InstrumentId);
        decision.Sequence = ++_outbound;
        decision.InputSequence = sequence;
        decision.Reason = (RejectReason)slot.DecisionStatus;
        decision.Status = slot.DecisionStatus == 0 ? DecisionStatus.Accepted : DecisionStatus.Rejected;
        decision.InitialMarginBefore = slot.InitialMarginBefore;
        decision.InitialMarginAfter = slot.InitialMarginAfter;
        decision.Equity = slot.Equity;
        decision.Excess = slot.Excess;
        decision.ReceiveTimestampNs = slot.ReceiveTimestampNs;
        decision.DecisionTimeNs = _decisionTimes[sequence & _mask];
        decision.SourceId = slot.SourceId;
        var length = decision.Encode(_buffer);
        _handler.OnDecision(in decision, new ReadOnlySpan<byte>(_buffer, 0, length));

        while (_alerts.TryPeek(out var alert) && alert.InputSequence <= sequence)
        {
            ReadOnlySpan<byte> encoded = default;
            if (alert.IsWireKind)
            {
                alert.Sequence = ++_outbound;
                encoded = new ReadOnlySpan<byte>(_buffer, 0, alert.Encode(_buffer));
            }

            _handler.OnAlert(in alert, encoded);
            _alerts.Advance();
        }

        if (endOfBatch)
        {
            _handler.OnEndOfBatch();
            Volatile.Write(ref _counters.Value.EgressAllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
        }
    }
}
