using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using RiskGate.Gate.Ring;

namespace RiskGate.Benchmarks.Ring;

/// <summary>
/// The producer path on one thread: claim → write the gate slot → publish, with the consumer's progress
/// advanced in the same loop so the ring never fills. Channels' TryWrite + TryRead of the same slot is the
/// baseline a .NET user would otherwise pick. Every operation checks its result and throws if it failed.
/// </summary>
[MemoryDiagnoser]
public class SequencerBenchmarks
{
    private const int Operations = 1024;
    private const int Capacity = 1024;

    private RingBuffer<GateSlot> _ring = null!;
    private SingleProducerSequencer _single = null!;
    private MultiProducerSequencer _multi = null!;
    private Sequence _singleConsumer = null!;
    private Sequence _multiConsumer = null!;
    private Channel<GateSlot> _channel = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ring = new RingBuffer<GateSlot>(Capacity);
        _single = new SingleProducerSequencer(Capacity);
        _multi = new MultiProducerSequencer(Capacity);
        _singleConsumer = new Sequence();
        _multiConsumer = new Sequence();
        _single.SetGatingSequences(_singleConsumer);
        _multi.SetGatingSequences(_multiConsumer);
        _channel = Channel.CreateBounded<GateSlot>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public long Channel_TryWriteTryRead()
    {
        var writer = _channel.Writer;
        var reader = _channel.Reader;
        var item = default(GateSlot);
        long sum = 0;
        for (var i = 0; i < Operations; i++)
        {
            item.DecisionSequence = i;
            if (!writer.TryWrite(item) || !reader.TryRead(out var read))
            {
                throw new InvalidOperationException("channel write/read failed");
            }

            sum += read.DecisionSequence;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long SingleProducer_TryClaimWritePublish()
    {
        var sequencer = _single;
        var ring = _ring;
        long s = 0;
        for (var i = 0; i < Operations; i++)
        {
            if (!sequencer.TryClaim(out s))
            {
                throw new InvalidOperationException("ring full");
            }

            ref var slot = ref ring[s];
            slot.DecisionSequence = i;
            slot.Validity = SlotValidity.Valid;
            sequencer.Publish(s);
        }

        _singleConsumer.SetValue(s);
        return s;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long MultiProducer_TryClaimWritePublish()
    {
        var sequencer = _multi;
        var ring = _ring;
        long s = 0;
        for (var i = 0; i < Operations; i++)
        {
            if (!sequencer.TryClaim(out s))
            {
                throw new InvalidOperationException("ring full");
            }

            ref var slot = ref ring[s];
            slot.DecisionSequence = i;
            slot.Validity = SlotValidity.Valid;
            sequencer.Publish(s);
        }

        _multiConsumer.SetValue(s);
        return s;
    }
}
