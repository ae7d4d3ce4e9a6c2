using System.Buffers.Binary;
using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Codec of the 4-byte SBE repeating-group header:
/// <code>
/// 0 | blockLength u16 (entry length) | 2 | numInGroup u16 |   (little-endian)
/// </code>
/// Stateless; any thread may call it.
/// </summary>
public static class GroupHeader
{
    /// <summary>Length of the group header.</summary>
    public const int Length = 4;

    /// <summary>Offset of the entry length.</summary>
    public const int BlockLengthOffset = 0;

    /// <summary>Offset of the entry count.</summary>
    public const int NumInGroupOffset = 2;

    /// <summary>Reads the entry length; <paramref name="group"/> holds at least <see cref="Length"/> bytes.</summary>
    public static ushort ReadBlockLength(ReadOnlySpan<byte> group) => BinaryPrimitives.ReadUInt16LittleEndian(group);

    /// <summary>Reads the entry count; <paramref name="group"/> holds at least <see cref="Length"/> bytes.</summary>
    public static ushort ReadCount(ReadOnlySpan<byte> group) =>
        BinaryPrimitives.ReadUInt16LittleEndian(group.Slice(NumInGroupOffset));

    /// <summary>Writes a group header.</summary>
    public static void Write(Span<byte> destination, int entryLength, ushort count)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)entryLength);
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(NumInGroupOffset), count);
    }

    /// <summary>
    /// Checks the group starting at <paramref name="group"/>: header present, entry length at least
    /// <paramref name="minEntryLength"/>, count at most <paramref name="maxCount"/>, every entry inside the span.
    /// Returns the bytes the group occupies. Never throws.
    /// </summary>
    public static FrameStatus Check(ReadOnlySpan<byte> group, int minEntryLength, int maxCount, out int groupLength)
    {
        groupLength = 0;
        if (group.Length < Length)
        {
            return FrameStatus.MessageTooShort;
        }

        int entryLength = ReadBlockLength(group);
        int count = ReadCount(group);
        if (entryLength < minEntryLength)
        {
            return FrameStatus.GroupBlockTooShort;
        }

        if (count > maxCount)
        {
            return FrameStatus.GroupCountTooLarge;
        }

        // Both factors are u16, so the product cannot overflow an int.
        var length = Length + (entryLength * count);
        if (group.Length < length)
        {
            return FrameStatus.MessageTooShort;
        }

        groupLength = length;
        return FrameStatus.Ok;
    }

    /// <summary>
    /// Checks a message made of a root block followed by one repeating group (header, schema, version,
    /// template, block length, group bounds). Returns <see cref="FrameStatus.Ok"/> and the bytes the
    /// message occupies, or the first failure found. Never throws.
    /// </summary>
    internal static FrameStatus CheckMessage(ReadOnlySpan<byte> message, ushort templateId, int minBlockLength, int minEntryLength, int maxCount, out int encodedLength)
    {
        var status = MessageHeader.Check(message, templateId, minBlockLength, out var blockLength);
        if (status != FrameStatus.Ok)
        {
            encodedLength = 0;
            return status;
        }

        var groupOffset = MessageHeader.Length + blockLength;
        status = Check(message.Slice(groupOffset), minEntryLength, maxCount, out var groupLength);
        encodedLength = status == FrameStatus.Ok ? groupOffset + groupLength : 0;
        return status;
    }

    /// <summary>The root block and the group of a message <see cref="CheckMessage"/> accepted as <paramref name="encodedLength"/> bytes.</summary>
    internal static void Split(ReadOnlySpan<byte> message, int encodedLength, out ReadOnlySpan<byte> block, out ReadOnlySpan<byte> group)
    {
        var blockLength = MessageHeader.ReadBlockLength(message);
        block = message.Slice(MessageHeader.Length, blockLength);
        group = message[(MessageHeader.Length + blockLength)..encodedLength];
    }
}
