using RiskGate.Engine;
using RiskGate.Gate.Api;
using RiskGate.Gate.Pipeline;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Messages;

namespace RiskGate.Gate.Tests.Pipeline;

public class GatePipelineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Pipeline_RealThreads_DecisionsEqualEngineCalledDirectly()
    {
        const int Count = 20_000;
        var session = new GateSession(seed: 7);
        var setup = session.Setup();
        var recorder = new Recorder(Count + setup.Count);
        var gate = new GatePipeline<RecordingHandler>(GateSession.Options(ringSize: 256, producer: GateProducerType.Multi), new RecordingHandler(recorder));
        var oracle = new RiskEngine(GateSession.EngineOptions());
        var logical = new List<SessionMessage>(Count + setup.Count);
        gate.Start();
        var buffer = new byte[96];
        var sequence = 0L;
        foreach (var (bytes, m) in setup)
        {
            SubmitSpinning(gate, bytes);
            logical.Add(m);
        }

        for (var i = 0; i < Count; i++)
        {
            var length = session.Next(buffer, out var m);
            SubmitSpinning(gate, buffer.AsSpan(0, length));
            logical.Add(m);
        }

        Assert.True(gate.Stop(Timeout));
        Assert.Null(gate.Fault);
        Assert.Equal(logical.Count, recorder.Decisions.Count);

        var accepted = 0;
        var malformed = 0;
        var alertIndex = 0;
        foreach (var m in logical)
        {
            var d = recorder.Decisions[(int)sequence];
            Assert.Equal(sequence, d.InputSequence);
            Assert.True(d.Sequence > sequence, "outbound sequence behind input");
            if (m.Malformed)
            {
                Assert.True(d.Reason is RejectReason.MalformedMessage or RejectReason.UnsupportedMessage, "malformed input got " + d.Reason);
                malformed++;
            }
            else
            {
                var expected = GateSession.Apply(oracle, m, sequence);
                Assert.Equal(sequence, expected.Sequence);
                Assert.Equal((RejectReason)(ushort)expected.Reason, d.Reason);
                Assert.Equal(expected.Accepted, d.IsAccepted);
                Assert.Equal(Money4.FromDouble(expected.InitialBefore), d.InitialMarginBefore);
                Assert.Equal(Money4.FromDouble(expected.InitialAfter), d.InitialMarginAfter);
                Assert.Equal(Money4.FromDouble(expected.Equity), d.Equity);
                Assert.Equal(Money4.FromDouble(expected.Excess), d.Excess);
                Assert.Equal(oracle.Now, d.DecisionTimeNs);
                ExpectAlerts(oracle, recorder, sequence, ref alertIndex);
                accepted += d.IsAccepted ? 1 : 0;
            }

            if ((sequence + 1) % gate.Options.SweepInterval == 0)
            {
                oracle.Sweep(gate.Options.SweepAccounts);
                ExpectAlerts(oracle, recorder, sequence, ref alertIndex);
            }

            sequence++;
        }

        Assert.Equal(recorder.Alerts.Count, alertIndex);
        Assert.True(alertIndex > 0, "no alert raised: the alert path went untested");

        // The session must exercise both outcomes, or the comparison proves little.
        Assert.InRange(accepted, Count / 20, Count);
        Assert.InRange(malformed, 1, Count / 50);
    }

    [Fact]
    public void Pipeline_SameMessages_BitForBitEqualToDirectMode()
    {
        const int Count = 20_000;
        var session = new GateSession(seed: 11);
        var setup = session.Setup();
        var recorder = new Recorder(Count + setup.Count) { KeepEncoded = true };
        var options = GateSession.Options(ringSize: 128, producer: GateProducerType.Single);
        var gate = new GatePipeline<RecordingHandler>(options, new RecordingHandler(recorder));
        var direct = new DirectGate(options);
        var directDecisions = new List<GateDecision>();
        var directAlerts = new List<GateAlert>();
        gate.Start();
        var buffer = new byte[96];
        var encoded = new byte[96];
        var directEncoded = new List<byte[]>();
        void Both(ReadOnlySpan<byte> message, long t)
        {
            while (gate.TrySubmit(message, t, 5) == GateSubmitResult.Busy)
            {
                Thread.Yield();
            }

            var d = direct.Submit(message, t, 5);
            directDecisions.Add(d);
            directEncoded.Add(encoded.AsSpan(0, d.Encode(encoded)).ToArray());
            foreach (var a in direct.Alerts)
            {
                directAlerts.Add(a);
            }
        }

        foreach (var (bytes, _) in setup)
        {
            Both(bytes, 3);
        }

        for (var i = 0; i < Count; i++)
        {
            var length = session.Next(buffer, out _);
            Both(buffer.AsSpan(0, length), 1000 + i);
        }

        Assert.True(gate.Stop(Timeout));
        Assert.Equal(directDecisions, recorder.Decisions);
        Assert.Equal(directAlerts, recorder.Alerts);
        Assert.Equal(directEncoded.Count, recorder.Encoded.Count);
        for (var i = 0; i < directEncoded.Count; i++)
        {
            Assert.True(directEncoded[i].AsSpan().SequenceEqual(recorder.Encoded[i]), "encoded decision " + i + " differs");
        }

        Assert.NotEmpty(recorder.Alerts);
        Assert.Contains(recorder.Decisions, d => d.IsAccepted);
        Assert.Contains(recorder.Decisions, d => d.Reason == RejectReason.InsufficientMargin || d.Reason == RejectReason.PriceOutsideCollar);
    }

    [Fact]
    public void TrySubmit_RingFull_ReturnsBusyThenPublishesAfterRelease()
    {
        var release = new ManualResetEventSlim(false);
        var recorder = new Recorder(64) { Gate = release };
        var gate = new GatePipeline<RecordingHandler>(GateSession.Options(ringSize: 16), new RecordingHandler(recorder));
        gate.Start();
        var heartbeat = new byte[HeartbeatEncoder.Length];
        HeartbeatEncoder.Wrap(heartbeat).SendingTime(1);
        var published = 0;
        GateSubmitResult result;
        while ((result = gate.TrySubmit(heartbeat, 0)) == GateSubmitResult.Published)
        {
            published++;
            Assert.True(published <= 16, "more than the ring's capacity was accepted while the egress stage was blocked");
        }

        Assert.Equal(GateSubmitResult.Busy, result);
        Assert.Equal(16, published);
        release.Set();
        while (gate.TrySubmit(heartbeat, 0) != GateSubmitResult.Published)
        {
            Thread.Yield();
        }

        Assert.True(gate.Stop(Timeout));
        Assert.Equal(17, recorder.Decisions.Count);
    }

    [Fact]
    public void TrySubmit_NotStartedOrStoppedOrTooLarge_NothingPublished()
    {
        var gate = new GatePipeline<RecordingHandler>(GateSession.Options(), new RecordingHandler(new Recorder(4)));
        var heartbeat = new byte[HeartbeatEncoder.Length];
        HeartbeatEncoder.Wrap(heartbeat).SendingTime(1);
        Assert.Equal(GateSubmitResult.Stopped, gate.TrySubmit(heartbeat, 0));
        gate.Start();
        Assert.Equal(GateSubmitResult.TooLarge, gate.TrySubmit(new byte[gate.Options.LargeMessageCapacity + 1], 0));
        Assert.True(gate.Stop(Timeout));
        Assert.Equal(GateSubmitResult.Stopped, gate.TrySubmit(heartbeat, 0));
        Assert.Equal(-1, gate.DeliveredSequence);
    }

    [Fact]
    public void Stop_ManyProducers_EveryDecisionDeliveredOnceInOrder()
    {
        const int PerProducer = 20_000;
        var recorder = new Recorder(4 * PerProducer);
        var gate = new GatePipeline<RecordingHandler>(GateSession.Options(ringSize: 64, producer: GateProducerType.Multi), new RecordingHandler(recorder));
        gate.Start();
        var threads = new Thread[4];
        for (var p = 0; p < threads.Length; p++)
        {
            var source = p;
            threads[p] = new Thread(() =>
            {
                var heartbeat = new byte[HeartbeatEncoder.Length];
                for (var i = 0; i < PerProducer; i++)
                {
                    HeartbeatEncoder.Wrap(heartbeat).SendingTime((ulong)i + 1).Sequence((ulong)i);
                    while (gate.TrySubmit(heartbeat, i, source) == GateSubmitResult.Busy)
                    {
                        Thread.Yield();
                    }
                }
            });
            threads[p].Start();
        }

        foreach (var t in threads)
        {
            t.Join();
        }

        Assert.True(gate.Stop(Timeout));
        Assert.Equal(4 * PerProducer, recorder.Decisions.Count);
        var perSource = new long[4];
        for (var i = 0; i < recorder.Decisions.Count; i++)
        {
            var d = recorder.Decisions[i];
            Assert.Equal(i, d.InputSequence);
            Assert.Equal(i + 1, d.Sequence);
            Assert.Equal(perSource[d.SourceId]++, d.ReceiveTimestampNs); // per producer, in its own order
        }
    }

    [Fact]
    public void TryClaimPublish_EncodeInPlace_SameDecisionAsTrySubmit()
    {
        var recorder = new Recorder(8);
        var gate = new GatePipeline<RecordingHandler>(GateSession.Options(), new RecordingHandler(recorder));
        var session = new GateSession(seed: 3);
        foreach (var (bytes, _) in session.Setup())
        {
            Assert.NotEqual(RejectReason.InternalError, gate.LoadReferenceData(bytes).Reason);
        }

        gate.Start();
        Assert.Equal(GateSubmitResult.Published, gate.TryClaim(out var claim));
        var length = NewOrderEncoder.Wrap(claim.Buffer).ClientOrderId(1).AccountId(1).InstrumentId(100).Quantity(1).Price(5000_000_000_000)
            .Side(Side.Buy).OrderType(OrderType.Limit).TimeInForce(TimeInForce.GoodTillCancel).SendingTime(2_000_000_000).EncodedLength;
        gate.Publish(claim, length, 9);
        var copy = new byte[64];
        NewOrderEncoder.Wrap(copy).ClientOrderId(2).AccountId(1).InstrumentId(100).Quantity(1).Price(5000_000_000_000)
            .Side(Side.Buy).OrderType(OrderType.Limit).TimeInForce(TimeInForce.GoodTillCancel).SendingTime(2_001_000_000);
        Assert.Equal(GateSubmitResult.Published, gate.TrySubmit(copy, 9));
        Assert.Equal(GateSubmitResult.Published, gate.TryClaim(out var bad));
        gate.Publish(bad, 200, 9); // an impossible length: published invalid
        Assert.True(gate.Stop(Timeout));

        Assert.Equal(3, recorder.Decisions.Count);
        Assert.True(recorder.Decisions[0].IsAccepted, recorder.Decisions[0].Reason.ToString());
        Assert.True(recorder.Decisions[1].IsAccepted, recorder.Decisions[1].Reason.ToString());
        Assert.Equal(recorder.Decisions[0].InitialMarginAfter, recorder.Decisions[1].InitialMarginBefore);
        Assert.Equal(1ul, recorder.Decisions[0].ClientOrderId);
        Assert.Equal(RejectReason.MalformedMessage, recorder.Decisions[2].Reason);
    }

    [Fact]
    public void LoadReferenceData_AfterStart_Throws()
    {
        var gate = new GatePipeline<RecordingHandler>(GateSession.Options(), new RecordingHandler(new Recorder(1)));
        gate.Start();
        Assert.Throws<InvalidOperationException>(() => gate.LoadReferenceData(new byte[8]));
        Assert.True(gate.Stop(Timeout));
    }

    [Fact]
    public void Polling_OutboundRing_ReceivesEveryEncodedDecision()
    {
        var options = GateSession.Options(ringSize: 64);
        var outbound = new OutboundRing(16);
        var gate = new GatePipeline<PollingDecisionHandler>(options, new PollingDecisionHandler(outbound));
        gate.Start();
        var heartbeat = new byte[HeartbeatEncoder.Length];
        var polled = 0;
        var buffer = new byte[OutboundRing.EntrySize];
        for (var i = 0; i < 1000; i++)
        {
            HeartbeatEncoder.Wrap(heartbeat).SendingTime((ulong)i + 1);
            while (gate.TrySubmit(heartbeat, i) == GateSubmitResult.Busy)
            {
                Poll(outbound, buffer, ref polled);
            }
        }

        while (polled < 1000)
        {
            Poll(outbound, buffer, ref polled);
        }

        Assert.True(gate.Stop(Timeout));
        Assert.Equal(1000, polled);
        Assert.Equal(0, outbound.Dropped);

        static void Poll(OutboundRing ring, byte[] buffer, ref int polled)
        {
            while (ring.TryPoll(buffer, out var length))
            {
                Assert.Equal(OrderDecisionEncoder.Length, length);
                Assert.Equal(FrameStatusOk, OrderDecisionDecoder.TryWrap(buffer.AsSpan(0, length), out var d));
                Assert.Equal((ulong)polled, d.InputSequence);
                polled++;
            }
        }
    }

    private static void ExpectAlerts(RiskEngine oracle, Recorder recorder, long sequence, ref int alertIndex)
    {
        foreach (var expected in oracle.Alerts.Items)
        {
            Assert.True(alertIndex < recorder.Alerts.Count, "missing alert of input " + sequence);
            var actual = recorder.Alerts[alertIndex++];
            Assert.Equal(sequence, actual.InputSequence);
            Assert.Equal((byte)expected.Kind, (byte)actual.Kind);
            Assert.Equal(expected.AccountId, actual.AccountId);
            Assert.Equal(expected.ClientOrderId, actual.ClientOrderId);
            Assert.Equal((byte)expected.State, (byte)actual.TradingState);
            Assert.Equal(Money4.FromDouble(expected.Equity), actual.Equity);
            Assert.Equal(Money4.FromDouble(expected.Maintenance), actual.MaintenanceMargin);
        }
    }

    private const Protocol.Framing.FrameStatus FrameStatusOk = Protocol.Framing.FrameStatus.Ok;

    private static void SubmitSpinning<T>(GatePipeline<T> gate, ReadOnlySpan<byte> message)
        where T : struct, IDecisionHandler
    {
        while (true)
        {
            var result = gate.TrySubmit(message, 0);
            if (result == GateSubmitResult.Published)
            {
                return;
            }

            Assert.Equal(GateSubmitResult.Busy, result);
            Thread.Yield();
        }
    }
}
