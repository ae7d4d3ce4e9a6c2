using RiskGate.Gate.Api;
using RiskGate.Gate.Pipeline;
using RiskGate.Protocol.Enums;

namespace RiskGate.Gate.Tests.Pipeline;

/// <summary>Runs alone: the process-wide allocation and GC counts must not see other tests.</summary>
[CollectionDefinition(nameof(GatePipelineAllocationTests), DisableParallelization = true)]
public class GatePipelineAllocationIsolation
{
}

[Collection(nameof(GatePipelineAllocationTests))]
public class GatePipelineAllocationTests
{
    [Fact]
    public void FullGate_MillionMessagesAfterWarmUp_ZeroAllocatedBytesAndNoGc()
    {
        const int WarmUp = 200_000;
        const int Measured = 1_000_000;
        var counters = new Counters();
        var options = GateSession.Options(ringSize: 4096, producer: GateProducerType.Single);
        var gate = new GatePipeline<CountingHandler>(options, new CountingHandler(counters));
        var session = new GateSession(seed: 5, accounts: 32);
        foreach (var (bytes, _) in session.Setup())
        {
            gate.LoadReferenceData(bytes);
        }

        gate.Start();
        Pump(gate, session, WarmUp);
        WaitDelivered(gate, WarmUp - 1);

        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var stages = gate.StageAllocations;
        var process = GC.GetTotalAllocatedBytes(true);
        var thread = GC.GetAllocatedBytesForCurrentThread();
        Pump(gate, session, Measured);
        WaitDelivered(gate, WarmUp + Measured - 1);
        var threadAfter = GC.GetAllocatedBytesForCurrentThread();
        var processAfter = GC.GetTotalAllocatedBytes(true);
        var stagesAfter = gate.StageAllocations;

        // Exact, per thread: the producer, the risk stage and the egress stage allocate nothing.
        Assert.Equal(0, threadAfter - thread);
        Assert.Equal(0, stagesAfter.RiskAllocatedBytes - stages.RiskAllocatedBytes);
        Assert.Equal(0, stagesAfter.EgressAllocatedBytes - stages.EgressAllocatedBytes);

        // Process-wide: the test host's own threads allocate in the background (about 0.4 MB/s measured on
        // this machine while idle), so the whole process is bounded, not zero: far below one byte per message.
        Assert.InRange(processAfter - process, 0, Measured / 2 * 4);
        Assert.Equal(gen0, GC.CollectionCount(0));
        Assert.Equal(gen1, GC.CollectionCount(1));
        Assert.Equal(gen2, GC.CollectionCount(2));
        Assert.True(gate.Stop(TimeSpan.FromSeconds(30)));
        Assert.Null(gate.Fault);

        // The run exercised the engine, not only a reject path, and the surface and admin updates applied.
        Assert.Equal(WarmUp + Measured, counters.Decisions);
        Assert.Equal(0, counters.RejectedAdmin);
        Assert.InRange(counters.Surfaces, (WarmUp + Measured) / 997 * 2 / 3 - 2, (WarmUp + Measured) / 997);
        Assert.InRange(counters.Accepted, Measured / 20, Measured);
        Assert.InRange(counters.Malformed, 1, Measured / 50);
    }

    [Fact]
    public void StageAllocations_HandlerAllocates_EgressCounterSeesIt()
    {
        var recorder = new Recorder(1); // lists start tiny, so the handler allocates as they grow
        var gate = new GatePipeline<RecordingHandler>(GateSession.Options(ringSize: 64), new RecordingHandler(recorder));
        gate.Start();
        var heartbeat = new byte[Protocol.Messages.HeartbeatEncoder.Length];
        Protocol.Messages.HeartbeatEncoder.Wrap(heartbeat).SendingTime(1);
        for (var i = 0; i < 500; i++)
        {
            while (gate.TrySubmit(heartbeat, i) != GateSubmitResult.Published)
            {
                Thread.Yield();
            }
        }

        Assert.True(gate.Stop(TimeSpan.FromSeconds(30)));

        Assert.True(gate.StageAllocations.EgressAllocatedBytes > 0);
    }

    private static void Pump(GatePipeline<CountingHandler> gate, GateSession session, int count)
    {
        var large = LargeBuffer;
        for (var i = 0; i < count; i++)
        {
            if (i % 997 == 0)
            {
                // Admin and surface updates ride the same ring: SVI inline, a strike grid and RiskParameters
                // (larger than a slot) through the large-message pool.
                var kind = i / 997 % 3;
                var size = kind switch
                {
                    0 => LargeMessageEncoding.GridSurface(large, (uint)(i & 1), 0.2 + (0.002 * (i % 5)), time: 1),
                    1 => LargeMessageEncoding.SviSurface(large, (uint)(i & 1), 0.2 + (0.002 * (i % 5))),
                    _ => LargeMessageEncoding.RiskParameters(large, (uint)(i & 1), 100),
                };
                while (gate.TrySubmit(large.AsSpan(0, size), i) == GateSubmitResult.Busy)
                {
                    Thread.SpinWait(8);
                }

                continue;
            }

            SlotClaim claim;
            while (gate.TryClaim(out claim) == GateSubmitResult.Busy)
            {
                Thread.SpinWait(8);
            }

            var length = session.Next(claim.Buffer, out _);
            gate.Publish(claim, length, i);
        }
    }

    private static readonly byte[] LargeBuffer = new byte[4096];

    private static void WaitDelivered(GatePipeline<CountingHandler> gate, long sequence)
    {
        while (gate.DeliveredSequence < sequence)
        {
            Assert.Null(gate.Fault);
            Thread.Sleep(1);
        }
    }

    private sealed class Counters
    {
        public long Decisions;
        public long Accepted;
        public long Malformed;
        public long Alerts;
        public long Surfaces;
        public long RejectedAdmin;
    }

    private readonly struct CountingHandler(Counters counters) : IDecisionHandler
    {
        public void OnDecision(in GateDecision decision, ReadOnlySpan<byte> encoded)
        {
            counters.Decisions++;
            counters.Accepted += decision.IsAccepted ? 1 : 0;
            counters.Malformed += decision.Reason is RejectReason.MalformedMessage or RejectReason.UnsupportedMessage ? 1 : 0;
            var admin = decision.MessageType is Protocol.Messages.MessageType.VolSurface or Protocol.Messages.MessageType.RiskParameters;
            counters.Surfaces += decision.MessageType == Protocol.Messages.MessageType.VolSurface ? 1 : 0;
            counters.RejectedAdmin += admin && !decision.IsAccepted ? 1 : 0;
        }

        public void OnAlert(in GateAlert alert, ReadOnlySpan<byte> encoded) => counters.Alerts++;

        public void OnEndOfBatch()
        {
        }
    }
}
