using System.Buffers.Binary;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight decoder of <c>OrderDecision</c> (template 100, outbound): The gate's decision on an order-path message.
/// Reads fields in place from the span it wraps; nothing is copied or allocated. A decoder is a stack value used by
/// the thread that holds the span; it is valid only while the span's memory is. Field reads never throw once
/// <see cref="TryWrap"/> returned <see cref="FrameStatus.Ok"/>.
/// <code>
/// block offset (message offset = block offset + 8), 88 bytes:
///    0 | sequence 8 |
///    8 | inputSequence 8 |
///   16 | clientOrderId 8 |
///   24 | accountId 4 | instrumentId 4 |
///   32 | status 1 | reserved 1 | rejectReason 2 | reserved 4 |
///   40 | initialMarginBefore 8 |
///   48 | initialMarginAfter 8 |
///   56 | equity 8 |
///   64 | excess 8 |
///   72 | receiveTime 8 |
///   80 | decisionTime 8 |
/// </code>
/// </summary>
public readonly ref struct OrderDecisionDecoder
{
    /// <summary>Template id of the message.</summary>
    public const ushort TemplateId = 100;

    /// <summary>Block length of the message in this schema version; a longer block (newer version) is accepted.</summary>
    public const int BlockLength = 88;

    /// <summary>Block offset of <c>sequence</c>.</summary>
    public const int SequenceOffset = 0;

    /// <summary>Block offset of <c>inputSequence</c>.</summary>
    public const int InputSequenceOffset = 8;

    /// <summary>Block offset of <c>clientOrderId</c>.</summary>
    public const int ClientOrderIdOffset = 16;

    /// <summary>Block offset of <c>accountId</c>.</summary>
    public const int AccountIdOffset = 24;

    /// <summary>Block offset of <c>instrumentId</c>.</summary>
    public const int InstrumentIdOffset = 28;

    /// <summary>Block offset of <c>status</c>.</summary>
    public const int StatusOffset = 32;

    /// <summary>Block offset of <c>rejectReason</c>.</summary>
    public const int RejectReasonOffset = 34;

    /// <summary>Block offset of <c>initialMarginBefore</c>.</summary>
    public const int InitialMarginBeforeOffset = 40;

    /// <summary>Block offset of <c>initialMarginAfter</c>.</summary>
    public const int InitialMarginAfterOffset = 48;

    /// <summary>Block offset of <c>equity</c>.</summary>
    public const int EquityOffset = 56;

    /// <summary>Block offset of <c>excess</c>.</summary>
    public const int ExcessOffset = 64;

    /// <summary>Block offset of <c>receiveTime</c>.</summary>
    public const int ReceiveTimeOffset = 72;

    /// <summary>Block offset of <c>decisionTime</c>.</summary>
    public const int DecisionTimeOffset = 80;

    private readonly ReadOnlySpan<byte> _block;

    private OrderDecisionDecoder(ReadOnlySpan<byte> block)
    {
        _block = block;
    }

    /// <summary>Block length the sender used (≥ <see cref="BlockLength"/>).</summary>
    public int ActingBlockLength => _block.Length;

    /// <summary>Bytes the message occupies from its header to the end of its last known part.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>Outbound sequence number, gap-free per gate. Wire: uint64 at block offset 0.</summary>
    public ulong Sequence => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(SequenceOffset));

    /// <summary>Ring sequence of the input message decided. Wire: uint64 at block offset 8.</summary>
    public ulong InputSequence => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(InputSequenceOffset));

    /// <summary>Client order id (or request id) of the input. Wire: uint64 at block offset 16.</summary>
    public ulong ClientOrderId => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(ClientOrderIdOffset));

    /// <summary>Account. Wire: uint32 at block offset 24.</summary>
    public uint AccountId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(AccountIdOffset));

    /// <summary>Instrument. Null: 4294967295 (collateral requests). Wire: uint32 at block offset 28.</summary>
    public uint InstrumentId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(InstrumentIdOffset));

    /// <summary>Accepted or rejected. Wire: uint8 DecisionStatus at block offset 32.</summary>
    public DecisionStatus Status => (DecisionStatus)_block[StatusOffset];

    /// <summary>Why it was rejected; 0 None when accepted. Wire: uint16 RejectReason at block offset 34.</summary>
    public RejectReason RejectReason => (RejectReason)BinaryPrimitives.ReadUInt16LittleEndian(_block.Slice(RejectReasonOffset));

    /// <summary>Account initial margin before the message. Null: -2^63 (not computed). Wire: int64 MONEY4 at block offset 40.</summary>
    public long InitialMarginBefore => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(InitialMarginBeforeOffset));

    /// <summary>Account initial margin after (accepted) or as it would be (rejected). Null: -2^63 (not computed). Wire: int64 MONEY4 at block offset 48.</summary>
    public long InitialMarginAfter => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(InitialMarginAfterOffset));

    /// <summary>Account equity. Null: -2^63 (not computed). Wire: int64 MONEY4 at block offset 56.</summary>
    public long Equity => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(EquityOffset));

    /// <summary>Equity − initial margin after. Null: -2^63 (not computed). Wire: int64 MONEY4 at block offset 64.</summary>
    public long Excess => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(ExcessOffset));

    /// <summary>When the gate received the message (the input's time). Wire: uint64 ns at block offset 72.</summary>
    public ulong ReceiveTime => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(ReceiveTimeOffset));

    /// <summary>Engine time of the decision. Wire: uint64 ns at block offset 80.</summary>
    public ulong DecisionTime => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(DecisionTimeOffset));

    /// <summary>
    /// Checks that <paramref name="message"/> (starting at the message header) is a structurally valid <c>OrderDecision</c>:
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
    public static FrameStatus TryWrap(ReadOnlySpan<byte> message, out OrderDecisionDecoder decoder)
    {
        var status = Validate(message, out var encodedLength);
        if (status != FrameStatus.Ok)
        {
            decoder = default;
            return status;
        }

        decoder = new OrderDecisionDecoder(message.Slice(MessageHeader.Length, encodedLength - MessageHeader.Length));
        return FrameStatus.Ok;
    }
}
