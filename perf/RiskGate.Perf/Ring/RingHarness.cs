using System.Globalization;
using System.Text.Json;
using HdrHistogram;
using RiskGate.Gate.Idle;
using RiskGate.Gate.Ring;

namespace RiskGate.Perf.Ring;

/// <summary>
/// <c>RiskGate.Perf ring</c>: our ring (busy-spin and yielding waits) against System.Threading.Channels and a
/// ConcurrentQueue spin loop, all moving the gate's 160-byte slot; 1P→1C and 3P→1C throughput and a two-thread
/// ping-pong round trip, interleaved over several rounds in one process; median and spread per row.
/// </summary>
internal static class RingHarness
{
    private const string Channels = "channels";

    private sealed record Sizes(long Ring1P, long Ring3P, long Queue1P, long Queue3P, long Channel1P, long Channel3P, int PingPong, int ChannelPingPong, int Rounds);

    private sealed record Spec(string Impl, string Wait, Func<Sizes, ThroughputSample> OneToOne, Func<Sizes, ThroughputSample>? ThreeToOne, Func<Sizes, (LongHistogram Histogram, long Errors)>? PingPong);

    private sealed class Row(string impl, string wait, string scenario)
    {
        public string Impl { get; } = impl;
        public string Wait { get; } = wait;
        public string Scenario { get; } = scenario;
        public List<ThroughputSample> Throughput { get; } = [];
        public List<LongHistogram> Latency { get; } = [];
        public long Errors { get; set; }
    }

    private static readonly Sizes Quick = new(1_000_000, 600_000, 600_000, 300_000, 150_000, 150_000, 5_000, 2_000, 3);
    private static readonly Sizes Full = new(40_000_000, 12_000_000, 20_000_000, 9_000_000, 4_000_000, 3_000_000, 300_000, 50_000, 5);

    public static int Run(PerfOptions options, TextWriter output)
    {
        var sizes = options.Quick ? Quick : Full;
        if (options.Rounds > 0)
        {
            sizes = sizes with { Rounds = options.Rounds };
        }

        Spec[] specs =
        [
            new("riskgate-ring", "busy-spin",
                s => RingRunners<BusySpinIdleStrategy>.OneToOne(s.Ring1P, default),
                s => RingRunners<BusySpinIdleStrategy>.ManyToOne(3, s.Ring3P / 3, default),
                s => RingRunners<BusySpinIdleStrategy>.PingPong(s.PingPong, default)),
            new("riskgate-ring", "busy-spin, no coalescing",
                s => RingRunners<BusySpinIdleStrategy>.OneToOne(s.Ring1P, default, coalescePauses: 0),
                s => RingRunners<BusySpinIdleStrategy>.ManyToOne(3, s.Ring3P / 3, default, coalescePauses: 0),
                s => RingRunners<BusySpinIdleStrategy>.PingPong(s.PingPong, default, coalescePauses: 0)),
            new("riskgate-ring", "busy-spin, publish per 16",
                s => RingRunners<BusySpinIdleStrategy>.OneToOne(s.Ring1P, default, producerBatch: 16),
                null,
                null),
            new("riskgate-ring", "yielding",
                s => RingRunners<YieldingIdleStrategy>.OneToOne(s.Ring1P, new YieldingIdleStrategy()),
                s => RingRunners<YieldingIdleStrategy>.ManyToOne(3, s.Ring3P / 3, new YieldingIdleStrategy()),
                s => RingRunners<YieldingIdleStrategy>.PingPong(s.PingPong, new YieldingIdleStrategy())),
            new(Channels, "async",
                s => ChannelRunners.Run(1, s.Channel1P),
                s => ChannelRunners.Run(3, s.Channel3P / 3),
                s => ChannelRunners.PingPong(s.ChannelPingPong)),
            new("concurrentqueue", "spin",
                s => ConcurrentQueueRunners.Run(1, s.Queue1P),
                s => ConcurrentQueueRunners.Run(3, s.Queue3P / 3),
                s => ConcurrentQueueRunners.PingPong(s.PingPong)),
        ];

        var machine = MachineInfo.Describe();
        output.WriteLine("RiskGate.Perf ring — " + DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        output.WriteLine("machine: " + machine);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"slot: GateSlot, {System.Runtime.CompilerServices.Unsafe.SizeOf<GateSlot>()} bytes, by value in every implementation; rounds: {sizes.Rounds} (interleaved){(options.Quick ? "; QUICK smoke sizes" : string.Empty)}"));

        // Warm-up: JIT every path (tier-up included) before anything is measured.
        var warm = new Sizes(200_000, 150_000, 100_000, 60_000, 30_000, 30_000, 2_000, 500, 1);
        foreach (var spec in specs)
        {
            _ = spec.OneToOne(warm);
            _ = spec.ThreeToOne?.Invoke(warm);
            _ = spec.PingPong?.Invoke(warm);
        }

        var rows = new List<Row>();
        foreach (var scenario in new[] { "1P1C", "3P1C", "pingpong" })
        {
            foreach (var spec in specs)
            {
                rows.Add(new Row(spec.Impl, spec.Wait, scenario));
            }
        }

        for (var round = 0; round < sizes.Rounds; round++)
        {
            for (var i = 0; i < specs.Length; i++)
            {
                var sample = specs[i].OneToOne(sizes);
                rows[i].Throughput.Add(sample);
                rows[i].Errors += sample.Errors;
            }

            for (var i = 0; i < specs.Length; i++)
            {
                if (specs[i].ThreeToOne is not { } threeToOne)
                {
                    continue;
                }

                var sample = threeToOne(sizes);
                rows[specs.Length + i].Throughput.Add(sample);
                rows[specs.Length + i].Errors += sample.Errors;
            }

            for (var i = 0; i < specs.Length; i++)
            {
                if (specs[i].PingPong is not { } pingPong)
                {
                    continue;
                }

                var (histogram, errors) = pingPong(sizes);
                rows[(2 * specs.Length) + i].Latency.Add(histogram);
                rows[(2 * specs.Length) + i].Errors += errors;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}/{sizes.Rounds} done"));
        }

        var results = rows.Where(r => r.Throughput.Count + r.Latency.Count > 0).Select(Summarize).ToList();
        foreach (var r in results)
        {
            var baseline = results.First(b => b.Scenario == r.Scenario && b.Impl == Channels);
            r.RatioToChannels = r.Scenario == "pingpong"
                ? (r.P50 > 0 ? baseline.P50 / r.P50 : 0)
                : (baseline.EventsPerSecond > 0 ? r.EventsPerSecond / baseline.EventsPerSecond : 0);
        }

        Print(output, results);
        if (options.JsonPath is not null)
        {
            WriteJson(options.JsonPath, machine, sizes, options.Quick, results);
            output.WriteLine("json: " + options.JsonPath);
        }

        var failed = results.Where(r => r.Errors != 0).ToList();
        foreach (var f in failed)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"VALIDATION FAILED: {f.Impl}/{f.Wait}/{f.Scenario}: {f.Errors} lost, duplicated, reordered or timed-out events"));
        }

        output.WriteLine(failed.Count == 0 ? "validation: every event of every run arrived once and in producer order" : "validation: FAILED");
        return failed.Count == 0 ? 0 : 1;
    }

    private sealed class Summary
    {
        public required string Impl { get; init; }
        public required string Wait { get; init; }
        public required string Scenario { get; init; }
        public long Errors { get; init; }
        public long Events { get; init; }
        public double EventsPerSecond { get; init; }
        public double EventsPerSecondMin { get; init; }
        public double EventsPerSecondMax { get; init; }
        public double AverageBatch { get; init; }
        public int Gen0Collections { get; init; }
        public double P50 { get; init; }
        public double P99 { get; init; }
        public double P999 { get; init; }
        public double Max { get; init; }
        public double P50Min { get; init; }
        public double P50Max { get; init; }
        public double RatioToChannels { get; set; }
    }

    private static Summary Summarize(Row row)
    {
        if (row.Scenario != "pingpong")
        {
            var rates = row.Throughput.Select(t => t.EventsPerSecond).Order().ToArray();
            var batches = row.Throughput.Select(t => t.AverageBatch).ToArray();
            return new Summary
            {
                Impl = row.Impl,
                Wait = row.Wait,
                Scenario = row.Scenario,
                Errors = row.Errors,
                Events = row.Throughput[0].Events,
                EventsPerSecond = Median(rates),
                EventsPerSecondMin = rates[0],
                EventsPerSecondMax = rates[^1],
                AverageBatch = Median([.. batches.Order()]),
                Gen0Collections = row.Throughput.Sum(t => t.Gen0Collections),
            };
        }

        // Percentiles of all rounds' raw round trips together; the spread is that of each round's p50.
        var all = new LongHistogram(10_000_000_000L, 3);
        foreach (var h in row.Latency)
        {
            all.Add(h);
        }

        var p50s = row.Latency.Select(h => (double)h.GetValueAtPercentile(50)).Order().ToArray();
        return new Summary
        {
            Impl = row.Impl,
            Wait = row.Wait,
            Scenario = row.Scenario,
            Errors = row.Errors,
            Events = row.Latency[0].TotalCount,
            P50 = all.GetValueAtPercentile(50),
            P99 = all.GetValueAtPercentile(99),
            P999 = all.GetValueAtPercentile(99.9),
            Max = all.GetMaxValue(),
            P50Min = p50s[0],
            P50Max = p50s[^1],
        };
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    private static void Print(TextWriter output, List<Summary> results)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine("throughput (events/s, median of rounds [min – max]; avg batch = events per consumer wake-up)");
        output.WriteLine(string.Format(c, "{0,-9}{1,-17}{2,-27}{3,14}  {4,-27}{5,11}{6,11}{7,6}", "scenario", "impl", "wait", "median/s", "[min – max]", "avg batch", "×channels", "gc0"));
        foreach (var r in results.Where(r => r.Scenario != "pingpong"))
        {
            output.WriteLine(string.Format(
                c,
                "{0,-9}{1,-17}{2,-27}{3,14}  {4,-27}{5,11:F1}{6,11:F1}{7,6}",
                r.Scenario,
                r.Impl,
                r.Wait,
                Rate(r.EventsPerSecond),
                "[" + Rate(r.EventsPerSecondMin) + " – " + Rate(r.EventsPerSecondMax) + "]",
                r.AverageBatch,
                r.RatioToChannels,
                r.Gen0Collections));
        }

        output.WriteLine();
        output.WriteLine("ping-pong round trip, two threads (raw ns, no coordinated-omission correction; all rounds; p50 spread = per-round p50 min – max)");
        output.WriteLine(string.Format(c, "{0,-17}{1,-27}{2,9}{3,9}{4,10}{5,12}  {6,-20}{7,11}", "impl", "wait", "p50", "p99", "p99.9", "max", "[p50 min – max]", "×channels"));
        foreach (var r in results.Where(r => r.Scenario == "pingpong"))
        {
            output.WriteLine(string.Format(
                c,
                "{0,-17}{1,-27}{2,9:F0}{3,9:F0}{4,10:F0}{5,12:F0}  {6,-20}{7,11:F1}",
                r.Impl,
                r.Wait,
                r.P50,
                r.P99,
                r.P999,
                r.Max,
                "[" + r.P50Min.ToString("F0", c) + " – " + r.P50Max.ToString("F0", c) + "]",
                r.RatioToChannels));
        }

        output.WriteLine("×channels: throughput ÷ Channels' throughput; for ping-pong, Channels' p50 ÷ this p50 (higher is better).");
    }

    private static string Rate(double perSecond) => (perSecond / 1e6).ToString("F1", CultureInfo.InvariantCulture) + "M";

    private static void WriteJson(string path, string machine, Sizes sizes, bool quick, List<Summary> results)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("machine", machine);
        json.WriteString("date_utc", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        json.WriteNumber("rounds", sizes.Rounds);
        json.WriteBoolean("quick", quick);
        json.WriteNumber("slot_bytes", System.Runtime.CompilerServices.Unsafe.SizeOf<GateSlot>());
        json.WriteStartArray("rows");
        foreach (var r in results)
        {
            var latency = r.Scenario == "pingpong";
            json.WriteStartObject();
            json.WriteString("impl", r.Impl);
            json.WriteString("wait", r.Wait);
            json.WriteString("scenario", r.Scenario);
            WriteNumberOrNull(json, "events_per_s", latency ? null : Math.Round(r.EventsPerSecond));
            WriteNumberOrNull(json, "p50_ns", latency ? r.P50 : null);
            WriteNumberOrNull(json, "p99_ns", latency ? r.P99 : null);
            WriteNumberOrNull(json, "p999_ns", latency ? r.P999 : null);
            WriteNumberOrNull(json, "max_ns", latency ? r.Max : null);
            json.WriteNumber("ratio_to_channels", Math.Round(r.RatioToChannels, 3));
            if (latency)
            {
                json.WriteNumber("round_trips_per_round", r.Events);
                json.WriteNumber("p50_ns_min", r.P50Min);
                json.WriteNumber("p50_ns_max", r.P50Max);
            }
            else
            {
                json.WriteNumber("events_per_round", r.Events);
                json.WriteNumber("events_per_s_min", Math.Round(r.EventsPerSecondMin));
                json.WriteNumber("events_per_s_max", Math.Round(r.EventsPerSecondMax));
                json.WriteNumber("avg_batch", Math.Round(r.AverageBatch, 1));
                json.WriteNumber("gc_collections", r.Gen0Collections);
            }

            json.WriteNumber("errors", r.Errors);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
