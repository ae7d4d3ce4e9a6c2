namespace RiskGate.Gate.Api;

/// <summary>
/// Receives the gate's output on the egress thread. Implemented by a (mutable) struct used as the generic
/// argument of <see cref="Pipeline.GatePipeline{THandler}"/>, so calls are specialised, never virtual.
/// </summary>
/// <remarks>
/// Called only on the egress stage's thread, in input order: each decision, then the alerts its input
/// raised. The <c>encoded</c> spans are valid only during the call (a reused buffer): copy what
/// you keep. Do not block for long: a slow handler back-pressures the ring (producers see Busy).
/// An exception halts the gate (the pipeline's fault is then reported by <c>Fault</c>).
/// </remarks>
public interface IDecisionHandler
{
    /// <summary>One decision, with its wire <c>OrderDecision</c> encoding.</summary>
    void OnDecision(in GateDecision decision, ReadOnlySpan<byte> encoded);

    /// <summary>One alert, with its wire <c>AccountAlert</c> encoding (empty for engine-only kinds).</summary>
    void OnAlert(in GateAlert alert, ReadOnlySpan<byte> encoded);

    /// <summary>End of an egress batch: flush anything buffered.</summary>
    void OnEndOfBatch();
}
