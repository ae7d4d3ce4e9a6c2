using RiskGate.Gate.Api;

namespace RiskGate.Host.Simulate;

/// <summary>The egress callback of <c>riskgate simulate</c>: forwards to a <see cref="DecisionRecorder"/>. Egress thread only.</summary>
internal readonly struct RecorderHandler(DecisionRecorder recorder) : IDecisionHandler
{
    /// <inheritdoc />
    public void OnDecision(in GateDecision decision, ReadOnlySpan<byte> encoded) => recorder.OnDecision(decision);

    /// <inheritdoc />
    public void OnAlert(in GateAlert alert, ReadOnlySpan<byte> encoded) => recorder.OnAlert(alert);

    /// <inheritdoc />
    public void OnEndOfBatch()
    {
    }
}
