namespace RiskGate.Host.Simulate;

/// <summary>What one <c>riskgate simulate</c> run measured; the shape of its summary and JSON (DESIGN §10).</summary>
internal sealed class SimulateResult
{
    /// <summary>Rejects by engine reason name, sorted by name.</summary>
    public SortedDictionary<string, long> Rejected { get; } = new(StringComparer.Ordinal);

    /// <summary>Messages driven (setup included).</summary>
    public long Messages { get; set; }

    /// <summary>Offered rate, messages per second (0 = as fast as the ring takes them).</summary>
    public long OfferedPerSecond { get; set; }

    /// <summary>Seed.</summary>
    public ulong Seed { get; set; }

    /// <summary>Accounts.</summary>
    public int Accounts { get; set; }

    /// <summary>Seconds from the first publish to the last decision.</summary>
    public double ElapsedSeconds { get; set; }

    /// <summary>Seconds spent generating the session (not timed in throughput).</summary>
    public double GenerationSeconds { get; set; }

    /// <summary>Messages per second through the gate.</summary>
    public double ThroughputPerSecond { get; set; }

    /// <summary>FNV-1a over every decision.</summary>
    public ulong DecisionHash { get; set; }

    /// <summary>Accepted decisions (every kind).</summary>
    public long Accepted { get; set; }

    /// <summary>Margin-call alerts raised.</summary>
    public long MarginCalls { get; set; }

    /// <summary>Liquidation warnings raised.</summary>
    public long LiquidationWarnings { get; set; }

    /// <summary>Orders (new and replace) latencies recorded.</summary>
    public long LatencySamples { get; set; }

    /// <summary>50th percentile latency (publish → decision visible), ns.</summary>
    public long P50 { get; set; }

    /// <summary>90th percentile latency (publish → decision visible), ns.</summary>
    public long P90 { get; set; }

    /// <summary>99th percentile latency (publish → decision visible), ns.</summary>
    public long P99 { get; set; }

    /// <summary>99.9th percentile latency (publish → decision visible), ns.</summary>
    public long P999 { get; set; }

    /// <summary>99.99th percentile latency (publish → decision visible), ns.</summary>
    public long P9999 { get; set; }

    /// <summary>Largest latency, ns.</summary>
    public long Max { get; set; }

    /// <summary>Integrated initial margin of the sampled accounts.</summary>
    public double IntegratedInitial { get; set; }

    /// <summary>Sum over the sampled accounts of each position margined alone.</summary>
    public double StandaloneInitial { get; set; }

    /// <summary>Accounts in the netting sample.</summary>
    public int NettingAccounts { get; set; }

    /// <summary>Order checks compared against full revaluation.</summary>
    public long ApproximationSamples { get; set; }

    /// <summary>Largest relative error of the fast path.</summary>
    public double MaxRelativeError { get; set; }

    /// <summary>99th percentile relative error of the fast path.</summary>
    public double P99RelativeError { get; set; }

    /// <summary>Orders the fast path accepted that full revaluation rejects.</summary>
    public long FalseAccepts { get; set; }

    /// <summary>Orders the fast path rejected that full revaluation accepts.</summary>
    public long FalseRejects { get; set; }

    /// <summary>Garbage collections (all generations) during the timed run.</summary>
    public int GcCollections { get; set; }

    /// <summary>Times the ring was full and the producer retried.</summary>
    public long BusyRetries { get; set; }

    /// <summary>Bytes allocated by the whole process during the timed run.</summary>
    public long AllocatedBytes { get; set; }

    /// <summary>Counts of the messages driven, by kind.</summary>
    public long[] MessagesByKind { get; } = new long[8];

    /// <summary>Total rejects.</summary>
    public long RejectedTotal
    {
        get
        {
            long n = 0;
            foreach (var kv in Rejected)
            {
                n += kv.Value;
            }

            return n;
        }
    }
}
