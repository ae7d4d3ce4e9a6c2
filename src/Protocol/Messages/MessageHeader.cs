using System.Buffers.Binary;
using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Codec of the 8-byte SBE message header that starts every message:
/// <code>
/// 0 | blockLength u16 | 2 | templateId u16 | 4 | schemaId u16 | 6 | version u16 |   (little-endian)
/// </code>
/// Stateless; any thread may call it. Readers expect at least <see cref="Length"/> bytes (check first).
/// </summary>
public static class MessageHeader
{
    /// <summary>Length of the message header.</summary>
    public const int Length = 8;

    /// <summary>Offset of the block length.</summary>
    public const int BlockLengthOffset = 0;

    /// <summary>Offset of the template id.</summary>
    public const int TemplateIdOffset = 2;

    /// <summary>Offset of the schema id.</summary>
    public const int SchemaIdOffset = 4;

    /// <summary>Offset of the schema version.</summary>
    public const int VersionOffset = 6;

    /// <summary>Reads the block length.</summary>
    public static ushort ReadBlockLength(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadUInt16LittleEndian(message);

    /// <summary>Reads the template id.</summary>
    public static ushort ReadTemplateId(ReadOnlySpan<byte> message) =>
        BinaryPrimitives.ReadUInt16LittleEndian(message.Slice(TemplateIdOffset));

    /// <summary>Reads the schema id.</summary>
    public static ushort ReadSchemaId(ReadOnlySpan<byte> message) =>
        BinaryPrimitives.ReadUInt16LittleEndian(message.Slice(SchemaIdOffset));

    /// <summary>Reads the schema version.</summary>
    public static ushort ReadVersion(ReadOnlySpan<byte> message) =>
        BinaryPrimitives.ReadUInt16LittleEndian(message.Slice(VersionOffset));

    /// <summary>Writes a header of this schema and version.</summary>
    public static void Write(Span<byte> destination, int blockLength, ushort templateId)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)blockLength);
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(TemplateIdOffset), templateId);
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(SchemaIdOffset), ProtocolInfo.SchemaId);
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(VersionOffset), ProtocolInfo.SchemaVersion);
    }

    /// <summary>
    /// Checks the header fields every message shares: length, schema id and version. Never throws.
    /// </summary>
    public static FrameStatus CheckCommon(ReadOnlySpan<byte> message)
    {
        if (message.Length < Length)
        {
            return FrameStatus.HeaderTooShort;
        }

        if (ReadSchemaId(message) != ProtocolInfo.SchemaId)
        {
            return FrameStatus.UnsupportedSchema;
        }

        // Version 0 was never issued; any later version is accepted because fields are only appended.
        return ReadVersion(message) == 0 ? FrameStatus.UnsupportedVersion : FrameStatus.Ok;
    }

    /// <summary>
    /// Checks that <paramref name="message"/> is a message of <paramref name="templateId"/> whose block is at least
    /// <paramref name="minBlockLength"/> bytes and fits in the span; returns the sender's block length. Never throws.
    /// </summary>
    public static FrameStatus Check(ReadOnlySpan<byte> message, ushort templateId, int minBlockLength, out int blockLength)
    {
        blockLength = 0;
        var status = CheckCommon(message);
        if (status != FrameStatus.Ok)
        {
            return status;
        }

        if (ReadTemplateId(message) != templateId)
        {
            return FrameStatus.TemplateMismatch;
        }

        int declared = ReadBlockLength(message);
        if (declared < minBlockLength)
        {
            return FrameStatus.BlockTooShort;
        }

        if (message.Length - Length < declared)
        {
            return FrameStatus.MessageTooShort;
        }

        blockLength = declared;
        return FrameStatus.Ok;
    }
}
