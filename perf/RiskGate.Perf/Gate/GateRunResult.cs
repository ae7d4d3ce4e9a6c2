using HdrHistogram;

namespace RiskGate.Perf.Gate;

/// <summary>One open-loop (or max-rate) run of one implementation.</summary>
internal sealed record GateRunResult(string Impl, long OfferedPerSecond, double AchievedPerSecond, LongHistogram Latency, long Messages, long Decided, long Accepted, int GcCollections, long AllocatedBytes)
{
    /// <summary>Every submitted message got a decision.</summary>
    public bool Complete => Decided == Messages;
}
