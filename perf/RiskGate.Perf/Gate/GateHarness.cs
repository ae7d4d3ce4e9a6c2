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
    private sealed record Sizes(int Accounts, int SessionMessages, long[] Rates, double Seconds, int BaselineCap, int MaxRateMessages, int PingPongs, double HiccupSeconds);

    private static readonly Sizes Quick = new(1_000, 150_000, [100_000, 1_000_000], 0.1, 3_000, 100_000, 20_000, 0.5);
    private static readonly Sizes Full = new(10_000, 2_600_000, [100_000, 500_000, 1_000_000, 2_000_000], 1.0, 60_000, 2_000_000, 200_000, 3.0);

    public static int Run(PerfOptions options, TextWriter output)
    {
        var sizes = options.Quick ? Quick : Full;
        var machine = MachineInfo.Describe();
        var date = DateTime.UtcNow;
        output.WriteLine("RiskGate.Perf gate — " + date.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) + (options.Quick ? " (QUICK smoke sizes)" : string.Empty));
        output.WriteLine("machine: " + machine);
        var session = SessionGenerator.Generate(42, sizes.Accounts, sizes.SessionMessages);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"session: seed 42, {sizes.Accounts:N0} accounts, {session.Count:N0} messages ({session.SetupCount:N0} start-of-day, not timed)"));

        // Warm-up: JIT every path (tier-up included) before anything is measured.
        var warm = Math.Min(50_000, session.Count - session.SetupCount);
        _ = RunPipeline(session, 0, warm);
        _ = RunDirect(session, 0, warm);
        _ = RunBaseline(session, 0, Math.Min(2_000, warm));

        var pingPong = NoiseFloor.PingPong(sizes.PingPongs);
        var hiccups = NoiseFloor.Hiccups(TimeSpan.FromSeconds(sizes.HiccupSeconds));
        var timed = session.Count - session.SetupCount;
        var runs = new List<GateRunResult>
        {
            RunPipeline(session, 0, Math.Min(sizes.MaxRateMessages, timed)),
            RunDirect(session, 0, Math.Min(sizes.MaxRateMessages, timed)),
            RunBaseline(session, 0, Math.Min(sizes.BaselineCap, timed)),
        };
        foreach (var rate in sizes.Rates)
        {
            var n = (int)Math.Min(timed, Math.Max(1_000, rate * sizes.Seconds));
            runs.Add(RunPipeline(session, rate, n));
            runs.Add(RunDirect(session, rate, n));
            runs.Add(RunBaseline(session, rate, Math.Min(n, sizes.BaselineCap)));
        }

        var maxSustained = runs[0].AchievedPerSecond;
        var profile = Profile(session, Math.Min(timed, options.Quick ? 50_000 : 1_000_000));
        Print(output, runs, pingPong, hiccups, maxSustained, profile);
        if (options.JsonPath is not null)
        {
            WriteJson(options.JsonPath, machine, date, maxSustained, pingPong, hiccups, runs);
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

    private static GateRunResult RunPipeline(SimulatedSession session, long rate, int messages)
    {
        var recorder = new LatencyRecorder { FirstTimedInput = session.SetupCount };
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
        for (var i = 0; i < session.SetupCount; i++)
        {
            Submit(gate, session.Message(i), LatencyRecorder.Now());
        }

        while (recorder.Decided < session.SetupCount)
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
            Submit(gate, session.Message(session.SetupCount + i), stamp);
        }

        var total = session.SetupCount + messages;
        while (recorder.Decided < total && gate.Fault is null)
        {
            Thread.Yield();
        }

        var end = LatencyRecorder.Now();
        var gcs = GC.CollectionCount(0) - gc;
        var bytes = GC.GetTotalAllocatedBytes(true) - allocated;
        gate.Stop(TimeSpan.FromSeconds(30));
        return new GateRunResult("riskgate", rate, messages / ((end - start) / 1e9), recorder.Histogram, messages, recorder.Decided - session.SetupCount, gcs, bytes);
    }

    private static GateRunResult RunDirect(SimulatedSession session, long rate, int messages)
    {
        var direct = new DirectGate(new GateOptions { Engine = session.Universe.EngineOptions(session.Accounts) });
        session.Universe.Configure(direct.Engine);
        for (var i = 0; i < session.SetupCount; i++)
        {
            _ = direct.Submit(session.Message(i), 0);
        }

        var histogram = new LongHistogram(100_000_000_000L, 3);
        var period = rate > 0 ? 1e9 / rate : 0.0;
        var gc = GC.CollectionCount(0);
        var allocated = GC.GetTotalAllocatedBytes(true);
        var start = LatencyRecorder.Now();
        long decided = 0;
        for (var i = 0; i < messages; i++)
        {
            var stamp = period > 0 ? WaitUntil(start + (long)(i * period)) : LatencyRecorder.Now();
            var d = direct.Submit(session.Message(session.SetupCount + i), stamp);
            histogram.RecordValue(Math.Max(0, LatencyRecorder.Now() - stamp));
            decided += d.InputSequence >= 0 ? 1 : 0;
        }

        var end = LatencyRecorder.Now();
        var gcs = GC.CollectionCount(0) - gc;
        var bytes = GC.GetTotalAllocatedBytes(true) - allocated;
        return new GateRunResult("riskgate-direct", rate, messages / ((end - start) / 1e9), histogram, messages, decided, gcs, bytes);
    }

    private static GateRunResult RunBaseline(SimulatedSession session, long rate, int messages)
    {
        var recorder = new LatencyRecorder { FirstTimedInput = session.SetupCount };
        var baseline = new BaselineGate(session.Universe, recorder.Record);
        for (var i = 0; i < session.SetupCount; i++)
        {
            baseline.Submit(session.Message(i), i, LatencyRecorder.Now());
        }

        while (recorder.Decided < session.SetupCount)
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
            baseline.Submit(session.Message(session.SetupCount + i), session.SetupCount + i, stamp);
        }

        baseline.Complete();
        var end = LatencyRecorder.Now();
        var gcs = GC.CollectionCount(0) - gc;
        var bytes = GC.GetTotalAllocatedBytes(true) - allocated;
        return new GateRunResult("baseline", rate, messages / ((end - start) / 1e9), recorder.Histogram, messages, recorder.Decided - session.SetupCount, gcs, bytes);
    }

    /// <summary>Direct mode, mean ns per message kind: where the risk thread's time goes.</summary>
    private static double[] Profile(SimulatedSession session, int messages)
    {
        var direct = new DirectGate(new GateOptions { Engine = session.Universe.EngineOptions(session.Accounts) });
        session.Universe.Configure(direct.Engine);
        for (var i = 0; i < session.SetupCount; i++)
        {
            _ = direct.Submit(session.Message(i), 0);
        }

        var total = new long[8];
        var count = new long[8];
        for (var i = session.SetupCount; i < session.SetupCount + messages; i++)
        {
            var t = LatencyRecorder.Now();
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

    private static long WaitUntil(long intended)
    {
        while (LatencyRecorder.Now() < intended)
        {
            Thread.SpinWait(4);
        }

        return intended;
    }

    private static void Print(TextWriter o, List<GateRunResult> runs, LongHistogram pingPong, LongHistogram hiccups, double maxSustained, double[] profile)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine(string.Format(c, "noise floor: ping-pong round trip p50 {0:N0} ns, p99 {1:N0} ns, p99.9 {2:N0} ns; hiccups (1 ms sleep, late by) p99 {3:N0} ns, p99.9 {4:N0} ns",
            pingPong.GetValueAtPercentile(50), pingPong.GetValueAtPercentile(99), pingPong.GetValueAtPercentile(99.9), hiccups.GetValueAtPercentile(99), hiccups.GetValueAtPercentile(99.9)));
        o.WriteLine(string.Format(c, "max sustained (pipeline, as fast as the ring takes them): {0:N0} msg/s", maxSustained));
        o.WriteLine();
        o.WriteLine("latency = decision visible − intended send time (open loop; offered 'max' = closed loop, as fast as possible), ns");
        o.WriteLine(string.Format(c, "{0,-16}{1,10}{2,13}{3,11}{4,11}{5,12}{6,13}{7,13}{8,13}{9,5}{10,14}", "impl", "offered/s", "achieved/s", "p50", "p90", "p99", "p99.9", "p99.99", "max", "gc", "alloc B"));
        foreach (var r in runs)
        {
            var h = r.Latency;
            o.WriteLine(string.Format(c, "{0,-16}{1,10}{2,13:N0}{3,11:N0}{4,11:N0}{5,12:N0}{6,13:N0}{7,13:N0}{8,13:N0}{9,5}{10,14:N0}",
                r.Impl, r.OfferedPerSecond == 0 ? "max" : r.OfferedPerSecond.ToString("N0", c), r.AchievedPerSecond,
                h.GetValueAtPercentile(50), h.GetValueAtPercentile(90), h.GetValueAtPercentile(99), h.GetValueAtPercentile(99.9), h.GetValueAtPercentile(99.99), h.GetMaxValue(), r.GcCollections, r.AllocatedBytes));
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
        o.WriteLine("where the risk thread's time goes (direct mode, mean ns per message, timer overhead included):");
        foreach (var kind in Enum.GetValues<SessionMessageKind>())
        {
            if (profile[(int)kind] > 0)
            {
                o.WriteLine(string.Format(c, "  {0,-14}{1,10:N0} ns", kind, profile[(int)kind]));
            }
        }
    }

    private static double Ratio(long baseline, long ours) => (double)Math.Max(1, baseline) / Math.Max(1, ours);

    private static void WriteJson(string path, string machine, DateTime date, double maxSustained, LongHistogram pingPong, LongHistogram hiccups, List<GateRunResult> runs)
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
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteEndObject();
    }
}
