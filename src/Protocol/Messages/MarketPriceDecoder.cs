using System.Buffers.Binary;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight decoder of <c>MarketPrice</c> (template 4, inbound): Price of a future (reference for margin, collars and notional).
/// Reads fields in place from the span it wraps; nothing is copied or allocated. A decoder is a stack value used by
/// the thread that holds the span; it is valid only while the span's memory is. Field reads never throw once
/// <see cref="TryWrap"/> returned <see cref="FrameStatus.Ok"/>.
/// <code>
/// block offset (message offset = block offset + 8), 24 bytes:
///    0 | instrumentId 4 | priceType 1 | reserved 3 |
///    8 | price 8 |
///   16 | transactTime 8 |
/// </code>
/// </summary>
public readonly ref struct MarketPriceDecoder
{
    /// <summary>Template id of the message.</summary>
    public const ushort TemplateId = 4;

    /// <summary>Block length of the message in this schema version; a longer block (newer version) is accepted.</summary>
    public const int BlockLength = 24;

    /// <summary>Block offset of <c>instrumentId</c>.</summary>
    public const int InstrumentIdOffset = 0;

    /// <summary>Block offset of <c>priceType</c>.</summary>
    public const int PriceTypeOffset = 4;

    /// <summary>Block offset of <c>price</c>.</summary>
    public const int PriceOffset = 8;

    /// <summary>Block offset of <c>transactTime</c>.</summary>
    public const int TransactTimeOffset = 16;

    private readonly ReadOnlySpan<byte> _block;

    private MarketPriceDecoder(ReadOnlySpan<byte> block)
    {
        _block = block;
    }

    /// <summary>Block length the sender used (≥ <see cref="BlockLength"/>).</summary>
    public int ActingBlockLength => _block.Length;

    /// <summary>Bytes the message occupies from its header to the end of its last known part.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>The future. Wire: uint32 at block offset 0.</summary>
    public uint InstrumentId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(InstrumentIdOffset));

    /// <summary>Mark or settlement sets the future's price; a trade print is checked and moves nothing. Wire: uint8 MarketPriceType at block offset 4.</summary>
    public MarketPriceType PriceType => (MarketPriceType)_block[PriceTypeOffset];

    /// <summary>The price (> 0). Wire: int64 PRICE9 at block offset 8.</summary>
    public long Price => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(PriceOffset));

    /// <summary>Time of the price; advances engine time. Wire: uint64 ns at block offset 16.</summary>
    public ulong TransactTime => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(TransactTimeOffset));

    /// <summary>
    /// Checks that <paramref name="message"/> (starting at the message header) is a structurally valid <c>MarketPrice</c>:
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
    public static FrameStatus TryWrap(ReadOnlySpan<byte> message, out MarketPriceDecoder decoder)
    {
        var status = Validate(message, out var encodedLength);
        if (status != FrameStatus.Ok)
        {
            decoder = default;
            return status;
        }

        decoder = new MarketPriceDecoder(message.Slice(MessageHeader.Length, encodedLength - MessageHeader.Length));
        return FrameStatus.Ok;
    }
}
