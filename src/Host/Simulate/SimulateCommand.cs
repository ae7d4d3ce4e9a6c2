using System.Diagnostics;
using RiskGate.Gate.Api;
using RiskGate.Gate.Pipeline;
using RiskGate.Protocol.Enums;

namespace RiskGate.Host.Simulate;

/// <summary>
/// <c>riskgate simulate</c>: generates a session (before timing), drives every message through the full
/// gate pipeline (ring, risk thread, egress thread) from the main thread at a fixed rate or as fast as
/// the ring takes them, then prints the summary (and writes the JSON). Runs on the main thread.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>Usage lines.</summary>
    public const string Usage = SimulateOptions.Usage;

    /// <summary>Runs the command; 0 success, 1 failure (the gate did not deliver every decision), 2 usage error.</summary>
    public static int Run(ReadOnlySpan<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!SimulateOptions.TryParse(args, out var options, out var error))
        {
            stderr.WriteLine(error);
            return 2;
        }

        var result = Simulate(options, stderr, !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error), out var failure);
        if (result is null)
        {
            stderr.WriteLine("simulate: " + failure);
            return 1;
        }

        SimulateReportWriter.WriteText(result, stdout);
        if (options.JsonPath is not null)
        {
            using var file = File.Create(options.JsonPath);
            SimulateReportWriter.WriteJson(result, file);
        }

        return 0;
    }

    /// <summary>Generates, drives and analyses one session; null with <paramref name="failure"/> when the gate failed.</summary>
    public static SimulateResult? Simulate(SimulateOptions options, TextWriter progressWriter, bool interactive, out string failure)
    {
        ArgumentNullException.ThrowIfNull(options);
        failure = string.Empty;
        var generation = Stopwatch.StartNew();
        var session = SessionGenerator.Generate(options.Seed, options.Accounts, options.Messages);
        generation.Stop();

        var recorder = new DecisionRecorder();
        var gateOptions = new GateOptions
        {
            Engine = session.Universe.EngineOptions(options.Accounts),
            RingSize = 1 << 16,
            ProducerType = GateProducerType.Single,
            RiskWait = Wait(options.Wait),
            EgressWait = Wait(options.Wait),
            AlertQueueSize = 1 << 16,
        };
        var gate = new GatePipeline<RecorderHandler>(gateOptions, new RecorderHandler(recorder));
        session.Universe.Configure(gate.Engine);
        gate.Start();

        var progress = new ProgressBar(progressWriter, interactive, options.Quiet, "simulate");
        var count = session.Count;
        var period = options.Rate > 0 ? 1e9 / options.Rate : 0.0;
        var gcBefore = GC.CollectionCount(0);
        var allocatedBefore = GC.GetTotalAllocatedBytes(true);
        var start = DecisionRecorder.Now();
        long busy = 0;
        var stopped = false;
        for (var i = 0; i < count && !stopped; i++)
        {
            long stamp;
            if (period > 0)
            {
                // Open loop: latency counts from the intended send time, so a stall is not hidden.
                stamp = start + (long)(i * period);
                while (DecisionRecorder.Now() < stamp)
                {
                    Thread.SpinWait(8);
                }
            }
            else
            {
                stamp = DecisionRecorder.Now();
            }

            var message = session.Message(i);
            while (true)
            {
                var r = gate.TrySubmit(message, stamp);
                if (r == GateSubmitResult.Published)
                {
                    break;
                }

                if (r != GateSubmitResult.Busy)
                {
                    stopped = true;
                    break;
                }

                busy++;
                Thread.Yield();
            }

            if ((i & 0xFFFF) == 0)
            {
                progress.Update(recorder.LastInput + 1, count);
            }
        }

        var drained = gate.Stop(TimeSpan.FromSeconds(60));
        var end = DecisionRecorder.Now();
        var gcCount = GC.CollectionCount(0) - gcBefore;
        var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
        progress.Update(recorder.LastInput + 1, count);
        progress.Finish();
        if (stopped || !drained || gate.Fault is not null || recorder.Decisions != count)
        {
            failure = "the gate delivered " + recorder.Decisions + " of " + count + " decisions"
                + (gate.Fault is null ? "." : " (fault: " + gate.Fault.Message + ").");
            return null;
        }

        var result = new SimulateResult
        {
            Seed = options.Seed,
            OfferedPerSecond = options.Rate,
            Accounts = options.Accounts,
            Messages = count,
            GenerationSeconds = generation.Elapsed.TotalSeconds,
            ElapsedSeconds = (end - start) / 1e9,
            DecisionHash = recorder.Hash,
            Accepted = recorder.Accepted,
            MarginCalls = recorder.MarginCalls,
            LiquidationWarnings = recorder.LiquidationWarnings,
            LatencySamples = recorder.Latency.Count,
            P50 = recorder.Latency.Percentile(50),
            P90 = recorder.Latency.Percentile(90),
            P99 = recorder.Latency.Percentile(99),
            P999 = recorder.Latency.Percentile(99.9),
            P9999 = recorder.Latency.Percentile(99.99),
            Max = recorder.Latency.Max,
            GcCollections = gcCount,
            AllocatedBytes = allocated,
            BusyRetries = busy,
        };
        result.ThroughputPerSecond = count / Math.Max(result.ElapsedSeconds, 1e-9);
        for (var r = 1; r < recorder.Rejects.Length; r++)
        {
            if (recorder.Rejects[r] > 0)
            {
                result.Rejected[((RejectReason)r).ToString()] = recorder.Rejects[r];
            }
        }

        for (var i = 0; i < count; i++)
        {
            result.MessagesByKind[(int)session.Kinds[i]]++;
        }

        var netting = SessionAnalysis.Netting(gate.Engine, session, 2_000);
        result.IntegratedInitial = netting.Integrated;
        result.StandaloneInitial = netting.Standalone;
        result.NettingAccounts = netting.Accounts;
        var accuracy = SessionAnalysis.Accuracy(gate.Engine, session, 32, 100);
        result.ApproximationSamples = accuracy.Samples + accuracy.Orders;
        result.MaxRelativeError = accuracy.MaxRelativeError;
        result.P99RelativeError = accuracy.P99RelativeError;
        result.FalseAccepts = accuracy.FalseAccepts;
        result.FalseRejects = accuracy.FalseRejects;
        return result;
    }

    private static GateWaitStrategy Wait(WaitKind kind) => kind switch
    {
        WaitKind.BusySpin => GateWaitStrategy.BusySpin,
        WaitKind.Yield => GateWaitStrategy.Yielding,
        WaitKind.Sleep => GateWaitStrategy.Backoff,
        _ => GateWaitStrategy.Blocking,
    };
}
