using System.Buffers.Binary;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight decoder of <c>AccountLimits</c> (template 6, inbound): Sets an account's limits, account-wide or for one product group or instrument. Null fields leave the current value unchanged (inherit the group default when never set).
/// Reads fields in place from the span it wraps; nothing is copied or allocated. A decoder is a stack value used by
/// the thread that holds the span; it is valid only while the span's memory is. Field reads never throw once
/// <see cref="TryWrap"/> returned <see cref="FrameStatus.Ok"/>.
/// <code>
/// block offset (message offset = block offset + 8), 64 bytes:
///    0 | accountId 4 | productGroupId 4 |
///    8 | instrumentId 4 | maxWorkingOrders 4 |
///   16 | maxOrderQuantity 8 |
///   24 | maxNotional 8 |
///   32 | positionLimit 8 |
///   40 | throttleMessages 4 | tradingState 1 | reserved 3 |
///   48 | throttleWindow 8 |
///   56 | sendingTime 8 |
/// </code>
/// </summary>
public readonly ref struct AccountLimitsDecoder
{
    /// <summary>Template id of the message.</summary>
    public const ushort TemplateId = 6;

    /// <summary>Block length of the message in this schema version; a longer block (newer version) is accepted.</summary>
    public const int BlockLength = 64;

    /// <summary>Block offset of <c>accountId</c>.</summary>
    public const int AccountIdOffset = 0;

    /// <summary>Block offset of <c>productGroupId</c>.</summary>
    public const int ProductGroupIdOffset = 4;

    /// <summary>Block offset of <c>instrumentId</c>.</summary>
    public const int InstrumentIdOffset = 8;

    /// <summary>Block offset of <c>maxWorkingOrders</c>.</summary>
    public const int MaxWorkingOrdersOffset = 12;

    /// <summary>Block offset of <c>maxOrderQuantity</c>.</summary>
    public const int MaxOrderQuantityOffset = 16;

    /// <summary>Block offset of <c>maxNotional</c>.</summary>
    public const int MaxNotionalOffset = 24;

    /// <summary>Block offset of <c>positionLimit</c>.</summary>
    public const int PositionLimitOffset = 32;

    /// <summary>Block offset of <c>throttleMessages</c>.</summary>
    public const int ThrottleMessagesOffset = 40;

    /// <summary>Block offset of <c>tradingState</c>.</summary>
    public const int TradingStateOffset = 44;

    /// <summary>Block offset of <c>throttleWindow</c>.</summary>
    public const int ThrottleWindowOffset = 48;

    /// <summary>Block offset of <c>sendingTime</c>.</summary>
    public const int SendingTimeOffset = 56;

    private readonly ReadOnlySpan<byte> _block;

    private AccountLimitsDecoder(ReadOnlySpan<byte> block)
    {
        _block = block;
    }

    /// <summary>Block length the sender used (≥ <see cref="BlockLength"/>).</summary>
    public int ActingBlockLength => _block.Length;

    /// <summary>Bytes the message occupies from its header to the end of its last known part.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>Account. Wire: uint32 at block offset 0.</summary>
    public uint AccountId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(AccountIdOffset));

    /// <summary>Scope: one product group. Null: 4294967295 (all groups). Wire: uint32 at block offset 4.</summary>
    public uint ProductGroupId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(ProductGroupIdOffset));

    /// <summary>Scope: one instrument (wins over the group scope). Null: 4294967295 (all instruments). Wire: uint32 at block offset 8.</summary>
    public uint InstrumentId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(InstrumentIdOffset));

    /// <summary>Maximum working orders. Null: 4294967295 (unchanged). Wire: uint32 at block offset 12.</summary>
    public uint MaxWorkingOrders => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(MaxWorkingOrdersOffset));

    /// <summary>Maximum order quantity, contracts (≥ 0). Null: -2^63 (unchanged). Wire: int64 at block offset 16.</summary>
    public long MaxOrderQuantity => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(MaxOrderQuantityOffset));

    /// <summary>Maximum order notional (≥ 0). Null: -2^63 (unchanged). Wire: int64 MONEY4 at block offset 24.</summary>
    public long MaxNotional => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(MaxNotionalOffset));

    /// <summary>Position limit, contracts (absolute, ≥ 0). Null: -2^63 (unchanged). Wire: int64 at block offset 32.</summary>
    public long PositionLimit => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(PositionLimitOffset));

    /// <summary>Throttle: messages allowed per window. Null: 4294967295 (unchanged). Wire: uint32 at block offset 40.</summary>
    public uint ThrottleMessages => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(ThrottleMessagesOffset));

    /// <summary>Account trading state: Active or ReduceOnly sets it (a state set by TradingControl stays until TradingControl lifts it); Halted disables the account. Null: 0 None (unchanged). Wire: uint8 TradingState at block offset 44.</summary>
    public TradingState TradingState => (TradingState)_block[TradingStateOffset];

    /// <summary>Throttle window, ns: the engine's configured window (the only one supported). Null: 2^64-1 (unchanged). Wire: uint64 ns at block offset 48.</summary>
    public ulong ThrottleWindow => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(ThrottleWindowOffset));

    /// <summary>Time the limits were sent. Wire: uint64 ns at block offset 56.</summary>
    public ulong SendingTime => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(SendingTimeOffset));

    /// <summary>
    /// Checks that <paramref name="message"/> (starting at the message header) is a structurally valid <c>AccountLimits</c>:
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
    public static FrameStatus TryWrap(ReadOnlySpan<byte> message, out AccountLimitsDecoder decoder)
    {
        var status = Validate(message, out var encodedLength);
        if (status != FrameStatus.Ok)
        {
            decoder = default;
            return status;
        }

        decoder = new AccountLimitsDecoder(message.Slice(MessageHeader.Length, encodedLength - MessageHeader.Length));
        return FrameStatus.Ok;
    }
}
