using RiskGate.Gate.Api;
using RiskGate.Gate.Pipeline;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Messages;

namespace RiskGate.Gate.Tests.Pipeline;

/// <summary>Messages larger than a slot after start: pooled buffers referenced from slots, decided in ring order.</summary>
public class LargeMessageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void TrySubmit_SeveralProducersInterleaveLargeAndSmall_EachProducersOrderKept()
    {
        // Producer g (g = 0, 1) owns group g: RiskParameters(max quantity k), then an IOC for k contracts
        // (accepted only if that RiskParameters was applied first) and one for k + 1 (refused only if no
        // later RiskParameters overtook it). Producer 2 sends grid VolSurfaces and heartbeats in between.
        const int Rounds = 1500;
        var session = new GateSession(seed: 3);
        var setup = session.Setup();
        var recorder = new Recorder(8 * Rounds);
        var options = GateSession.Options(ringSize: 64, producer: GateProducerType.Multi);
        var gate = new GatePipeline<RecordingHandler>(WithPool(options, buffers: 4), new RecordingHandler(recorder));
        foreach (var (bytes, _) in setup)
        {
            gate.LoadReferenceData(bytes);
        }

        gate.Start();
        var producers = new Thread[3];
        for (var p = 0; p < 2; p++)
        {
            var group = (uint)p;
            producers[p] = new Thread(() => ProduceGroup(gate, group, Rounds));
        }

        producers[2] = new Thread(() => ProduceNoise(gate, Rounds));
        foreach (var t in producers)
        {
            t.Start();
        }

        foreach (var t in producers)
        {
            t.Join();
        }

        Assert.True(gate.Stop(Timeout));
        Assert.Null(gate.Fault);
        Assert.Equal(0, gate.LargeMessages!.InUse);

        var decisions = recorder.Decisions;
        Assert.Equal((2 * Rounds * 3) + (2 * Rounds), decisions.Count);
        for (var i = 0; i < decisions.Count; i++)
        {
            Assert.Equal(i, decisions[i].InputSequence);
        }

        var orders = 0;
        foreach (var d in decisions)
        {
            switch (d.MessageType)
            {
                case MessageType.RiskParameters:
                case MessageType.VolSurface:
                case MessageType.Heartbeat:
                    Assert.Equal(RejectReason.None, d.Reason);
                    break;
                case MessageType.NewOrder:
                    orders++;
                    var over = (d.ClientOrderId & 1) == 1;
                    Assert.Equal(over ? RejectReason.MaxOrderQuantityExceeded : RejectReason.None, d.Reason);
                    break;
                default:
                    break;
            }
        }

        Assert.Equal(4 * Rounds, orders);
    }

    [Fact]
    public void TrySubmit_LargeMessagesInterleaved_BitForBitEqualToDirectMode()
    {
        const int Count = 12_000;
        var session = new GateSession(seed: 17);
        var setup = session.Setup();
        var recorder = new Recorder(Count + setup.Count) { KeepEncoded = true };
        var options = WithPool(GateSession.Options(ringSize: 128, producer: GateProducerType.Single), buffers: 2);
        var gate = new GatePipeline<RecordingHandler>(options, new RecordingHandler(recorder));
        var direct = new DirectGate(options);
        var directDecisions = new List<GateDecision>();
        var encoded = new byte[96];
        var directEncoded = new List<byte[]>();
        gate.Start();
        void Both(ReadOnlySpan<byte> message, long t)
        {
            while (gate.TrySubmit(message, t, 5) == GateSubmitResult.Busy)
            {
                Thread.Yield();
            }

            var d = direct.Submit(message, t, 5);
            directDecisions.Add(d);
            directEncoded.Add(encoded.AsSpan(0, d.Encode(encoded)).ToArray());
        }

        foreach (var (bytes, _) in setup)
        {
            Both(bytes, 3);
        }

        var buffer = new byte[4096];
        var large = 0;
        for (var i = 0; i < Count; i++)
        {
            int length;
            if (i % 97 == 0)
            {
                // Scan range moves between 5 % and 8 %: each change re-anchors the group (new epoch).
                length = LargeMessageEncoding.RiskParameters(buffer, (uint)(i & 1), 100, 0.05 + (0.01 * (i / 97 % 4)), (ulong)(1_000_000_000 + i));
                large++;
            }
            else if (i % 89 == 0)
            {
                length = LargeMessageEncoding.GridSurface(buffer, (uint)(i & 1), 0.18 + (0.01 * (i / 89 % 5)), time: (ulong)(1_000_000_000 + i));
                large++;
            }
            else
            {
                length = session.Next(buffer, out _);
            }

            Both(buffer.AsSpan(0, length), 1000 + i);
        }

        Assert.True(gate.Stop(Timeout));
        for (var i = 0; i < directDecisions.Count; i++)
        {
            Assert.True(directDecisions[i].Equals(recorder.Decisions[i]), "decision " + i + ": direct " + Show(directDecisions[i]) + " vs ring " + Show(recorder.Decisions[i]));
        }

        Assert.Equal(directDecisions, recorder.Decisions);
        for (var i = 0; i < directEncoded.Count; i++)
        {
            Assert.True(directEncoded[i].AsSpan().SequenceEqual(recorder.Encoded[i]), "encoded decision " + i + " differs");
        }

        Assert.True(large > 200);
        Assert.Equal(0, gate.LargeMessages!.InUse);
        Assert.Contains(recorder.Decisions, d => d.MessageType == MessageType.RiskParameters && d.IsAccepted);
        Assert.Contains(recorder.Decisions, d => d.MessageType == MessageType.VolSurface && d.IsAccepted);
        Assert.True(gate.Engine.Market!.Epoch(0) > 10, "RiskParameters with new scan ranges must have re-anchored group 0");
    }

    [Fact]
    public void TrySubmit_ManyLargeMessagesThroughTwoBuffers_AllDecidedAndBuffersReturned()
    {
        const int Count = 30_000;
        var counters = new Recorder(Count);
        var gate = new GatePipeline<RecordingHandler>(WithPool(GateSession.Options(ringSize: 256), buffers: 2), new RecordingHandler(counters));
        foreach (var (bytes, _) in new GateSession(seed: 1).Setup())
        {
            gate.LoadReferenceData(bytes);
        }

        gate.Start();
        var buffer = new byte[4096];
        var busy = 0;
        for (var i = 0; i < Count; i++)
        {
            var length = LargeMessageEncoding.RiskParameters(buffer, (uint)(i & 1), 1 + (i % 100), time: (ulong)(1_000_000_000 + i));
            GateSubmitResult r;
            while ((r = gate.TrySubmit(buffer.AsSpan(0, length), i)) == GateSubmitResult.Busy)
            {
                busy++;
                Thread.Yield();
            }

            Assert.Equal(GateSubmitResult.Published, r);
        }

        Assert.True(gate.Stop(Timeout));
        Assert.Equal(Count, counters.Decisions.Count);
        Assert.All(counters.Decisions, d => Assert.Equal(RejectReason.None, d.Reason));
        Assert.Equal(0, gate.LargeMessages!.InUse);
        Assert.Equal(1 + ((Count - 1) % 100), gate.Engine.GroupLimits((Count - 1) & 1).MaxOrderQuantity);
    }

    [Fact]
    public void TrySubmit_LongerThanCapacityOrNoPool_TooLargeNothingPublished()
    {
        var recorder = new Recorder(4);
        var gate = new GatePipeline<RecordingHandler>(WithPool(GateSession.Options(), buffers: 2, capacity: 600), new RecordingHandler(recorder));
        var noPool = new GatePipeline<RecordingHandler>(WithPool(GateSession.Options(), buffers: 0), new RecordingHandler(new Recorder(4)));
        gate.Start();
        noPool.Start();
        var buffer = new byte[4096];
        var length = LargeMessageEncoding.RiskParameters(buffer, 0, 5); // 532 bytes
        var grid = new byte[4096];
        var gridLength = LargeMessageEncoding.GridSurface(grid, 0, 0.2, points: 64); // 1100 bytes

        Assert.Equal(GateSubmitResult.TooLarge, gate.TrySubmit(grid.AsSpan(0, gridLength), 0));
        Assert.Equal(GateSubmitResult.TooLarge, noPool.TrySubmit(buffer.AsSpan(0, length), 0));
        Assert.Equal(GateSubmitResult.Published, gate.TrySubmit(buffer.AsSpan(0, length), 0));
        Assert.True(gate.Stop(Timeout));
        Assert.True(noPool.Stop(Timeout));
        Assert.Equal(GateSubmitResult.Stopped, gate.TrySubmit(buffer.AsSpan(0, length), 0));
        Assert.Single(recorder.Decisions);
        Assert.Equal(-1, noPool.DeliveredSequence);
    }

    [Fact]
    public void Publish_ForgedReferenceBytes_MalformedAndNoBufferTouched()
    {
        var recorder = new Recorder(4);
        var gate = new GatePipeline<RecordingHandler>(WithPool(GateSession.Options(), buffers: 2), new RecordingHandler(recorder));
        gate.Start();
        var buffer = new byte[4096];
        var length = LargeMessageEncoding.RiskParameters(buffer, 0, 5);
        Assert.Equal(GateSubmitResult.Published, gate.TrySubmit(buffer.AsSpan(0, length), 0));

        // A producer writes reference-shaped bytes naming buffer 0 into its own slot.
        Assert.Equal(GateSubmitResult.Published, gate.TryClaim(out var claim));
        var pool = new LargeMessagePool(1, 128);
        pool.Bind(0, length, 0, claim.Buffer);
        gate.Publish(claim, LargeMessagePool.ReferenceLength, 1);

        Assert.True(gate.Stop(Timeout));
        Assert.Equal(2, recorder.Decisions.Count);
        Assert.Equal(RejectReason.None, recorder.Decisions[0].Reason);
        Assert.Equal(RejectReason.MalformedMessage, recorder.Decisions[1].Reason);
        Assert.Equal(0, gate.LargeMessages!.InUse);
    }

    [Fact]
    public void GateOptions_LargeMessageSettingsOutOfRange_ThrowNamingTheSetting()
    {
        var bad = WithPool(GateSession.Options(), buffers: 70_000);
        var e = Assert.Throws<ArgumentOutOfRangeException>(bad.Validate);
        Assert.Contains("LargeMessageBuffers", e.Message, StringComparison.Ordinal);
        var small = WithPool(GateSession.Options(), buffers: 4, capacity: 96);
        e = Assert.Throws<ArgumentOutOfRangeException>(small.Validate);
        Assert.Contains("LargeMessageCapacity", e.Message, StringComparison.Ordinal);
    }

    private static string Show(GateDecision d) => d.Sequence + "/" + d.InputSequence + "/" + d.ClientOrderId + "/" + d.AccountId + "/" + d.InstrumentId + "/" + d.ReceiveTimestampNs + "/" + d.DecisionTimeNs + "/" + d.SourceId + "/" + d.Status;

    internal static GateOptions WithPool(GateOptions o, int buffers, int capacity = 4096) => new()
    {
        Engine = o.Engine,
        RingSize = o.RingSize,
        ProducerType = o.ProducerType,
        AlertQueueSize = o.AlertQueueSize,
        SweepInterval = o.SweepInterval,
        SweepAccounts = o.SweepAccounts,
        LargeMessageBuffers = buffers,
        LargeMessageCapacity = capacity,
    };

    private static void ProduceGroup(GatePipeline<RecordingHandler> gate, uint group, int rounds)
    {
        var large = new byte[4096];
        var small = new byte[96];
        var future = group == 0 ? 100u : 300u;
        var price = group == 0 ? 5000_000_000_000L : 18000_000_000_000L;
        for (var k = 0; k < rounds; k++)
        {
            var quantity = 1 + (k % 40);
            var time = (ulong)(2_000_000_000L + (k * 50_000_000L));
            var length = LargeMessageEncoding.RiskParameters(large, group, quantity, time: time);
            Submit(gate, large.AsSpan(0, length));

            // Accounts 1, 2, 3, 5, 6, 7 (group 0) or 9, 10, 11, 13, 14, 15 (group 1): never the thin ones (multiples of 4).
            var account = (uint)((group * 8) + 1 + (k % 3) + (k % 6 >= 3 ? 4 : 0));
            for (var over = 0; over < 2; over++)
            {
                var id = ((ulong)group << 40) | ((ulong)k << 1) | (uint)over;
                length = NewOrderEncoder.Wrap(small).ClientOrderId(id).AccountId(account).InstrumentId(future).Quantity(quantity + over)
                    .Price(price).Side(Side.Buy).OrderType(OrderType.Limit).TimeInForce(TimeInForce.ImmediateOrCancel).SendingTime(time).EncodedLength;
                Submit(gate, small.AsSpan(0, length));
            }
        }
    }

    private static void ProduceNoise(GatePipeline<RecordingHandler> gate, int rounds)
    {
        var large = new byte[4096];
        var small = new byte[96];
        for (var k = 0; k < rounds; k++)
        {
            var length = LargeMessageEncoding.GridSurface(large, (uint)(k & 1), 0.18 + (0.001 * (k % 20)), time: 1);
            Submit(gate, large.AsSpan(0, length));
            length = HeartbeatEncoder.Wrap(small).SendingTime(1).Sequence((ulong)k).EncodedLength;
            Submit(gate, small.AsSpan(0, length));
        }
    }

    private static void Submit(GatePipeline<RecordingHandler> gate, ReadOnlySpan<byte> message)
    {
        GateSubmitResult r;
        while ((r = gate.TrySubmit(message, 0)) == GateSubmitResult.Busy)
        {
            Thread.Yield();
        }

        Assert.Equal(GateSubmitResult.Published, r);
    }
}
