using System.Buffers;
using BenchmarkDotNet.Attributes;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Benchmarks.Protocol;

/// <summary>Framing and encoding one OrderDecision in place into a reused <see cref="ArrayBufferWriter{T}"/>.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class FrameWriterBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private ulong _sequence;

    /// <summary>Reserve, encode in place, commit.</summary>
    [Benchmark]
    public int WriteOrderDecisionFrame()
    {
        _output.ResetWrittenCount();
        var frame = FrameWriter.Begin(_output, OrderDecisionEncoder.Length);
        var length = OrderDecisionEncoder.Wrap(frame.Message)
            .Sequence(++_sequence)
            .InputSequence(_sequence)
            .ClientOrderId(_sequence)
            .AccountId(17)
            .InstrumentId(4_001)
            .Status(DecisionStatus.Accepted)
            .ReceiveTime(1_790_000_000_000_000_000)
            .DecisionTime(1_790_000_000_000_000_350)
            .EncodedLength;
        frame.Commit(length);
        if (_output.WrittenCount != FramingHeader.Length + OrderDecisionEncoder.Length)
        {
            throw new InvalidOperationException("The frame was not written.");
        }

        return _output.WrittenCount;
    }
}
