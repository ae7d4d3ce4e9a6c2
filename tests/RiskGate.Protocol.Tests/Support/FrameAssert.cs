using System.Buffers;
using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Tests.Support;

/// <summary>Checks a message inside a frame.</summary>
public delegate void MessageCheck(ReadOnlySpan<byte> message);

/// <summary>Frame-reader assertions shared by every message's tests.</summary>
public static class FrameAssert
{
    /// <summary>Every proper prefix of the frame, single- and multi-segment, is Incomplete and consumes nothing.</summary>
    public static void EveryPrefixIncomplete(byte[] frame)
    {
        var reader = new FrameReader();
        for (var length = 0; length < frame.Length; length++)
        {
            var prefix = frame.AsSpan(0, length);
            Assert.Equal(FrameStatus.Incomplete, reader.TryRead(prefix, out var message, out int consumed));
            Assert.Equal(0, consumed);
            Assert.True(message.IsEmpty);

            var single = new ReadOnlySequence<byte>(frame, 0, length);
            AssertIncomplete(reader, single);
            AssertIncomplete(reader, WireEdit.ByteSegments(prefix));
            for (var cut = 0; cut <= length; cut++)
            {
                AssertIncomplete(reader, WireEdit.Segments(prefix, cut));
            }
        }
    }

    /// <summary>The whole frame reads Ok and checks, in one segment, one-byte segments and split at every position; a trailing byte is not consumed.</summary>
    public static void EverySplitReadsWhole(byte[] frame, MessageCheck check)
    {
        var reader = new FrameReader();
        var withTrailer = frame.Append((byte)0x5A).ToArray();
        Assert.Equal(FrameStatus.Ok, reader.TryRead(withTrailer, out var message, out int consumed));
        Assert.Equal(frame.Length, consumed);
        check(message);

        AssertWhole(reader, new ReadOnlySequence<byte>(withTrailer), frame.Length, check);
        AssertWhole(reader, WireEdit.ByteSegments(withTrailer), frame.Length, check);
        for (var cut = 0; cut <= withTrailer.Length; cut++)
        {
            AssertWhole(reader, WireEdit.Segments(withTrailer, cut), frame.Length, check);
        }

        for (var cut = 1; cut + 3 <= withTrailer.Length; cut += 7)
        {
            AssertWhole(reader, WireEdit.Segments(withTrailer, cut, cut + 1, cut + 3), frame.Length, check);
        }
    }

    private static void AssertIncomplete(FrameReader reader, ReadOnlySequence<byte> buffer)
    {
        Assert.Equal(FrameStatus.Incomplete, reader.TryRead(buffer, out var message, out SequencePosition consumed));
        Assert.Equal(0, buffer.Slice(buffer.Start, consumed).Length);
        Assert.True(message.IsEmpty);
    }

    private static void AssertWhole(FrameReader reader, ReadOnlySequence<byte> buffer, int frameLength, MessageCheck check)
    {
        Assert.Equal(FrameStatus.Ok, reader.TryRead(buffer, out var message, out SequencePosition consumed));
        Assert.Equal(frameLength, buffer.Slice(buffer.Start, consumed).Length);
        check(message);
    }
}
