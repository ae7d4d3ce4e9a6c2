using System.Globalization;
using System.Text.Json;

namespace RiskGate.Host.Simulate;

/// <summary>Writes a <see cref="SimulateResult"/> as the human summary (stdout) and as DESIGN §10 JSON. Main thread.</summary>
internal static class SimulateReportWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The human-readable summary.</summary>
    public static void WriteText(SimulateResult r, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(w);
        w.WriteLine("riskgate simulate: seed " + r.Seed.ToString(Inv) + ", " + r.Accounts.ToString("N0", Inv) + " accounts, " + r.Messages.ToString("N0", Inv) + " messages");
        w.WriteLine("  messages      new " + N(r.MessagesByKind[(int)SessionMessageKind.NewOrder]) + ", cancel " + N(r.MessagesByKind[(int)SessionMessageKind.Cancel])
            + ", replace " + N(r.MessagesByKind[(int)SessionMessageKind.Replace]) + ", fill " + N(r.MessagesByKind[(int)SessionMessageKind.Fill])
            + ", market data " + N(r.MessagesByKind[(int)SessionMessageKind.MarketData]) + ", collateral " + N(r.MessagesByKind[(int)SessionMessageKind.Collateral])
            + ", kill switch " + N(r.MessagesByKind[(int)SessionMessageKind.KillSwitch]) + ", account setup " + N(r.MessagesByKind[(int)SessionMessageKind.AccountSetup]));
        w.WriteLine("  generated in  " + r.GenerationSeconds.ToString("F2", Inv) + " s (before timing)");
        w.WriteLine("  elapsed       " + r.ElapsedSeconds.ToString("F2", Inv) + " s");
        w.WriteLine("  throughput    " + r.ThroughputPerSecond.ToString("N0", Inv) + " msg/s (ring full " + N(r.BusyRetries) + " times; the producer retried)");
        w.WriteLine("  offered       " + (r.OfferedPerSecond == 0 ? "as fast as possible (closed loop: latency includes waiting behind a full ring; use --rate N for open-loop latency)" : N(r.OfferedPerSecond) + " msg/s, open loop (latency from the intended send time)"));
        w.WriteLine("  latency       publish -> decision visible, " + N(r.LatencySamples) + " orders: p50 " + Ns(r.P50) + "  p90 " + Ns(r.P90) + "  p99 " + Ns(r.P99)
            + "  p99.9 " + Ns(r.P999) + "  p99.99 " + Ns(r.P9999) + "  max " + Ns(r.Max));
        var decided = r.Accepted + r.RejectedTotal;
        w.WriteLine("  decisions     " + N(decided) + ": accepted " + N(r.Accepted) + ", rejected " + N(r.RejectedTotal));
        foreach (var kv in SortedByCount(r))
        {
            w.WriteLine("    " + kv.Key.PadRight(28) + N(kv.Value).PadLeft(12) + "  " + (100.0 * kv.Value / Math.Max(1, decided)).ToString("F2", Inv) + " %");
        }

        w.WriteLine("  margin calls  " + N(r.MarginCalls) + " (liquidation warnings " + N(r.LiquidationWarnings) + ")");
        var saved = r.StandaloneInitial - r.IntegratedInitial;
        w.WriteLine("  netting       " + r.NettingAccounts.ToString(Inv) + " accounts with positions: integrated initial " + Money(r.IntegratedInitial)
            + " vs each position alone " + Money(r.StandaloneInitial) + ", saved " + Money(saved)
            + " (" + (r.StandaloneInitial > 0 ? 100.0 * saved / r.StandaloneInitial : 0).ToString("F1", Inv) + " %)");
        w.WriteLine("  fast path     vs full revaluation on " + N(r.ApproximationSamples) + " samples: max rel error " + Pct(r.MaxRelativeError)
            + ", p99 " + Pct(r.P99RelativeError) + ", false accepts " + N(r.FalseAccepts) + ", false rejects " + N(r.FalseRejects));
        w.WriteLine("  gc            " + r.GcCollections.ToString(Inv) + " collections, " + N(r.AllocatedBytes) + " bytes allocated during the run");
        w.WriteLine("  decision hash " + r.DecisionHash.ToString("x16", Inv));
    }

    /// <summary>The JSON document with the DESIGN §10 keys (plus a few extra ones).</summary>
    public static void WriteJson(SimulateResult r, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        j.WriteStartObject();
        j.WriteNumber("seed", r.Seed);
        j.WriteNumber("messages", r.Messages);
        j.WriteNumber("accounts", r.Accounts);
        j.WriteNumber("elapsed_s", r.ElapsedSeconds);
        j.WriteNumber("throughput_per_s", r.ThroughputPerSecond);
        j.WriteString("decision_hash", r.DecisionHash.ToString("x16", Inv));
        j.WriteNumber("accepted", r.Accepted);
        j.WriteStartObject("rejected");
        foreach (var kv in r.Rejected)
        {
            j.WriteNumber(kv.Key, kv.Value);
        }

        j.WriteEndObject();
        j.WriteNumber("margin_calls", r.MarginCalls);
        j.WriteStartObject("latency");
        j.WriteNumber("p50_ns", r.P50);
        j.WriteNumber("p90_ns", r.P90);
        j.WriteNumber("p99_ns", r.P99);
        j.WriteNumber("p999_ns", r.P999);
        j.WriteNumber("p9999_ns", r.P9999);
        j.WriteNumber("max_ns", r.Max);
        j.WriteEndObject();
        j.WriteStartObject("netting");
        j.WriteNumber("integrated_initial", r.IntegratedInitial);
        j.WriteNumber("standalone_initial", r.StandaloneInitial);
        j.WriteNumber("accounts", r.NettingAccounts);
        j.WriteEndObject();
        j.WriteStartObject("approximation");
        j.WriteNumber("samples", r.ApproximationSamples);
        j.WriteNumber("max_rel_error", r.MaxRelativeError);
        j.WriteNumber("p99_rel_error", r.P99RelativeError);
        j.WriteNumber("false_accepts", r.FalseAccepts);
        j.WriteNumber("false_rejects", r.FalseRejects);
        j.WriteEndObject();
        j.WriteNumber("gc_collections", r.GcCollections);
        j.WriteNumber("allocated_bytes", r.AllocatedBytes);
        j.WriteNumber("generation_s", r.GenerationSeconds);
        j.WriteNumber("liquidation_warnings", r.LiquidationWarnings);
        j.WriteNumber("busy_retries", r.BusyRetries);
        j.WriteNumber("offered_per_s", r.OfferedPerSecond);
        j.WriteEndObject();
    }

    private static List<KeyValuePair<string, long>> SortedByCount(SimulateResult r)
    {
        var list = new List<KeyValuePair<string, long>>(r.Rejected);
        list.Sort(static (a, b) => b.Value != a.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key));
        return list;
    }

    private static string N(long v) => v.ToString("N0", Inv);

    private static string Ns(long ns) => ns < 10_000 ? ns.ToString(Inv) + " ns" : (ns / 1000.0).ToString("N1", Inv) + " us";

    private static string Money(double v) => v.ToString("N0", Inv);

    private static string Pct(double v) => (100 * v).ToString("F3", Inv) + " %";
}
