using RiskGate.Gate.Idle;
using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Tests.Ring;

public class MultiProducerSequencerTests
{
    [Fact]
    public void TryClaim_RingFull_ReturnsFalseAndLeavesUnconsumedSlots()
    {
        var ring = new RingBuffer<long>(8);
        var sequencer = new MultiProducerSequencer(8);
        var consumer = new Sequence();
        sequencer.SetGatingSequences(consumer);
        for (var i = 0; i < 8; i++)
        {
            Assert.True(sequencer.TryClaim(out var s));
            ring[s] = 1000 + s;
            sequencer.Publish(s);
        }

        Assert.False(sequencer.TryClaim(out _));
        Assert.False(sequencer.TryClaim(2, out _));
        Assert.Equal(7, sequencer.Cursor.Value);
        for (var s = 0; s < 8; s++)
        {
            Assert.Equal(1000 + s, ring[s]);
        }

        consumer.SetValue(1);
        Assert.True(sequencer.TryClaim(2, out var highest));
        Assert.Equal(9, highest);
        Assert.False(sequencer.TryClaim(out _));
    }

    [Fact]
    public void GetHighestPublishedSequence_OutOfOrderPublish_ReturnsContiguousPrefix()
    {
        var sequencer = new MultiProducerSequencer(8);
        sequencer.SetGatingSequences(new Sequence());
        Assert.True(sequencer.TryClaim(3, out var highest));
        Assert.Equal(2, highest);

        sequencer.Publish(2);
        Assert.Equal(-1, sequencer.GetHighestPublishedSequence(0, 2));
        sequencer.Publish(0);
        Assert.Equal(0, sequencer.GetHighestPublishedSequence(0, 2));
        sequencer.Publish(1);
        Assert.Equal(2, sequencer.GetHighestPublishedSequence(0, 2));
    }

    [Fact]
    public void IsPublished_PreviousLap_IsNotPublished()
    {
        var sequencer = new MultiProducerSequencer(4);
        var consumer = new Sequence();
        sequencer.SetGatingSequences(consumer);
        Assert.True(sequencer.TryClaim(4, out _));
        sequencer.Publish(0, 3);
        consumer.SetValue(3);

        Assert.True(sequencer.TryClaim(out var s));
        Assert.Equal(4, s);
        Assert.True(sequencer.IsPublished(0));
        Assert.False(sequencer.IsPublished(4)); // same slot as 0, next lap: not yet
        sequencer.Publish(4);
        Assert.True(sequencer.IsPublished(4));
        Assert.False(sequencer.IsPublished(0));
    }

    [Fact]
    public void ClaimPublishConsume_ManyLaps_EveryEventSeenOnceInOrder()
    {
        const int Capacity = 8;
        const int Events = Capacity * 2000;
        var ring = new RingBuffer<long>(Capacity);
        var sequencer = new MultiProducerSequencer(Capacity);
        var consumer = new Sequence();
        sequencer.SetGatingSequences(consumer);
        var barrier = sequencer.NewBarrier();
        var idle = new BusySpinIdleStrategy();
        long produced = 0;
        long next = 0;
        var rng = new Random(11);

        while (next < Events)
        {
            var n = rng.Next(1, 4);
            if (produced + n <= Events && sequencer.TryClaim(n, out var highest))
            {
                for (var s = highest - n + 1; s <= highest; s++)
                {
                    ring[s] = s * 5;
                }

                sequencer.Publish(highest - n + 1, highest);
                produced += n;
            }
            else if (next < produced)
            {
                var available = barrier.WaitFor(next, ref idle);
                for (; next <= available; next++)
                {
                    Assert.Equal(next * 5, ring[next]);
                }

                consumer.SetValue(available);
            }
            else
            {
                n = 1;
                Assert.True(sequencer.TryClaim(n, out var one));
                ring[one] = one * 5;
                sequencer.Publish(one);
                produced++;
            }
        }

        Assert.Equal(Events, next);
    }

    [Fact]
    public void TryClaim_ConcurrentProducers_HandOutEachSequenceOnce()
    {
        const int PerProducer = 200_000;
        var sequencer = new MultiProducerSequencer(1024);
        var consumer = new Sequence(long.MaxValue / 2); // never gates: this test is about the claim only
        sequencer.SetGatingSequences(consumer);
        var seen = new int[3 * PerProducer];
        var threads = new Thread[3];
        for (var t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(() =>
            {
                for (var i = 0; i < PerProducer; i++)
                {
                    long s;
                    while (!sequencer.TryClaim(out s))
                    {
                    }

                    Interlocked.Increment(ref seen[s]);
                }
            });
            threads[t].Start();
        }

        foreach (var thread in threads)
        {
            Assert.True(thread.Join(TimeSpan.FromSeconds(60)));
        }

        Assert.All(seen, count => Assert.Equal(1, count));
    }

    [Fact]
    public void TryPublish_TranslatorThrows_PublishesSlotMarkedInvalid()
    {
        var ring = new RingBuffer<GateSlot>(4);
        var sequencer = new MultiProducerSequencer(4);
        sequencer.SetGatingSequences(new Sequence());
        var bad = new GateSlotTranslator(fail: true, payload: 1);

        Assert.Throws<InvalidOperationException>(() => sequencer.TryPublish(ring, ref bad));

        Assert.True(sequencer.IsPublished(0));
        Assert.Equal(SlotValidity.Invalid, ring[0].Validity);
    }
}
