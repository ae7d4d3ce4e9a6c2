using System.Buffers.Binary;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight decoder of <c>Fill</c> (template 13, inbound): An execution of a working order, from the venue.
/// Reads fields in place from the span it wraps; nothing is copied or allocated. A decoder is a stack value used by
/// the thread that holds the span; it is valid only while the span's memory is. Field reads never throw once
/// <see cref="TryWrap"/> returned <see cref="FrameStatus.Ok"/>.
/// <code>
/// block offset (message offset = block offset + 8), 64 bytes:
///    0 | accountId 4 | instrumentId 4 |
///    8 | clientOrderId 8 |
///   16 | quantity 8 |
///   24 | price 8 |
///   32 | side 1 | attributes 1 | reserved 6 |
///   40 | execId 8 |
///   48 | transactTime 8 |
///   56 | leavesQuantity 8 |
/// </code>
/// </summary>
public readonly ref struct FillDecoder
{
    /// <summary>Template id of the message.</summary>
    public const ushort TemplateId = 13;

    /// <summary>Block length of the message in this schema version; a longer block (newer version) is accepted.</summary>
    public const int BlockLength = 64;

    /// <summary>Block offset of <c>accountId</c>.</summary>
    public const int AccountIdOffset = 0;

    /// <summary>Block offset of <c>instrumentId</c>.</summary>
    public const int InstrumentIdOffset = 4;

    /// <summary>Block offset of <c>clientOrderId</c>.</summary>
    public const int ClientOrderIdOffset = 8;

    /// <summary>Block offset of <c>quantity</c>.</summary>
    public const int QuantityOffset = 16;

    /// <summary>Block offset of <c>price</c>.</summary>
    public const int PriceOffset = 24;

    /// <summary>Block offset of <c>side</c>.</summary>
    public const int SideOffset = 32;

    /// <summary>Block offset of <c>attributes</c>.</summary>
    public const int AttributesOffset = 33;

    /// <summary>Block offset of <c>execId</c>.</summary>
    public const int ExecIdOffset = 40;

    /// <summary>Block offset of <c>transactTime</c>.</summary>
    public const int TransactTimeOffset = 48;

    /// <summary>Block offset of <c>leavesQuantity</c>.</summary>
    public const int LeavesQuantityOffset = 56;

    private readonly ReadOnlySpan<byte> _block;

    private FillDecoder(ReadOnlySpan<byte> block)
    {
        _block = block;
    }

    /// <summary>Block length the sender used (≥ <see cref="BlockLength"/>).</summary>
    public int ActingBlockLength => _block.Length;

    /// <summary>Bytes the message occupies from its header to the end of its last known part.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>Account. Wire: uint32 at block offset 0.</summary>
    public uint AccountId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(AccountIdOffset));

    /// <summary>Instrument. Wire: uint32 at block offset 4.</summary>
    public uint InstrumentId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(InstrumentIdOffset));

    /// <summary>Client order id of the filled order. Wire: uint64 at block offset 8.</summary>
    public ulong ClientOrderId => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(ClientOrderIdOffset));

    /// <summary>Fill (last) quantity, contracts (&gt; 0). Wire: int64 at block offset 16.</summary>
    public long Quantity => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(QuantityOffset));

    /// <summary>Fill (last) price: &gt; 0 for a future, ≥ 0 (option premium) for an option; else InvalidPrice, nothing booked. Wire: int64 PRICE9 at block offset 24.</summary>
    public long Price => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(PriceOffset));

    /// <summary>Side of the filled order. Wire: uint8 Side at block offset 32.</summary>
    public Side Side => (Side)_block[SideOffset];

    /// <summary>Order complete, aggressor, correction. Null: 0 (no flag). Wire: uint8 FillAttributes at block offset 33.</summary>
    public FillAttributes Attributes => (FillAttributes)_block[AttributesOffset];

    /// <summary>Venue execution id, unique per venue. Wire: uint64 at block offset 40.</summary>
    public ulong ExecId => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(ExecIdOffset));

    /// <summary>Time of the execution; never moves engine time. Wire: uint64 ns at block offset 48.</summary>
    public ulong TransactTime => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(TransactTimeOffset));

    /// <summary>Quantity still working after this fill (0 = done). Wire: int64 at block offset 56.</summary>
    public long LeavesQuantity => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(LeavesQuantityOffset));

    /// <summary>
    /// Checks that <paramref name="message"/> (starting at the message header) is a structurally valid <c>Fill</c>:
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
    public static FrameStatus TryWrap(ReadOnlySpan<byte> message, out FillDecoder decoder)
    {
        var status = Validate(message, out var encodedLength);
        if (status != FrameStatus.Ok)
        {
            decoder = default;
            return status;
        }

        decoder = new FillDecoder(message.Slice(MessageHeader.Length, encodedLength - MessageHeader.Length));
        return FrameStatus.Ok;
    }
}
