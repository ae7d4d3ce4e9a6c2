using System.Buffers.Binary;
using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight decoder of <c>CancelOrder</c> (template 11, inbound): Cancels a working order.
/// Reads fields in place from the span it wraps; nothing is copied or allocated. A decoder is a stack value used by
/// the thread that holds the span; it is valid only while the span's memory is. Field reads never throw once
/// <see cref="TryWrap"/> returned <see cref="FrameStatus.Ok"/>.
/// <code>
/// block offset (message offset = block offset + 8), 32 bytes:
///    0 | clientOrderId 8 |
///    8 | originalClientOrderId 8 |
///   16 | accountId 4 | instrumentId 4 |
///   24 | sendingTime 8 |
/// </code>
/// </summary>
public readonly ref struct CancelOrderDecoder
{
    /// <summary>Template id of the message.</summary>
    public const ushort TemplateId = 11;

    /// <summary>Block length of the message in this schema version; a longer block (newer version) is accepted.</summary>
    public const int BlockLength = 32;

    /// <summary>Block offset of <c>clientOrderId</c>.</summary>
    public const int ClientOrderIdOffset = 0;

    /// <summary>Block offset of <c>originalClientOrderId</c>.</summary>
    public const int OriginalClientOrderIdOffset = 8;

    /// <summary>Block offset of <c>accountId</c>.</summary>
    public const int AccountIdOffset = 16;

    /// <summary>Block offset of <c>instrumentId</c>.</summary>
    public const int InstrumentIdOffset = 20;

    /// <summary>Block offset of <c>sendingTime</c>.</summary>
    public const int SendingTimeOffset = 24;

    private readonly ReadOnlySpan<byte> _block;

    private CancelOrderDecoder(ReadOnlySpan<byte> block)
    {
        _block = block;
    }

    /// <summary>Block length the sender used (≥ <see cref="BlockLength"/>).</summary>
    public int ActingBlockLength => _block.Length;

    /// <summary>Bytes the message occupies from its header to the end of its last known part.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>Client order id of the cancel request. Wire: uint64 at block offset 0.</summary>
    public ulong ClientOrderId => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(ClientOrderIdOffset));

    /// <summary>Client order id of the order to cancel. Wire: uint64 at block offset 8.</summary>
    public ulong OriginalClientOrderId => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(OriginalClientOrderIdOffset));

    /// <summary>Account (must match the order's). Wire: uint32 at block offset 16.</summary>
    public uint AccountId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(AccountIdOffset));

    /// <summary>Instrument (must match the order's). Wire: uint32 at block offset 20.</summary>
    public uint InstrumentId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(InstrumentIdOffset));

    /// <summary>Time the client sent the cancel: drives its account's cancel throttle; never moves engine time. Wire: uint64 ns at block offset 24.</summary>
    public ulong SendingTime => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(SendingTimeOffset));

    /// <summary>
    /// Checks that <paramref name="message"/> (starting at the message header) is a structurally valid <c>CancelOrder</c>:
    /// header, schema, version, template, block length. Returns
    /// <see cref="FrameStatus.Ok"/> and the bytes the message occupies, or the first failure found. Never throws.
    /// </summary>
    public static FrameStatus Validate(ReadOnlySpan<byte> message, out int encodedLength)
    {
        var status = MessageHeader.Check(message, TemplateId, BlockLength, out var blockLength);
        encodedLength = status == FrameStatus.Ok ? MessageHeader.Length + blockLength : 0;
        return status;
    }

    /// <summary>
    /// Wraps <paramref name="message"/> (starting at the message header) after <see cref="Validate"/>. On any status
    /// other than <see cref="FrameStatus.Ok"/> the decoder is default and must not be read. Never throws.
    /// </summary>
    public static FrameStatus TryWrap(ReadOnlySpan<byte> message, out CancelOrderDecoder decoder)
    {
        var status = Validate(message, out var encodedLength);
        if (status != FrameStatus.Ok)
        {
            decoder = default;
            return status;
        }

        decoder = new CancelOrderDecoder(message.Slice(MessageHeader.Length, encodedLength - MessageHeader.Length));
        return FrameStatus.Ok;
    }
}
