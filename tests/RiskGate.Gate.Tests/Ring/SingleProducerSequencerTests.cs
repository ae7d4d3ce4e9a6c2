using RiskGate.Gate.Idle;
using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Tests.Ring;

public class SingleProducerSequencerTests
{
    [Fact]
    public void TryClaim_RingFull_ReturnsFalseAndLeavesUnconsumedSlots()
    {
        var ring = new RingBuffer<long>(8);
        var sequencer = new SingleProducerSequencer(8);
        var consumer = new Sequence();
        sequencer.SetGatingSequences(consumer);
        for (var i = 0; i < 8; i++)
        {
            Assert.True(sequencer.TryClaim(out var s));
            Assert.Equal(i, s);
            ring[s] = 1000 + s;
            sequencer.Publish(s);
        }

        Assert.False(sequencer.TryClaim(out _));
        Assert.False(sequencer.TryClaim(out _)); // a failed claim claims nothing
        Assert.False(sequencer.TryClaim(1, out _));
        for (var s = 0; s < 8; s++)
        {
            Assert.Equal(1000 + s, ring[s]);
        }

        consumer.SetValue(0); // slot of sequence 0 consumed
        Assert.True(sequencer.TryClaim(out var next));
        Assert.Equal(8, next);
        Assert.False(sequencer.TryClaim(out _));
        Assert.Equal(1001, ring[9]); // sequence 1 not consumed: untouched
    }

    [Fact]
    public void TryClaim_SlowestGatingSequence_Bounds()
    {
        var sequencer = new SingleProducerSequencer(4);
        var fast = new Sequence(100);
        var slow = new Sequence();
        sequencer.SetGatingSequences(fast, slow);

        Assert.True(sequencer.TryClaim(4, out var highest));
        Assert.Equal(3, highest);
        sequencer.Publish(0, 3);

        Assert.False(sequencer.TryClaim(out _)); // the slow consumer holds the ring even though the fast one is ahead
        slow.SetValue(1);
        Assert.True(sequencer.TryClaim(2, out highest));
        Assert.Equal(5, highest);
    }

    [Fact]
    public void TryClaim_Batch_ClaimsContiguousRangeOrNothing()
    {
        var sequencer = new SingleProducerSequencer(16);
        var consumer = new Sequence();
        sequencer.SetGatingSequences(consumer);

        Assert.True(sequencer.TryClaim(10, out var highest));
        Assert.Equal(9, highest);
        Assert.False(sequencer.TryClaim(7, out _)); // only 6 free
        Assert.Equal(9, sequencer.Claimed);
        Assert.True(sequencer.TryClaim(6, out highest));
        Assert.Equal(15, highest);
        Assert.Equal(Sequence.InitialValue, sequencer.Cursor.Value); // claimed is not published

        sequencer.Publish(0, 15);
        Assert.Equal(15, sequencer.Cursor.Value);
    }

    [Theory]
    [InlineData(0)] // nothing to claim
    [InlineData(-1)] // negative
    [InlineData(17)] // more than the ring
    public void TryClaim_BatchSizeOutOfRange_Throws(int n)
    {
        var sequencer = new SingleProducerSequencer(16);
        Assert.Throws<ArgumentOutOfRangeException>(() => sequencer.TryClaim(n, out _));
    }

    [Fact]
    public void ClaimPublishConsume_ManyLaps_EveryEventSeenOnceInOrder()
    {
        const int Capacity = 4;
        const int Events = Capacity * 2500;
        var ring = new RingBuffer<long>(Capacity);
        var sequencer = new SingleProducerSequencer(Capacity);
        var consumer = new Sequence();
        sequencer.SetGatingSequences(consumer);
        var barrier = sequencer.NewBarrier();
        var idle = new BusySpinIdleStrategy();
        long produced = 0;
        long consumedNext = 0;
        var rng = new Random(7);

        while (consumedNext < Events)
        {
            // produce a random burst until full, then consume a random burst
            var burst = rng.Next(1, Capacity + 2);
            for (var i = 0; i < burst && produced < Events && sequencer.TryClaim(out var s); i++)
            {
                Assert.Equal(produced, s);
                ring[s] = s * 3;
                sequencer.Publish(s);
                produced++;
            }

            if (consumedNext < produced)
            {
                var available = barrier.WaitFor(consumedNext, ref idle);
                Assert.Equal(produced - 1, available);
                for (; consumedNext <= available; consumedNext++)
                {
                    Assert.Equal(consumedNext * 3, ring[consumedNext]);
                }

                consumer.SetValue(available);
            }
        }

        Assert.Equal(Events, produced);
        Assert.True(Events / Capacity >= 2500); // wrapped thousands of times
    }

    [Fact]
    public void Claim_RingFull_WaitsUntilConsumerAdvances()
    {
        var sequencer = new SingleProducerSequencer(2);
        var consumer = new Sequence();
        sequencer.SetGatingSequences(consumer);
        var idle = new YieldingIdleStrategy();
        sequencer.Publish(sequencer.Claim(2, ref idle));

        long claimed = -1;
        var claimer = new Thread(() =>
        {
            var inner = new BlockingIdleStrategy(sequencer.Signal);
            Volatile.Write(ref claimed, sequencer.Claim(ref inner));
        });
        claimer.Start();

        Assert.False(claimer.Join(50)); // full: the claim waits
        Assert.Equal(-1, Volatile.Read(ref claimed));
        consumer.SetValue(0);
        sequencer.Signal.NotifyIfWaiting();
        Assert.True(claimer.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, claimed);
    }

    [Fact]
    public void TryPublish_TranslatorThrows_PublishesSlotMarkedInvalid()
    {
        var ring = new RingBuffer<GateSlot>(4);
        var sequencer = new SingleProducerSequencer(4);
        sequencer.SetGatingSequences(new Sequence());
        var good = new GateSlotTranslator(fail: false, payload: 5);
        var bad = new GateSlotTranslator(fail: true, payload: 6);

        Assert.True(sequencer.TryPublish(ring, ref good));
        Assert.Throws<InvalidOperationException>(() => sequencer.TryPublish(ring, ref bad));
        Assert.True(sequencer.TryPublish(ring, ref good));

        Assert.Equal(2, sequencer.Cursor.Value); // the failed slot did not stall the sequence
        Assert.Equal(SlotValidity.Valid, ring[0].Validity);
        Assert.Equal(SlotValidity.Invalid, ring[1].Validity);
        Assert.Equal(SlotValidity.Valid, ring[2].Validity);
    }

    [Fact]
    public void IsPublished_TracksCursorWithinOneLap()
    {
        var sequencer = new SingleProducerSequencer(4);
        sequencer.SetGatingSequences(new Sequence(100));
        Assert.False(sequencer.IsPublished(0));
        Assert.True(sequencer.TryClaim(out var s));
        Assert.False(sequencer.IsPublished(s));
        sequencer.Publish(s);
        Assert.True(sequencer.IsPublished(s));
    }
}
