using System.Buffers.Binary;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight decoder of <c>NewOrder</c> (template 10, inbound): A new order to check.
/// Reads fields in place from the span it wraps; nothing is copied or allocated. A decoder is a stack value used by
/// the thread that holds the span; it is valid only while the span's memory is. Field reads never throw once
/// <see cref="TryWrap"/> returned <see cref="FrameStatus.Ok"/>.
/// <code>
/// block offset (message offset = block offset + 8), 56 bytes:
///    0 | clientOrderId 8 |
///    8 | accountId 4 | instrumentId 4 |
///   16 | quantity 8 |
///   24 | price 8 |
///   32 | side 1 | orderType 1 | timeInForce 1 | reserved 5 |
///   40 | sendingTime 8 |
///   48 | expireTime 8 |
/// </code>
/// </summary>
public readonly ref struct NewOrderDecoder
{
    /// <summary>Template id of the message.</summary>
    public const ushort TemplateId = 10;

    /// <summary>Block length of the message in this schema version; a longer block (newer version) is accepted.</summary>
    public const int BlockLength = 56;

    /// <summary>Block offset of <c>clientOrderId</c>.</summary>
    public const int ClientOrderIdOffset = 0;

    /// <summary>Block offset of <c>accountId</c>.</summary>
    public const int AccountIdOffset = 8;

    /// <summary>Block offset of <c>instrumentId</c>.</summary>
    public const int InstrumentIdOffset = 12;

    /// <summary>Block offset of <c>quantity</c>.</summary>
    public const int QuantityOffset = 16;

    /// <summary>Block offset of <c>price</c>.</summary>
    public const int PriceOffset = 24;

    /// <summary>Block offset of <c>side</c>.</summary>
    public const int SideOffset = 32;

    /// <summary>Block offset of <c>orderType</c>.</summary>
    public const int OrderTypeOffset = 33;

    /// <summary>Block offset of <c>timeInForce</c>.</summary>
    public const int TimeInForceOffset = 34;

    /// <summary>Block offset of <c>sendingTime</c>.</summary>
    public const int SendingTimeOffset = 40;

    /// <summary>Block offset of <c>expireTime</c>.</summary>
    public const int ExpireTimeOffset = 48;

    private readonly ReadOnlySpan<byte> _block;

    private NewOrderDecoder(ReadOnlySpan<byte> block)
    {
        _block = block;
    }

    /// <summary>Block length the sender used (≥ <see cref="BlockLength"/>).</summary>
    public int ActingBlockLength => _block.Length;

    /// <summary>Bytes the message occupies from its header to the end of its last known part.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>Client order id, unique per account. Wire: uint64 at block offset 0.</summary>
    public ulong ClientOrderId => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(ClientOrderIdOffset));

    /// <summary>Account. Wire: uint32 at block offset 8.</summary>
    public uint AccountId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(AccountIdOffset));

    /// <summary>Instrument. Wire: uint32 at block offset 12.</summary>
    public uint InstrumentId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(InstrumentIdOffset));

    /// <summary>Order quantity, contracts (&gt; 0). Wire: int64 at block offset 16.</summary>
    public long Quantity => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(QuantityOffset));

    /// <summary>Limit price (&gt; 0, on tick); null on a market order (a price there: InvalidPrice). Null: -2^63 (market orders). Wire: int64 PRICE9 at block offset 24.</summary>
    public long Price => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(PriceOffset));

    /// <summary>Buy or sell. Wire: uint8 Side at block offset 32.</summary>
    public Side Side => (Side)_block[SideOffset];

    /// <summary>Limit or market. Wire: uint8 OrderType at block offset 33.</summary>
    public OrderType OrderType => (OrderType)_block[OrderTypeOffset];

    /// <summary>Day, GTC, IOC, FOK or GTD. Wire: uint8 TimeInForce at block offset 34.</summary>
    public TimeInForce TimeInForce => (TimeInForce)_block[TimeInForceOffset];

    /// <summary>Time the client sent the order: drives its account's throttle and its own expiry checks; never moves engine time (section 4, Time). Wire: uint64 ns at block offset 40.</summary>
    public ulong SendingTime => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(SendingTimeOffset));

    /// <summary>Expire time of a GTD order: required for GTD (null: InvalidTimeInForce); not after engine time or sendingTime: OrderExpired. Null: 2^64-1 (not GTD). Wire: uint64 ns at block offset 48.</summary>
    public ulong ExpireTime => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(ExpireTimeOffset));

    /// <summary>
    /// Checks that <paramref name="message"/> (starting at the message header) is a structurally valid <c>NewOrder</c>:
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
    public static FrameStatus TryWrap(ReadOnlySpan<byte> message, out NewOrderDecoder decoder)
    {
        var status = Validate(message, out var encodedLength);
        if (status != FrameStatus.Ok)
        {
            decoder = default;
            return status;
        }

        decoder = new NewOrderDecoder(message.Slice(MessageHeader.Length, encodedLength - MessageHeader.Length));
        return FrameStatus.Ok;
    }
}
