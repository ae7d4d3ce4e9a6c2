using System.Diagnostics;
using RiskGate.Gate.Api;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Messages;

namespace RiskGate.Host.Simulate;

/// <summary>
/// What the simulation learns from the gate's output: decision counts by status and reason, alerts, the
/// decision-stream hash and end-to-end latency of orders (decision visible − the receive timestamp the
/// producer stamped at publish, or the intended send time when the rate is fixed). Written only by the
/// egress thread (or the direct-mode caller); read by the main thread after the gate stopped. Allocates
/// nothing per decision.
/// </summary>
internal sealed class DecisionRecorder
{
    private const int ReasonSlots = 1024;

    private static readonly double TicksToNanoseconds = 1e9 / Stopwatch.Frequency;

    private DecisionHash _hash;

    /// <summary>Reject counts indexed by wire reason code (codes ≥ 1024 land in the last slot).</summary>
    public long[] Rejects { get; } = new long[ReasonSlots];

    /// <summary>Order latencies (new and replace), ns.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Decisions seen (every kind).</summary>
    public long Decisions { get; private set; }

    /// <summary>Accepted decisions.</summary>
    public long Accepted { get; private set; }

    /// <summary>Margin-call alerts.</summary>
    public long MarginCalls { get; private set; }

    /// <summary>Liquidation-warning alerts.</summary>
    public long LiquidationWarnings { get; private set; }

    private long _lastInput = -1;

    /// <summary>Highest input sequence seen: progress only, any thread (a relaxed read of a value the egress thread publishes).</summary>
    public long LastInput => Volatile.Read(ref _lastInput);

    /// <summary>The decision-stream hash so far.</summary>
    public ulong Hash => _hash.Value;

    /// <summary>The current time in the units of the receive timestamps (Stopwatch-based nanoseconds).</summary>
    public static long Now() => (long)(Stopwatch.GetTimestamp() * TicksToNanoseconds);

    /// <summary>Records one decision (egress thread).</summary>
    public void OnDecision(in GateDecision d)
    {
        var now = Now();
        Decisions++;
        if (d.IsAccepted)
        {
            Accepted++;
        }
        else
        {
            Rejects[Math.Min((int)d.Reason, ReasonSlots - 1)]++;
        }

        if (d.MessageType is MessageType.NewOrder or MessageType.ReplaceOrder)
        {
            Latency.Record(now - d.ReceiveTimestampNs);
        }

        _hash.Add(d.InputSequence, d.IsAccepted, (int)d.Reason, d.InitialMarginAfter);
        Volatile.Write(ref _lastInput, d.InputSequence);
    }

    /// <summary>Records one alert (egress thread).</summary>
    public void OnAlert(in GateAlert a)
    {
        if (a.Kind == AlertKind.MarginCall)
        {
            MarginCalls++;
        }
        else if (a.Kind == AlertKind.LiquidationWarning)
        {
            LiquidationWarnings++;
        }
    }
}
