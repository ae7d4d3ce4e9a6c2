using System.Buffers.Binary;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight decoder of <c>ReplaceOrder</c> (template 12, inbound): Replaces a working order's quantity and price (cancel/replace).
/// Reads fields in place from the span it wraps; nothing is copied or allocated. A decoder is a stack value used by
/// the thread that holds the span; it is valid only while the span's memory is. Field reads never throw once
/// <see cref="TryWrap"/> returned <see cref="FrameStatus.Ok"/>.
/// <code>
/// block offset (message offset = block offset + 8), 56 bytes:
///    0 | clientOrderId 8 |
///    8 | originalClientOrderId 8 |
///   16 | accountId 4 | instrumentId 4 |
///   24 | quantity 8 |
///   32 | price 8 |
///   40 | side 1 | reserved 7 |
///   48 | sendingTime 8 |
/// </code>
/// </summary>
public readonly ref struct ReplaceOrderDecoder
{
    /// <summary>Template id of the message.</summary>
    public const ushort TemplateId = 12;

    /// <summary>Block length of the message in this schema version; a longer block (newer version) is accepted.</summary>
    public const int BlockLength = 56;

    /// <summary>Block offset of <c>clientOrderId</c>.</summary>
    public const int ClientOrderIdOffset = 0;

    /// <summary>Block offset of <c>originalClientOrderId</c>.</summary>
    public const int OriginalClientOrderIdOffset = 8;

    /// <summary>Block offset of <c>accountId</c>.</summary>
    public const int AccountIdOffset = 16;

    /// <summary>Block offset of <c>instrumentId</c>.</summary>
    public const int InstrumentIdOffset = 20;

    /// <summary>Block offset of <c>quantity</c>.</summary>
    public const int QuantityOffset = 24;

    /// <summary>Block offset of <c>price</c>.</summary>
    public const int PriceOffset = 32;

    /// <summary>Block offset of <c>side</c>.</summary>
    public const int SideOffset = 40;

    /// <summary>Block offset of <c>sendingTime</c>.</summary>
    public const int SendingTimeOffset = 48;

    private readonly ReadOnlySpan<byte> _block;

    private ReplaceOrderDecoder(ReadOnlySpan<byte> block)
    {
        _block = block;
    }

    /// <summary>Block length the sender used (≥ <see cref="BlockLength"/>).</summary>
    public int ActingBlockLength => _block.Length;

    /// <summary>Bytes the message occupies from its header to the end of its last known part.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>New client order id of the replacing order. Wire: uint64 at block offset 0.</summary>
    public ulong ClientOrderId => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(ClientOrderIdOffset));

    /// <summary>Client order id of the order to replace. Wire: uint64 at block offset 8.</summary>
    public ulong OriginalClientOrderId => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(OriginalClientOrderIdOffset));

    /// <summary>Account (must match the order's). Wire: uint32 at block offset 16.</summary>
    public uint AccountId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(AccountIdOffset));

    /// <summary>Instrument (must match the order's). Wire: uint32 at block offset 20.</summary>
    public uint InstrumentId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(InstrumentIdOffset));

    /// <summary>New remaining (leaves) quantity, contracts (&gt; 0): what still works after the replace, whatever has filled. Wire: int64 at block offset 24.</summary>
    public long Quantity => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(QuantityOffset));

    /// <summary>New limit price. Null: -2^63 (market orders). Wire: int64 PRICE9 at block offset 32.</summary>
    public long Price => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(PriceOffset));

    /// <summary>Side (must match the order's). Wire: uint8 Side at block offset 40.</summary>
    public Side Side => (Side)_block[SideOffset];

    /// <summary>Time the client sent the replace: drives its account's throttle and its own expiry checks; never moves engine time. Wire: uint64 ns at block offset 48.</summary>
    public ulong SendingTime => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(SendingTimeOffset));

    /// <summary>
    /// Checks that <paramref name="message"/> (starting at the message header) is a structurally valid <c>ReplaceOrder</c>:
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
    public static FrameStatus TryWrap(ReadOnlySpan<byte> message, out ReplaceOrderDecoder decoder)
    {
        var status = Validate(message, out var encodedLength);
        if (status != FrameStatus.Ok)
        {
            decoder = default;
            return status;
        }

        decoder = new ReplaceOrderDecoder(message.Slice(MessageHeader.Length, encodedLength - MessageHeader.Length));
        return FrameStatus.Ok;
    }
}
