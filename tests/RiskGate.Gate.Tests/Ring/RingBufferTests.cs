using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Tests.Ring;

public class RingBufferTests
{
    [Theory]
    [InlineData(0)] // empty
    [InlineData(1)] // a ring needs at least two slots
    [InlineData(3)] // not a power of two
    [InlineData(1000)] // not a power of two
    [InlineData(-8)] // negative
    public void Constructor_BadCapacity_Throws(int capacity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RingBuffer<long>(capacity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SingleProducerSequencer(capacity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiProducerSequencer(capacity));
    }

    [Fact]
    public void Indexer_SequencesOneLapApart_ShareASlot()
    {
        var ring = new RingBuffer<GateSlot>(8);
        ring[3].SourceId = 42;

        Assert.Equal(42, ring[3 + 8].SourceId);
        Assert.Equal(42, ring[3 + (8 * 1000)].SourceId);
        Assert.Equal(0, ring[4].SourceId);
    }

    [Fact]
    public void Indexer_AllSlots_AreDistinct()
    {
        var ring = new RingBuffer<long>(16);
        for (var s = 0; s < 16; s++)
        {
            ring[s] = s + 100;
        }

        for (var s = 0; s < 16; s++)
        {
            Assert.Equal(s + 100, ring[s]);
        }
    }
}
