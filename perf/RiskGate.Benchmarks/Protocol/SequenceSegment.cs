using System.Buffers;

namespace RiskGate.Benchmarks.Protocol;

/// <summary>A segment of a hand-built multi-segment <see cref="ReadOnlySequence{T}"/>, as a pipe would hand out.</summary>
internal sealed class SequenceSegment : ReadOnlySequenceSegment<byte>
{
    private SequenceSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>A two-segment sequence over <paramref name="data"/> cut at <paramref name="cut"/>.</summary>
    public static ReadOnlySequence<byte> Split(byte[] data, int cut)
    {
        var first = new SequenceSegment(data.AsMemory(0, cut), 0);
        var second = new SequenceSegment(data.AsMemory(cut), cut);
        first.Next = second;
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }
}
