using System.Buffers.Binary;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight decoder of <c>TradingControl</c> (template 20, inbound): Kill switch and trading state per account, product group, both, or the whole gate.
/// Reads fields in place from the span it wraps; nothing is copied or allocated. A decoder is a stack value used by
/// the thread that holds the span; it is valid only while the span's memory is. Field reads never throw once
/// <see cref="TryWrap"/> returned <see cref="FrameStatus.Ok"/>.
/// <code>
/// block offset (message offset = block offset + 8), 32 bytes:
///    0 | requestId 8 |
///    8 | accountId 4 | productGroupId 4 |
///   16 | sendingTime 8 |
///   24 | scope 1 | state 1 | cancelWorkingOrders 1 | reserved 5 |
/// </code>
/// </summary>
public readonly ref struct TradingControlDecoder
{
    /// <summary>Template id of the message.</summary>
    public const ushort TemplateId = 20;

    /// <summary>Block length of the message in this schema version; a longer block (newer version) is accepted.</summary>
    public const int BlockLength = 32;

    /// <summary>Block offset of <c>requestId</c>.</summary>
    public const int RequestIdOffset = 0;

    /// <summary>Block offset of <c>accountId</c>.</summary>
    public const int AccountIdOffset = 8;

    /// <summary>Block offset of <c>productGroupId</c>.</summary>
    public const int ProductGroupIdOffset = 12;

    /// <summary>Block offset of <c>sendingTime</c>.</summary>
    public const int SendingTimeOffset = 16;

    /// <summary>Block offset of <c>scope</c>.</summary>
    public const int ScopeOffset = 24;

    /// <summary>Block offset of <c>state</c>.</summary>
    public const int StateOffset = 25;

    /// <summary>Block offset of <c>cancelWorkingOrders</c>.</summary>
    public const int CancelWorkingOrdersOffset = 26;

    private readonly ReadOnlySpan<byte> _block;

    private TradingControlDecoder(ReadOnlySpan<byte> block)
    {
        _block = block;
    }

    /// <summary>Block length the sender used (≥ <see cref="BlockLength"/>).</summary>
    public int ActingBlockLength => _block.Length;

    /// <summary>Bytes the message occupies from its header to the end of its last known part.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>Caller's id of the request. Wire: uint64 at block offset 0.</summary>
    public ulong RequestId => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(RequestIdOffset));

    /// <summary>Target account (Account and AccountProductGroup scopes). Null: 4294967295 (other scopes). Wire: uint32 at block offset 8.</summary>
    public uint AccountId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(AccountIdOffset));

    /// <summary>Target product group (ProductGroup and AccountProductGroup scopes). Null: 4294967295 (other scopes). Wire: uint32 at block offset 12.</summary>
    public uint ProductGroupId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(ProductGroupIdOffset));

    /// <summary>Time the control was sent. Wire: uint64 ns at block offset 16.</summary>
    public ulong SendingTime => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(SendingTimeOffset));

    /// <summary>Global, product group, account, or account in a group. Wire: uint8 ControlScope at block offset 24.</summary>
    public ControlScope Scope => (ControlScope)_block[ScopeOffset];

    /// <summary>Active, reduce-only or halted. Wire: uint8 TradingState at block offset 25.</summary>
    public TradingState State => (TradingState)_block[StateOffset];

    /// <summary>1 = cancel the scope's working orders too; 0 = do not. Wire: uint8 BooleanType at block offset 26.</summary>
    public BooleanType CancelWorkingOrders => (BooleanType)_block[CancelWorkingOrdersOffset];

    /// <summary>
    /// Checks that <paramref name="message"/> (starting at the message header) is a structurally valid <c>TradingControl</c>:
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
    public static FrameStatus TryWrap(ReadOnlySpan<byte> message, out TradingControlDecoder decoder)
    {
        var status = Validate(message, out var encodedLength);
        if (status != FrameStatus.Ok)
        {
            decoder = default;
            return status;
        }

        decoder = new TradingControlDecoder(message.Slice(MessageHeader.Length, encodedLength - MessageHeader.Length));
        return FrameStatus.Ok;
    }
}
