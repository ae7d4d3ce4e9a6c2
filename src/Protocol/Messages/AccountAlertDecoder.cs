using System.Buffers.Binary;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight decoder of <c>AccountAlert</c> (template 101, outbound): An account's margin or trading-state event.
/// Reads fields in place from the span it wraps; nothing is copied or allocated. A decoder is a stack value used by
/// the thread that holds the span; it is valid only while the span's memory is. Field reads never throw once
/// <see cref="TryWrap"/> returned <see cref="FrameStatus.Ok"/>.
/// <code>
/// block offset (message offset = block offset + 8), 48 bytes:
///    0 | sequence 8 |
///    8 | accountId 4 | kind 1 | tradingState 1 | reserved 2 |
///   16 | equity 8 |
///   24 | maintenanceMargin 8 |
///   32 | initialMargin 8 |
///   40 | transactTime 8 |
/// </code>
/// </summary>
public readonly ref struct AccountAlertDecoder
{
    /// <summary>Template id of the message.</summary>
    public const ushort TemplateId = 101;

    /// <summary>Block length of the message in this schema version; a longer block (newer version) is accepted.</summary>
    public const int BlockLength = 48;

    /// <summary>Block offset of <c>sequence</c>.</summary>
    public const int SequenceOffset = 0;

    /// <summary>Block offset of <c>accountId</c>.</summary>
    public const int AccountIdOffset = 8;

    /// <summary>Block offset of <c>kind</c>.</summary>
    public const int KindOffset = 12;

    /// <summary>Block offset of <c>tradingState</c>.</summary>
    public const int TradingStateOffset = 13;

    /// <summary>Block offset of <c>equity</c>.</summary>
    public const int EquityOffset = 16;

    /// <summary>Block offset of <c>maintenanceMargin</c>.</summary>
    public const int MaintenanceMarginOffset = 24;

    /// <summary>Block offset of <c>initialMargin</c>.</summary>
    public const int InitialMarginOffset = 32;

    /// <summary>Block offset of <c>transactTime</c>.</summary>
    public const int TransactTimeOffset = 40;

    private readonly ReadOnlySpan<byte> _block;

    private AccountAlertDecoder(ReadOnlySpan<byte> block)
    {
        _block = block;
    }

    /// <summary>Block length the sender used (≥ <see cref="BlockLength"/>).</summary>
    public int ActingBlockLength => _block.Length;

    /// <summary>Bytes the message occupies from its header to the end of its last known part.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>Outbound sequence number, shared with OrderDecision. Wire: uint64 at block offset 0.</summary>
    public ulong Sequence => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(SequenceOffset));

    /// <summary>Account. Wire: uint32 at block offset 8.</summary>
    public uint AccountId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(AccountIdOffset));

    /// <summary>What happened. Wire: uint8 AlertKind at block offset 12.</summary>
    public AlertKind Kind => (AlertKind)_block[KindOffset];

    /// <summary>The account's trading state after the event. Wire: uint8 TradingState at block offset 13.</summary>
    public TradingState TradingState => (TradingState)_block[TradingStateOffset];

    /// <summary>Account equity. Wire: int64 MONEY4 at block offset 16.</summary>
    public long Equity => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(EquityOffset));

    /// <summary>Maintenance margin. Wire: int64 MONEY4 at block offset 24.</summary>
    public long MaintenanceMargin => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(MaintenanceMarginOffset));

    /// <summary>Initial margin. Wire: int64 MONEY4 at block offset 32.</summary>
    public long InitialMargin => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(InitialMarginOffset));

    /// <summary>Engine time of the event. Wire: uint64 ns at block offset 40.</summary>
    public ulong TransactTime => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(TransactTimeOffset));

    /// <summary>
    /// Checks that <paramref name="message"/> (starting at the message header) is a structurally valid <c>AccountAlert</c>:
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
    public static FrameStatus TryWrap(ReadOnlySpan<byte> message, out AccountAlertDecoder decoder)
    {
        var status = Validate(message, out var encodedLength);
        if (status != FrameStatus.Ok)
        {
            decoder = default;
            return status;
        }

        decoder = new AccountAlertDecoder(message.Slice(MessageHeader.Length, encodedLength - MessageHeader.Length));
        return FrameStatus.Ok;
    }
}
