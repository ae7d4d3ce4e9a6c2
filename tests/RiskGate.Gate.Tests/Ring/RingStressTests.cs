using RiskGate.Gate.Idle;
using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Tests.Ring;

/// <summary>
/// Concurrency stress: at least ten million events per topology; no event lost, duplicated or reordered
/// within a producer, and in the diamond C never sees an event before both A and B have.
/// A deadlock fails the test through the join and drain timeouts instead of hanging it.
/// </summary>
public class RingStressTests
{
    private const int Capacity = 1 << 16;
    private const long TotalEvents = 10_000_002; // divisible by 1 and 3 producers
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(0)] // coalescing off: the consumer reads the cursor after every batch
    [InlineData(BatchCoalescing.DefaultPauses)] // coalescing on: reads are delayed while streaming
    public void OneProducerOneConsumer_TenMillion_NoLossDuplicateOrReorder(int coalescePauses)
    {
        var ring = new RingBuffer<GateSlot>(Capacity);
        var sequencer = new SingleProducerSequencer(Capacity);
        var graph = new StageGraph<GateSlot>(ring, sequencer);
        var consumer = graph.AddStage("C", new OrderCheckHandler(1, false), new YieldingIdleStrategy(), coalescePauses: coalescePauses);
        graph.Start();

        RunProducers(1, TotalEvents, _ => ProduceSingle(ring, sequencer, TotalEvents));

        Assert.True(graph.Drain(Timeout), "drain timed out");
        AssertAllSeen(ref consumer.Handler, 1, TotalEvents);
        Assert.Equal(TotalEvents - 1, consumer.Sequence.Value);
        Assert.True(consumer.BatchCount < TotalEvents); // progress was published per batch, not per event
    }

    [Theory]
    [InlineData(0)] // coalescing off: the consumer reads the cursor after every batch
    [InlineData(BatchCoalescing.DefaultPauses)] // coalescing on: reads are delayed while streaming
    public void ThreeProducersOneConsumer_TenMillion_NoLossDuplicateOrReorder(int coalescePauses)
    {
        var ring = new RingBuffer<GateSlot>(Capacity);
        var sequencer = new MultiProducerSequencer(Capacity);
        var graph = new StageGraph<GateSlot>(ring, sequencer);
        var consumer = graph.AddStage("C", new OrderCheckHandler(3, false), new YieldingIdleStrategy(), coalescePauses: coalescePauses);
        graph.Start();

        RunProducers(3, TotalEvents / 3, p => ProduceMulti(ring, sequencer, p, TotalEvents / 3));

        Assert.True(graph.Drain(Timeout), "drain timed out");
        AssertAllSeen(ref consumer.Handler, 3, TotalEvents / 3);
    }

    [Fact]
    public void Diamond_TenMillion_CSeesEveryEventAfterAAndB()
    {
        var ring = new RingBuffer<GateSlot>(Capacity);
        var sequencer = new SingleProducerSequencer(Capacity);
        var graph = new StageGraph<GateSlot>(ring, sequencer);
        var a = graph.AddStage("A", new StampHandler(true), new YieldingIdleStrategy());
        var b = graph.AddStage("B", new StampHandler(false), new YieldingIdleStrategy());
        var c = graph.AddStage("C", new OrderCheckHandler(1, true), new YieldingIdleStrategy(), [a, b]);
        graph.Start();

        RunProducers(1, TotalEvents, _ => ProduceSingle(ring, sequencer, TotalEvents));

        Assert.True(graph.Drain(Timeout), "drain timed out");
        AssertAllSeen(ref c.Handler, 1, TotalEvents);
        Assert.Equal(0, c.Handler.MarkErrors);
        Assert.Equal(TotalEvents - 1, a.Sequence.Value);
        Assert.Equal(TotalEvents - 1, b.Sequence.Value);
    }

    private static void AssertAllSeen(ref OrderCheckHandler handler, int producers, long perProducer)
    {
        Assert.Equal(0, handler.OrderErrors);
        Assert.Equal(0, handler.Invalid);
        Assert.Equal(producers * perProducer, handler.Count);
        for (var p = 0; p < producers; p++)
        {
            Assert.Equal(perProducer, handler.ExpectedNext(p));
        }
    }

    private static void RunProducers(int producers, long perProducer, Action<int> produce)
    {
        var threads = new Thread[producers];
        Exception? failure = null;
        for (var p = 0; p < producers; p++)
        {
            var id = p;
            threads[p] = new Thread(() =>
            {
                try
                {
                    produce(id);
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
            })
            { IsBackground = true, Name = "producer-" + p };
            threads[p].Start();
        }

        foreach (var thread in threads)
        {
            Assert.True(thread.Join(Timeout), "producer did not finish (deadlock?)");
        }

        Assert.Null(failure);
        Assert.True(perProducer > 0);
    }

    private static void ProduceSingle(RingBuffer<GateSlot> ring, SingleProducerSequencer sequencer, long count)
    {
        var idle = new YieldingIdleStrategy();
        for (long i = 0; i < count; i++)
        {
            var s = sequencer.Claim(ref idle);
            ref var slot = ref ring[s];
            slot.SourceId = 0;
            slot.DecisionSequence = i;
            slot.Validity = SlotValidity.Valid;
            sequencer.Publish(s);
        }
    }

    private static void ProduceMulti(RingBuffer<GateSlot> ring, MultiProducerSequencer sequencer, int producer, long count)
    {
        var idle = new YieldingIdleStrategy();
        for (long i = 0; i < count; i++)
        {
            var s = sequencer.Claim(ref idle);
            ref var slot = ref ring[s];
            slot.SourceId = producer;
            slot.DecisionSequence = i;
            slot.Validity = SlotValidity.Valid;
            sequencer.Publish(s);
        }
    }
}
