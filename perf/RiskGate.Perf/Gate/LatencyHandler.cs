using RiskGate.Gate.Api;

namespace RiskGate.Perf.Gate;

/// <summary>Egress callback of the harness's pipeline runs. Egress thread only.</summary>
internal readonly struct LatencyHandler(LatencyRecorder recorder) : IDecisionHandler
{
    /// <inheritdoc />
    public void OnDecision(in GateDecision decision, ReadOnlySpan<byte> encoded) => recorder.Record(decision.InputSequence, decision.ReceiveTimestampNs, decision.IsAccepted);

    /// <inheritdoc />
    public void OnAlert(in GateAlert alert, ReadOnlySpan<byte> encoded)
    {
    }

    /// <inheritdoc />
    public void OnEndOfBatch()
    {
    }
}
