using System.Globalization;
using System.Text.Json;
using HdrHistogram;
using RiskGate.Gate.Api;
using RiskGate.Gate.Pipeline;
using RiskGate.Host.Simulate;

namespace RiskGate.Perf.Gate;

/// <summary>
/// <c>RiskGate.Perf gate</c>: the whole gate measured the way latency benchmarking suites do. The
/// <c>riskgate simulate</c> session (generated before timing) is replayed open-loop at fixed offered rates
/// (each message's intended send time follows from the rate; latency = decision visible − intended time,
/// so stalls are not hidden) through the pipeline (<c>riskgate</c>), direct mode (<c>riskgate-direct</c>)
/// and a naive Channels + Dictionary + full-revaluation gate (<c>baseline</c>), plus a max-rate run and
/// the machine's noise floor (ping-pong, hiccups), all in one process. Main thread.
/// </summary>
internal static class GateHarness
{
    private sealed record Sizes(int Accounts, int SessionMessages, int Prefix, long[] Rates, double Seconds, int MaxMessages, int PingPongs, double HiccupSeconds);

    // Every implementation first replays the start of day and an untimed prefix of trading (so accounts hold
    // positions, as mid-session), then the same timed messages (MaxMessages, or rate × Seconds if fewer).
    private static readonly Sizes Quick = new(1_000, 60_000, 20_000, [100_000, 1_000_000], 0.1, 20_000, 20_000, 0.5);
    private static readonly Sizes Full = new(10_000, 700_000, 250_000, [100_000, 500_000, 1_000_000, 2_000_000], 1.0, 400_000, 200_000, 3.0);

    public static int Run(PerfOptions options, TextWriter output)
    {
        var sizes = options.Quick ? Quick : Full;
        if (options.Accounts > 0)
        {
            sizes = sizes with { Accounts = options.Accounts };
        }

        var machine = MachineInfo.Describe();
        var date = DateTime.UtcNow;
        output.WriteLine("RiskGate.Perf gate — " + date.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) + (options.Quick ? " (QUICK smoke sizes)" : string.Empty));
        output.WriteLine("machine: " + machine);
        var session = SessionGenerator.Generate(42, sizes.Accounts, sizes.SessionMessages);
        var first = session.SetupCount + sizes.Prefix;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"session: seed 42, {sizes.Accounts:N0} accounts, {session.Count:N0} messages; the first {first:N0} (start of day and early trading) replayed untimed before every run"));

        // Warm-up: JIT every path (tier-up included) before anything is measured.
        var warm = Math.Min(20_000, session.Count - first);
        _ = RunPipeline(session, first, 0, warm);
        _ = RunDirect(session, first, 0, warm);
        _ = RunBaseline(session, first, 0, Math.Min(2_000, warm));

        var pingPong = NoiseFloor.PingPong(sizes.PingPongs);
        var hiccups = NoiseFloor.Hiccups(TimeSpan.FromSeconds(sizes.HiccupSeconds));
        var timed = session.Count - first;
        var runs = new List<GateRunResult>
        {
            RunPipeline(session, first, 0, Math.Min(sizes.MaxMessages, timed)),
            RunDirect(session, first, 0, Math.Min(sizes.MaxMessages, timed)),
            RunBaseline(session, first, 0, Math.Min(sizes.MaxMessages, timed)),
        };
        foreach (var rate in sizes.Rates)
        {
            var n = (int)Math.Min(Math.Min(timed, sizes.MaxMessages), Math.Max(1_000, rate * sizes.Seconds));
            runs.Add(RunPipeline(session, first, rate, n));
            runs.Add(RunDirect(session, first, rate, n));
            runs.Add(RunBaseline(session, first, rate, n));
        }

        var maxSustained = runs[0].AchievedPerSecond;
        var profiled = Math.Min(timed, options.Quick ? 20_000 : 400_000);
        var profile = Profile(session, first, profiled, prefetch: false, out var footprint);
        var prefetched = Profile(session, first, profiled, prefetch: true, out _);
        Print(output, runs, pingPong, hiccups, maxSustained, profile, prefetched, footprint);
        if (options.JsonPath is not null)
        {
            WriteJson(options.JsonPath, machine, date, maxSustained, pingPong, hiccups, runs, footprint, profile, prefetched);
            output.WriteLine("json: " + options.JsonPath);
        }

        var failed = runs.FindAll(static r => !r.Complete);
        foreach (var f in failed)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"VALIDATION FAILED: {f.Impl} at {f.OfferedPerSecond}/s: {f.Decided} of {f.Messages} decisions arrived"));
        }

        output.WriteLine(failed.Count == 0 ? "validation: every message of every run got its decision" : "validation: FAILED");
        return failed.Count == 0 ? 0 : 1;
    }

    private static GateRunResult RunPipeline(SimulatedSession session, int first, long rate, int messages)
    {
        var recorder = new LatencyRecorder { FirstTimedInput = first };
        var options = new GateOptions
        {
            Engine = session.Universe.EngineOptions(session.Accounts),
            RingSize = 1 << 16,
            ProducerType = GateProducerType.Single,
            RiskWait = GateWaitStrategy.Yielding,
            EgressWait = GateWaitStrategy.Yielding,
            AlertQueueSize = 1 << 16,
        };
        var gate = new GatePipeline<LatencyHandler>(options, new LatencyHandler(recorder));
        session.Universe.Configure(gate.Engine);
        gate.Start();
        for (var i = 0; i < first; i++)
        {
            Submit(gate, session.Message(i), LatencyRecorder.Now());
        }

        while (recorder.Decided < first)
        {
            Thread.Yield();
        }

        var period = rate > 0 ? 1e9 / rate : 0.0;
        var gc = GC.CollectionCount(0);
        var allocated = GC.GetTotalAllocatedBytes(true);
        var start = LatencyRecorder.Now();
        for (var i = 0; i < messages; i++)
        {
            var stamp = period > 0 ? WaitUntil(start + (long)(i * period)) : LatencyRecorder.Now();
            Submit(gate, session.Message(first + i), stamp);
        }

        var total = first + messages;
        while (recorder.Decided < total && gate.Fault is null)
        {
            Thread.Yield();
        }

        var end = LatencyRecorder.Now();
        var gcs = GC.CollectionCount(0) - gc;
        var bytes = GC.GetTotalAllocatedBytes(true) - allocated;
        gate.Stop(TimeSpan.FromSeconds(30));
        return new GateRunResult("riskgate", rate, messages / ((end - start) / 1e9), recorder.Histogram, messages, recorder.Decided - first, recorder.Accepted, gcs, bytes);
    }

    private static GateRunResult RunDirect(SimulatedSession session, int first, long rate, int messages)
    {
        var direct = new DirectGate(new GateOptions { Engine = session.Universe.EngineOptions(session.Accounts) });
        session.Universe.Configure(direct.Engine);
        for (var i = 0; i < first; i++)
        {
            _ = direct.Submit(session.Message(i), 0);
        }

        var histogram = new LongHistogram(100_000_000_000L, 3);
        var period = rate > 0 ? 1e9 / rate : 0.0;
        var gc = GC.CollectionCount(0);
        var allocated = GC.GetTotalAllocatedBytes(true);
        var start = LatencyRecorder.Now();
        long decided = 0;
        long accepted = 0;
        for (var i = 0; i < messages; i++)
        {
            var stamp = period > 0 ? WaitUntil(start + (long)(i * period)) : LatencyRecorder.Now();
            var d = direct.Submit(session.Message(first + i), stamp);
            histogram.RecordValue(Math.Max(0, LatencyRecorder.Now() - stamp));
            decided += d.InputSequence >= 0 ? 1 : 0;
            accepted += d.IsAccepted ? 1 : 0;
        }

        var end = LatencyRecorder.Now();
        var gcs = GC.CollectionCount(0) - gc;
        var bytes = GC.GetTotalAllocatedBytes(true) - allocated;
        return new GateRunResult("riskgate-direct", rate, messages / ((end - start) / 1e9), histogram, messages, decided, accepted, gcs, bytes);
    }

    private static GateRunResult RunBaseline(SimulatedSession session, int first, long rate, int messages)
    {
        var recorder = new LatencyRecorder { FirstTimedInput = first };
        var baseline = new BaselineGate(session.Universe, recorder.Record);
        for (var i = 0; i < first; i++)
        {
            baseline.Submit(session.Message(i), i, LatencyRecorder.Now());
        }

        while (recorder.Decided < first)
        {
            Thread.Yield();
        }

        var period = rate > 0 ? 1e9 / rate : 0.0;
        var gc = GC.CollectionCount(0);
        var allocated = GC.GetTotalAllocatedBytes(true);
        var start = LatencyRecorder.Now();
        for (var i = 0; i < messages; i++)
        {
            var stamp = period > 0 ? WaitUntil(start + (long)(i * period)) : LatencyRecorder.Now();
            baseline.Submit(session.Message(first + i), first + i, stamp);
        }

        baseline.Complete();
        var end = LatencyRecorder.Now();
        var gcs = GC.CollectionCount(0) - gc;
        var bytes = GC.GetTotalAllocatedBytes(true) - allocated;
        return new GateRunResult("baseline", rate, messages / ((end - start) / 1e9), recorder.Histogram, messages, recorder.Decided - first, recorder.Accepted, gcs, bytes);
    }

    /// <summary>
    /// Direct mode, mean ns per message kind: where the risk thread's time goes; and, measured on the
    /// state the replay left, how much account state the same messages make a check read.
    /// </summary>
    private static double[] Profile(SimulatedSession session, int first, int messages, bool prefetch, out StateFootprint.Result footprint)
    {
        var direct = new DirectGate(new GateOptions { Engine = session.Universe.EngineOptions(session.Accounts) });
        session.Universe.Configure(direct.Engine);
        for (var i = 0; i < first; i++)
        {
            _ = direct.Submit(session.Message(i), 0);
        }

        footprint = StateFootprint.Measure(direct.Engine, session, first, messages);

        var total = new long[8];
        var count = new long[8];
        var token = -1;
        for (var i = first; i < first + messages; i++)
        {
            var t = LatencyRecorder.Now();
            if (prefetch)
            {
                // A host that holds its next messages: rows for i + 1, headers for i + 2 (the risk stage's lookahead).
                direct.PrefetchRows(token);
                token = i + 2 < first + messages ? direct.Prefetch(session.Message(i + 2)) : -1;
            }

            _ = direct.Submit(session.Message(i), t);
            var k = (int)session.Kinds[i];
            total[k] += LatencyRecorder.Now() - t;
            count[k]++;
        }

        var mean = new double[8];
        for (var k = 0; k < 8; k++)
        {
            mean[k] = count[k] == 0 ? 0 : (double)total[k] / count[k];
        }

        return mean;
    }

    private static void Submit(GatePipeline<LatencyHandler> gate, ReadOnlySpan<byte> message, long stamp)
    {
        while (gate.TrySubmit(message, stamp) == GateSubmitResult.Busy)
        {
            Thread.Yield();
        }
    }

    // The load generator gives its core away while the next send is more than this many ns off: on two
    // cores, a pacing thread that spins keeps three threads runnable (it, risk, egress) and the scheduler's
    // millisecond time slices then show up as gate latency. A gateway's network thread sleeps in the
    // kernel when idle rather than spinning, so this is the realistic shape; any lateness it causes is
    // still charged to the gate, since latency is measured from the intended send time.
    private const long YieldAbove = 3_000;

    private static long WaitUntil(long intended)
    {
        long now;
        while ((now = LatencyRecorder.Now()) < intended)
        {
            if (intended - now > YieldAbove)
            {
                Thread.Yield();
            }
            else
            {
                Thread.SpinWait(4);
            }
        }

        return intended;
    }

    private static void Print(TextWriter o, List<GateRunResult> runs, LongHistogram pingPong, LongHistogram hiccups, double maxSustained, double[] profile, double[] prefetched, StateFootprint.Result footprint)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine(string.Format(c, "noise floor: ping-pong round trip p50 {0:N0} ns, p99 {1:N0} ns, p99.9 {2:N0} ns; hiccups (1 ms sleep, late by) p99 {3:N0} ns, p99.9 {4:N0} ns",
            pingPong.GetValueAtPercentile(50), pingPong.GetValueAtPercentile(99), pingPong.GetValueAtPercentile(99.9), hiccups.GetValueAtPercentile(99), hiccups.GetValueAtPercentile(99.9)));
        o.WriteLine(string.Format(c, "max sustained (pipeline, as fast as the ring takes them): {0:N0} msg/s", maxSustained));
        o.WriteLine();
        o.WriteLine("latency = decision visible − intended send time (open loop; offered 'max' = closed loop, as fast as possible), ns");
        o.WriteLine(string.Format(c, "{0,-16}{1,10}{2,12}{3,15}{4,15}{5,15}{6,15}{7,15}{8,15}{9,4}{10,12}{11,8}", "impl", "offered/s", "achieved/s", "p50", "p90", "p99", "p99.9", "p99.99", "max", "gc", "alloc B", "accept"));
        foreach (var r in runs)
        {
            var h = r.Latency;
            o.WriteLine(string.Format(c, "{0,-16}{1,10}{2,12:N0}{3,15:N0}{4,15:N0}{5,15:N0}{6,15:N0}{7,15:N0}{8,15:N0}{9,4}{10,12:N0}{11,7:N1}%",
                r.Impl, r.OfferedPerSecond == 0 ? "max" : r.OfferedPerSecond.ToString("N0", c), r.AchievedPerSecond,
                h.GetValueAtPercentile(50), h.GetValueAtPercentile(90), h.GetValueAtPercentile(99), h.GetValueAtPercentile(99.9), h.GetValueAtPercentile(99.99), h.GetMaxValue(), r.GcCollections, r.AllocatedBytes, 100.0 * r.Accepted / Math.Max(1, r.Messages)));
        }

        o.WriteLine();
        o.WriteLine("ratios to the baseline (baseline p50 ÷ ours, baseline p99 ÷ ours, our throughput ÷ baseline's):");
        foreach (var r in runs)
        {
            if (r.Impl == "baseline")
            {
                continue;
            }

            var b = runs.Find(x => x.Impl == "baseline" && x.OfferedPerSecond == r.OfferedPerSecond);
            if (b is null)
            {
                continue;
            }

            o.WriteLine(string.Format(c, "  {0,-16}{1,10}  p50 ×{2:N1}  p99 ×{3:N1}  throughput ×{4:N1}",
                r.Impl, r.OfferedPerSecond == 0 ? "max" : r.OfferedPerSecond.ToString("N0", c),
                Ratio(b.Latency.GetValueAtPercentile(50), r.Latency.GetValueAtPercentile(50)),
                Ratio(b.Latency.GetValueAtPercentile(99), r.Latency.GetValueAtPercentile(99)),
                r.AchievedPerSecond / Math.Max(1, b.AchievedPerSecond)));
        }

        o.WriteLine();
        o.WriteLine("where the risk thread's time goes (direct mode, mean ns per message, timer overhead included;");
        o.WriteLine("second column: the same messages with the two-step prefetch a host holding its next messages can do):");
        foreach (var kind in Enum.GetValues<SessionMessageKind>())
        {
            if (profile[(int)kind] > 0)
            {
                o.WriteLine(string.Format(c, "  {0,-14}{1,10:N0} ns{2,10:N0} ns", kind, profile[(int)kind], prefetched[(int)kind]));
            }
        }

        o.WriteLine();
        o.WriteLine(string.Format(c, "account state behind a check (cached vectors, float64; {0:N0} accounts, {1:N1} MB in all): mean {2:N1} KB per message that names an account;",
            footprint.Accounts, footprint.TotalBytes / 1e6, footprint.MeanBytesPerMessage / 1024));
        o.WriteLine(string.Format(c, "  only reading those bytes, same account sequence, no arithmetic: {0:N0} ns per message ({1:N0} msg/s at most)",
            footprint.ReadFloorNs, 1e9 / Math.Max(1, footprint.ReadFloorNs)));
    }

    private static double Ratio(long baseline, long ours) => (double)Math.Max(1, baseline) / Math.Max(1, ours);

    private static void WriteJson(string path, string machine, DateTime date, double maxSustained, LongHistogram pingPong, LongHistogram hiccups, List<GateRunResult> runs, StateFootprint.Result footprint, double[] profile, double[] prefetched)
    {
        using var stream = File.Create(path);
        using var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        j.WriteStartObject();
        j.WriteString("machine", machine);
        j.WriteString("date_utc", date.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        j.WriteNumber("max_sustained_per_s", maxSustained);
        j.WriteStartObject("noise_floor");
        j.WriteNumber("pingpong_p50_ns", pingPong.GetValueAtPercentile(50));
        j.WriteNumber("pingpong_p99_ns", pingPong.GetValueAtPercentile(99));
        j.WriteNumber("pingpong_p999_ns", pingPong.GetValueAtPercentile(99.9));
        j.WriteNumber("hiccup_p99_ns", hiccups.GetValueAtPercentile(99));
        j.WriteNumber("hiccup_p999_ns", hiccups.GetValueAtPercentile(99.9));
        j.WriteEndObject();
        j.WriteStartObject("state_footprint");
        j.WriteNumber("accounts", footprint.Accounts);
        j.WriteNumber("total_bytes", footprint.TotalBytes);
        j.WriteNumber("mean_bytes_per_message", footprint.MeanBytesPerMessage);
        j.WriteNumber("read_floor_ns", footprint.ReadFloorNs);
        j.WriteEndObject();
        j.WriteStartObject("risk_thread_mean_ns");
        foreach (var kind in Enum.GetValues<SessionMessageKind>())
        {
            if (profile[(int)kind] > 0)
            {
                j.WriteStartObject(kind.ToString());
                j.WriteNumber("direct", profile[(int)kind]);
                j.WriteNumber("direct_prefetched", prefetched[(int)kind]);
                j.WriteEndObject();
            }
        }

        j.WriteEndObject();
        j.WriteStartArray("runs");
        foreach (var r in runs)
        {
            var h = r.Latency;
            j.WriteStartObject();
            j.WriteString("impl", r.Impl);
            j.WriteNumber("offered_per_s", r.OfferedPerSecond);
            j.WriteNumber("achieved_per_s", r.AchievedPerSecond);
            j.WriteNumber("p50_ns", h.GetValueAtPercentile(50));
            j.WriteNumber("p90_ns", h.GetValueAtPercentile(90));
            j.WriteNumber("p99_ns", h.GetValueAtPercentile(99));
            j.WriteNumber("p999_ns", h.GetValueAtPercentile(99.9));
            j.WriteNumber("p9999_ns", h.GetValueAtPercentile(99.99));
            j.WriteNumber("max_ns", h.GetMaxValue());
            j.WriteNumber("gc_collections", r.GcCollections);
            j.WriteNumber("allocated_bytes", r.AllocatedBytes);
            j.WriteNumber("messages", r.Messages);
            j.WriteNumber("decided", r.Decided);
            j.WriteNumber("accepted", r.Accepted);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteEndObject();
    }
}
