using System.Buffers;
using BenchmarkDotNet.Attributes;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Benchmarks.Protocol;

/// <summary>
/// Frame reading of one framed NewOrder: from a span, from a one-segment <see cref="ReadOnlySequence{T}"/> (the
/// common <c>PipeReader</c> case) and from a sequence whose frame is split across two segments (copied into the
/// reader's buffer). Each operation throws unless the frame reads whole and valid.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class FrameReaderBenchmarks
{
    private readonly FrameReader _reader = new();
    private byte[] _frame = [];
    private ReadOnlySequence<byte> _single;
    private ReadOnlySequence<byte> _split;

    [GlobalSetup]
    public void Setup()
    {
        var output = new ArrayBufferWriter<byte>();
        var frame = FrameWriter.Begin(output, NewOrderEncoder.Length);
        var length = NewOrderEncoder.Wrap(frame.Message)
            .ClientOrderId(42)
            .AccountId(17)
            .InstrumentId(4_001)
            .Quantity(5)
            .Price(4_512_250_000_000)
            .Side(Side.Sell)
            .OrderType(OrderType.Limit)
            .TimeInForce(TimeInForce.ImmediateOrCancel)
            .SendingTime(1_790_000_000_000_000_000)
            .EncodedLength;
        frame.Commit(length);
        _frame = output.WrittenSpan.ToArray();
        _single = new ReadOnlySequence<byte>(_frame);
        _split = SequenceSegment.Split(_frame, _frame.Length / 2);
    }

    /// <summary>A frame in one span (journal replay).</summary>
    [Benchmark(Baseline = true)]
    public int ReadSpan()
    {
        if (_reader.TryRead(_frame, out var message, out int consumed) != FrameStatus.Ok)
        {
            throw new InvalidOperationException("The frame did not read.");
        }

        return consumed + message.Length;
    }

    /// <summary>A frame in a one-segment sequence.</summary>
    [Benchmark]
    public long ReadSingleSegment() => Read(_single);

    /// <summary>A frame split across two segments.</summary>
    [Benchmark]
    public long ReadSplitSegments() => Read(_split);

    private long Read(ReadOnlySequence<byte> buffer)
    {
        if (_reader.TryRead(buffer, out var message, out SequencePosition consumed) != FrameStatus.Ok)
        {
            throw new InvalidOperationException("The frame did not read.");
        }

        return consumed.GetInteger() + message.Length;
    }
}
