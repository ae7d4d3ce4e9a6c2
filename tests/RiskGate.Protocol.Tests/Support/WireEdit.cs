using System.Buffers;
using System.Buffers.Binary;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Support;

/// <summary>Byte-level edits of encoded messages and frames for the tests.</summary>
public static class WireEdit
{
    /// <summary>The message with its block made <paramref name="extra"/> bytes longer (filled with 0xEE), as a newer version would send it.</summary>
    public static byte[] ExtendBlock(ReadOnlySpan<byte> message, int extra)
    {
        int blockLength = MessageHeader.ReadBlockLength(message);
        var end = MessageHeader.Length + blockLength;
        var result = new byte[message.Length + extra];
        message[..end].CopyTo(result);
        result.AsSpan(end, extra).Fill(0xEE);
        message[end..].CopyTo(result.AsSpan(end + extra));
        BinaryPrimitives.WriteUInt16LittleEndian(result, (ushort)(blockLength + extra));
        BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(MessageHeader.VersionOffset), 2);
        return result;
    }

    /// <summary>The message with its block cut <paramref name="by"/> bytes short, header adjusted.</summary>
    public static byte[] ShrinkBlock(ReadOnlySpan<byte> message, int by)
    {
        int blockLength = MessageHeader.ReadBlockLength(message);
        var end = MessageHeader.Length + blockLength;
        var result = new byte[message.Length - by];
        message[..(end - by)].CopyTo(result);
        message[end..].CopyTo(result.AsSpan(end - by));
        BinaryPrimitives.WriteUInt16LittleEndian(result, (ushort)(blockLength - by));
        return result;
    }

    /// <summary>The message with each entry of the group at <paramref name="groupOffset"/> made <paramref name="extra"/> bytes longer.</summary>
    public static byte[] ExtendGroupEntries(ReadOnlySpan<byte> message, int groupOffset, int extra)
    {
        int entryLength = GroupHeader.ReadBlockLength(message[groupOffset..]);
        int count = GroupHeader.ReadCount(message[groupOffset..]);
        var result = new List<byte>(message[..groupOffset].ToArray());
        var header = new byte[GroupHeader.Length];
        GroupHeader.Write(header, entryLength + extra, (ushort)count);
        result.AddRange(header);
        var entries = groupOffset + GroupHeader.Length;
        for (var i = 0; i < count; i++)
        {
            result.AddRange(message.Slice(entries + (i * entryLength), entryLength).ToArray());
            result.AddRange(Enumerable.Repeat((byte)0xEE, extra));
        }

        result.AddRange(message[(entries + (count * entryLength))..].ToArray());
        return [.. result];
    }

    /// <summary>The message preceded by its framing header.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> message)
    {
        var frame = new byte[FramingHeader.Length + message.Length];
        FramingHeader.Write(frame, frame.Length);
        message.CopyTo(frame.AsSpan(FramingHeader.Length));
        return frame;
    }

    /// <summary>A multi-segment sequence over <paramref name="data"/> cut at the given ascending positions (empty segments allowed).</summary>
    public static ReadOnlySequence<byte> Segments(ReadOnlySpan<byte> data, params int[] cuts)
    {
        var start = 0;
        Segment? first = null;
        Segment? last = null;
        foreach (var cut in cuts.Append(data.Length))
        {
            var segment = new Segment(data[start..cut].ToArray());
            if (first is null)
            {
                first = segment;
            }
            else
            {
                last!.Append(segment);
            }

            last = segment;
            start = cut;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    /// <summary>A sequence of one-byte segments.</summary>
    public static ReadOnlySequence<byte> ByteSegments(ReadOnlySpan<byte> data) =>
        Segments(data, [.. Enumerable.Range(1, Math.Max(0, data.Length - 1))]);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data)
        {
            Memory = data;
        }

        public void Append(Segment next)
        {
            next.RunningIndex = RunningIndex + Memory.Length;
            Next = next;
        }
    }
}
