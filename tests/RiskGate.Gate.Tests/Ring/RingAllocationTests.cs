using RiskGate.Gate.Idle;
using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Tests.Ring;

/// <summary>claim → write → publish → consume allocates nothing after warm-up, on either thread.</summary>
public class RingAllocationTests
{
    private const int Warmup = 20_000;
    private const int Measured = 100_000;

    /// <summary>Measures the consumer thread's allocations between the end of warm-up and the last event.</summary>
    private struct AllocationProbeHandler : IStageHandler<GateSlot>
    {
        public long StartBytes;
        public long EndBytes;
        public long Sum;
        public bool Done;

        public void OnLookahead(ref GateSlot ahead, long sequence)
        {
        }

        public void OnEvent(ref GateSlot slot, long sequence, bool endOfBatch)
        {
            if (sequence == Warmup)
            {
                StartBytes = GC.GetAllocatedBytesForCurrentThread();
            }

            Sum += slot.DecisionSequence + slot.Length;
            if (sequence == Warmup + Measured - 1)
            {
                EndBytes = GC.GetAllocatedBytesForCurrentThread();
                Done = true;
            }
        }
    }

    [Fact]
    public void ClaimWritePublishConsume_AfterWarmup_AllocatesNothingOnEitherThread()
    {
        var ring = new RingBuffer<GateSlot>(1024);
        var sequencer = new SingleProducerSequencer(1024);
        var graph = new StageGraph<GateSlot>(ring, sequencer);
        var consumer = graph.AddStage("C", new AllocationProbeHandler(), new YieldingIdleStrategy());
        graph.Start();
        ReadOnlySpan<byte> message = [1, 2, 3, 4, 5, 6, 7, 8];
        var idle = new YieldingIdleStrategy();

        Produce(ring, sequencer, message, ref idle, 0, Warmup);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Produce(ring, sequencer, message, ref idle, Warmup, Measured);
        var producerBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(graph.Drain(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, producerBytes);
        Assert.True(consumer.Handler.Done);
        Assert.Equal(0, consumer.Handler.EndBytes - consumer.Handler.StartBytes);
        Assert.True(consumer.Handler.Sum > 0);
    }

    [Fact]
    public void MultiProducerTryClaimAndBarrier_SingleThreadAfterWarmup_AllocatesNothing()
    {
        var ring = new RingBuffer<GateSlot>(64);
        var sequencer = new MultiProducerSequencer(64);
        var progress = new Sequence();
        sequencer.SetGatingSequences(progress);
        var barrier = sequencer.NewBarrier();
        var idle = new BusySpinIdleStrategy();
        long sum = 0;

        void Cycle(int count)
        {
            for (var i = 0; i < count; i++)
            {
                if (!sequencer.TryClaim(out var s))
                {
                    throw new InvalidOperationException("ring unexpectedly full");
                }

                ring[s].DecisionSequence = i;
                sequencer.Publish(s);
                var available = barrier.WaitFor(s, ref idle);
                sum += ring[available].DecisionSequence;
                progress.SetValue(available);
            }
        }

        Cycle(Warmup);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Cycle(10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(sum > 0);
    }

    private static void Produce(
        RingBuffer<GateSlot> ring, SingleProducerSequencer sequencer, ReadOnlySpan<byte> message, ref YieldingIdleStrategy idle, long first, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var s = sequencer.Claim(ref idle);
            ref var slot = ref ring[s];
            slot.TryWriteMessage(message, 1, first + i);
            slot.DecisionSequence = first + i;
            sequencer.Publish(s);
        }
    }
}
