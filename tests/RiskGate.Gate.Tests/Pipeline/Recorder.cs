using RiskGate.Gate.Api;

namespace RiskGate.Gate.Tests.Pipeline;

/// <summary>Collects what a gate delivered (egress thread writes; the test reads after Stop).</summary>
internal sealed class Recorder(int capacity)
{
    public List<GateDecision> Decisions { get; } = new(capacity);

    public List<GateAlert> Alerts { get; } = new(capacity);

    public List<byte[]> Encoded { get; } = new(capacity);

    public bool KeepEncoded { get; init; }

    public ManualResetEventSlim? Gate { get; init; }

    public int Batches { get; set; }
}

/// <summary>A handler that records into a <see cref="Recorder"/>; optionally blocks on its gate first.</summary>
internal readonly struct RecordingHandler(Recorder recorder) : IDecisionHandler
{
    public Recorder Recorder => recorder;

    public void OnDecision(in GateDecision decision, ReadOnlySpan<byte> encoded)
    {
        recorder.Gate?.Wait();
        recorder.Decisions.Add(decision);
        if (recorder.KeepEncoded)
        {
            recorder.Encoded.Add(encoded.ToArray());
        }
    }

    public void OnAlert(in GateAlert alert, ReadOnlySpan<byte> encoded) => recorder.Alerts.Add(alert);

    public void OnEndOfBatch() => recorder.Batches++;
}
