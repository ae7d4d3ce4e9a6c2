using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Pipeline;

/// <summary>
/// The ring's risk stage: decides each slot in place with the <see cref="MessageRouter"/> (the engine's only
/// writer) and writes the decision into the slot; alerts go to the <see cref="AlertBridge"/>.
/// </summary>
/// <remarks>Runs on the risk stage thread only. An invalid slot (a producer failure) gets a
/// <c>MalformedMessage</c> decision like any undecodable message, so every input gets exactly one decision.</remarks>
internal struct RiskStageHandler : IStageHandler<GateSlot>
{
    private readonly MessageRouter _router;
    private readonly AlertBridge _alerts;
    private readonly long[] _decisionTimes;
    private readonly long _mask;
    private readonly StrongBoxCounters _counters;
    private long _aheadSequence;
    private int _aheadToken;

    public RiskStageHandler(MessageRouter router, AlertBridge alerts, long[] decisionTimes, StrongBoxCounters counters)
    {
        _counters = counters;
        _router = router;
        _alerts = alerts;
        _decisionTimes = decisionTimes;
        _mask = decisionTimes.Length - 1;
        _aheadSequence = -1;
        _aheadToken = -1;
    }

    // Two-step prefetch while the current message is decided: the message two ahead gets its account's
    // headers loading, the one just ahead (whose headers the previous call started) its rows and vectors.
    public void OnLookahead(ref GateSlot ahead, long sequence)
    {
        if (_aheadSequence == sequence - 1)
        {
            _router.PrefetchRows(_aheadToken);
        }

        _aheadToken = ahead.Validity == SlotValidity.Valid ? _router.Prefetch(ahead.MessageSpan) : -1;
        _aheadSequence = sequence;
    }

    public void OnEvent(ref GateSlot slot, long sequence, bool endOfBatch)
    {
        var sink = new AlertBridge.Sink(_alerts);
        var message = slot.Validity == SlotValidity.Valid ? slot.MessageSpan : default;
        _router.Decide(message, sequence, slot.ReceiveTimestampNs, slot.SourceId, out var decision, ref sink);
        slot.DecisionStatus = (ushort)decision.Reason;
        slot.InitialMarginBefore = decision.InitialMarginBefore;
        slot.InitialMarginAfter = decision.InitialMarginAfter;
        slot.Equity = decision.Equity;
        slot.Excess = decision.Excess;
        slot.DecisionSequence = sequence;
        _decisionTimes[sequence & _mask] = decision.DecisionTimeNs;
        if (endOfBatch)
        {
            Volatile.Write(ref _counters.Value.RiskAllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
        }
    }
}
