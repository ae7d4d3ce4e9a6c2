namespace RiskGate.Perf.Ring;

/// <summary>One throughput run: events moved, wall time from start signal to the last event consumed, consumer batches.</summary>
internal readonly record struct ThroughputSample(long Events, double Seconds, long Batches, long Errors, int Gen0Collections)
{
    public double EventsPerSecond => Seconds > 0 ? Events / Seconds : 0;

    public double AverageBatch => Batches > 0 ? (double)Events / Batches : 0;
}
