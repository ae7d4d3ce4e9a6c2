namespace RiskGate.Gate.Pipeline;

/// <summary>The heap home of a gate's <see cref="StageCounters"/>, shared by its stage handlers (structs).</summary>
internal sealed class StrongBoxCounters
{
    /// <summary>The counters; written by the stage threads, see <see cref="StageCounters"/>.</summary>
    public StageCounters Value;
}
