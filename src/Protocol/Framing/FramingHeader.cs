using System.Buffers.Binary;

namespace RiskGate.Protocol.Framing;

/// <summary>
/// Codec of the 6-byte Simple Open Framing Header that precedes every message on a stream:
/// <code>
/// 0 | messageLength uint32 big-endian (includes these 6 bytes) | 4 | encodingType uint16 big-endian (0xEB50) |
/// </code>
/// Stateless; any thread may call it.
/// </summary>
public static class FramingHeader
{
    /// <summary>Length of the framing header.</summary>
    public const int Length = 6;

    /// <summary>Offset of the big-endian frame length.</summary>
    public const int MessageLengthOffset = 0;

    /// <summary>Offset of the big-endian encoding type.</summary>
    public const int EncodingTypeOffset = 4;

    /// <summary>Reads the declared frame length; <paramref name="header"/> holds at least <see cref="Length"/> bytes.</summary>
    public static uint ReadFrameLength(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadUInt32BigEndian(header);

    /// <summary>Reads the encoding type; <paramref name="header"/> holds at least <see cref="Length"/> bytes.</summary>
    public static ushort ReadEncodingType(ReadOnlySpan<byte> header) =>
        BinaryPrimitives.ReadUInt16BigEndian(header.Slice(EncodingTypeOffset));

    /// <summary>Writes a header for a frame of <paramref name="frameLength"/> bytes (header included) with the SBE little-endian encoding type.</summary>
    public static void Write(Span<byte> destination, int frameLength)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)frameLength);
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(EncodingTypeOffset), ProtocolInfo.SbeLittleEndianEncodingType);
    }
}
