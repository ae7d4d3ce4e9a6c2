using RiskGate.Gate.Idle;
using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Tests.Ring;

public class StageGraphTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Stage A or B: stamps its mark into the slot; optionally waits on a gate before each event.</summary>
    private struct MarkHandler : IStageHandler<GateSlot>
    {
        private readonly bool _isA;
        private readonly ManualResetEventSlim? _gate;

        public MarkHandler(bool isA, ManualResetEventSlim? gate)
        {
            _isA = isA;
            _gate = gate;
        }

        public void OnLookahead(ref GateSlot ahead, long sequence)
        {
        }

        public readonly void OnEvent(ref GateSlot slot, long sequence, bool endOfBatch)
        {
            _gate?.Wait();
            if (_isA)
            {
                slot.InitialMarginBefore = sequence;
            }
            else
            {
                slot.InitialMarginAfter = sequence;
            }
        }
    }

    /// <summary>Stage C: counts events on which A's or B's mark is missing.</summary>
    private struct CheckHandler : IStageHandler<GateSlot>
    {
        public long Seen;
        public long Missing;

        public void OnLookahead(ref GateSlot ahead, long sequence)
        {
        }

        public void OnEvent(ref GateSlot slot, long sequence, bool endOfBatch)
        {
            Seen++;
            if (slot.InitialMarginBefore != sequence || slot.InitialMarginAfter != sequence)
            {
                Missing++;
            }
        }
    }

    private static void Publish(RingBuffer<GateSlot> ring, SingleProducerSequencer sequencer, int count)
    {
        var idle = new YieldingIdleStrategy();
        for (var i = 0; i < count; i++)
        {
            var s = sequencer.Claim(ref idle);
            ring[s].TryWriteMessage([1], 1, s);
            sequencer.Publish(s);
        }
    }

    [Fact]
    public void Diamond_SlowStageA_CDoesNotPassA()
    {
        var ring = new RingBuffer<GateSlot>(8);
        var sequencer = new SingleProducerSequencer(8);
        using var gateA = new ManualResetEventSlim(false);
        var graph = new StageGraph<GateSlot>(ring, sequencer);
        var a = graph.AddStage("A", new MarkHandler(true, gateA), new YieldingIdleStrategy());
        var b = graph.AddStage("B", new MarkHandler(false, null), new YieldingIdleStrategy());
        var c = graph.AddStage("C", new CheckHandler(), new YieldingIdleStrategy(), [a, b]);
        graph.Start();

        Publish(ring, sequencer, 5);
        var deadline = DateTime.UtcNow + Timeout;
        while (b.Sequence.Value < 4)
        {
            Assert.True(DateTime.UtcNow < deadline);
            Thread.Sleep(1);
        }

        Thread.Sleep(20);
        Assert.Equal(Sequence.InitialValue, c.Sequence.Value); // B is done but A is held: C must not move
        Assert.Equal(Sequence.InitialValue, a.Sequence.Value);

        gateA.Set();
        Publish(ring, sequencer, 20); // wraps the 8-slot ring: producers are gated by C, the only last stage
        Assert.True(graph.Drain(Timeout));

        Assert.Equal(25, c.Handler.Seen);
        Assert.Equal(0, c.Handler.Missing);
    }

    [Fact]
    public void Start_GatesProducersOnLastStagesOnly()
    {
        var ring = new RingBuffer<GateSlot>(4);
        var sequencer = new SingleProducerSequencer(4);
        using var hold = new ManualResetEventSlim(false);
        var graph = new StageGraph<GateSlot>(ring, sequencer);
        var first = graph.AddStage("first", new MarkHandler(true, null), new YieldingIdleStrategy());
        var last = graph.AddStage("last", new MarkHandler(false, hold), new YieldingIdleStrategy(), [first]);
        graph.Start();

        Assert.Equal(new[] { last.Sequence }, sequencer.GatingSequences);
        Publish(ring, sequencer, 4);
        Assert.False(sequencer.TryClaim(out _)); // last stage holds everything
        hold.Set();
        Assert.True(graph.Drain(Timeout));
    }

    [Fact]
    public void AddStage_AfterStartOrForeignDependency_Throws()
    {
        var ring = new RingBuffer<GateSlot>(4);
        var sequencer = new SingleProducerSequencer(4);
        var graph = new StageGraph<GateSlot>(ring, sequencer);
        var other = new StageGraph<GateSlot>(ring, sequencer);
        var foreign = other.AddStage("x", new MarkHandler(true, null), new YieldingIdleStrategy());

        Assert.Throws<ArgumentException>(() => graph.AddStage("y", new MarkHandler(true, null), new YieldingIdleStrategy(), [foreign]));
        Assert.Throws<InvalidOperationException>(graph.Start); // no stage

        graph.AddStage("z", new MarkHandler(true, null), new YieldingIdleStrategy());
        graph.Start();
        Assert.Throws<InvalidOperationException>(() => graph.AddStage("w", new MarkHandler(true, null), new YieldingIdleStrategy()));
        Assert.Throws<InvalidOperationException>(graph.Start);
        Assert.True(graph.Halt(Timeout));
    }

    [Fact]
    public void Drain_AfterProducerStops_ProcessesEverythingThenHalts()
    {
        var ring = new RingBuffer<GateSlot>(1024);
        var sequencer = new SingleProducerSequencer(1024);
        var graph = new StageGraph<GateSlot>(ring, sequencer);
        var a = graph.AddStage("A", new MarkHandler(true, null), new BlockingIdleStrategy(sequencer.Signal));
        var b = graph.AddStage("B", new MarkHandler(false, null), new BackoffIdleStrategy());
        var c = graph.AddStage("C", new CheckHandler(), new BlockingIdleStrategy(sequencer.Signal), [a, b]);
        graph.Start();

        Publish(ring, sequencer, 5000);
        Assert.True(graph.Drain(Timeout));

        Assert.Equal(4999, c.Sequence.Value);
        Assert.Equal(5000, c.Handler.Seen);
        Assert.Equal(0, c.Handler.Missing);
        Assert.All(graph.Stages, s => Assert.False(s.IsRunning));
    }
}
