using System.Buffers.Binary;
using RiskGate.Protocol.Enums;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight encoder of <c>AccountLimits</c> (template 6, inbound) writing in place into a span: Sets an account's limits, account-wide or for one product group or instrument. Null fields leave the current value unchanged (inherit the group default when never set).
/// <see cref="Wrap"/> writes the message header, zeroes the block and sets every optional field to its null value, so
/// a field never set is zero (required) or null (optional). Setters return the encoder for chaining. Used by the
/// thread that owns the span; allocates nothing. Layout and field meaning: <see cref="AccountLimitsDecoder"/> and docs/protocol.md.
/// </summary>
public readonly ref struct AccountLimitsEncoder
{
    /// <summary>Encoded length of the message: 8-byte header plus the block.</summary>
    public const int Length = MessageHeader.Length + AccountLimitsDecoder.BlockLength;

    private readonly Span<byte> _block;

    private AccountLimitsEncoder(Span<byte> buffer)
    {
        _block = buffer.Slice(MessageHeader.Length, AccountLimitsDecoder.BlockLength);
    }

    /// <summary>Bytes the message occupies: header and block.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>
    /// Starts a message at the start of <paramref name="buffer"/>. Throws <see cref="ArgumentException"/> when the
    /// buffer is shorter than <see cref="Length"/>; writes nothing past the message.
    /// </summary>
    public static AccountLimitsEncoder Wrap(Span<byte> buffer)
    {
        if (buffer.Length < MessageHeader.Length + AccountLimitsDecoder.BlockLength)
        {
            ThrowHelper.ThrowBufferTooSmall(nameof(buffer), MessageHeader.Length + AccountLimitsDecoder.BlockLength, buffer.Length);
        }

        MessageHeader.Write(buffer, AccountLimitsDecoder.BlockLength, AccountLimitsDecoder.TemplateId);
        var block = buffer.Slice(MessageHeader.Length, AccountLimitsDecoder.BlockLength);
        block.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(block.Slice(AccountLimitsDecoder.ProductGroupIdOffset), WireNull.Id);
        BinaryPrimitives.WriteUInt32LittleEndian(block.Slice(AccountLimitsDecoder.InstrumentIdOffset), WireNull.Id);
        BinaryPrimitives.WriteUInt32LittleEndian(block.Slice(AccountLimitsDecoder.MaxWorkingOrdersOffset), WireNull.Id);
        BinaryPrimitives.WriteInt64LittleEndian(block.Slice(AccountLimitsDecoder.MaxOrderQuantityOffset), WireNull.Quantity);
        BinaryPrimitives.WriteInt64LittleEndian(block.Slice(AccountLimitsDecoder.MaxNotionalOffset), WireNull.Money);
        BinaryPrimitives.WriteInt64LittleEndian(block.Slice(AccountLimitsDecoder.PositionLimitOffset), WireNull.Quantity);
        BinaryPrimitives.WriteUInt32LittleEndian(block.Slice(AccountLimitsDecoder.ThrottleMessagesOffset), WireNull.Id);
        BinaryPrimitives.WriteUInt64LittleEndian(block.Slice(AccountLimitsDecoder.ThrottleWindowOffset), WireNull.Duration);
        return new AccountLimitsEncoder(buffer);
    }

    /// <summary>Writes <c>accountId</c>: Account.</summary>
    public AccountLimitsEncoder AccountId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(AccountLimitsDecoder.AccountIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>productGroupId</c>: Scope: one product group. Null: 4294967295 (all groups).</summary>
    public AccountLimitsEncoder ProductGroupId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(AccountLimitsDecoder.ProductGroupIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>instrumentId</c>: Scope: one instrument (wins over the group scope). Null: 4294967295 (all instruments).</summary>
    public AccountLimitsEncoder InstrumentId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(AccountLimitsDecoder.InstrumentIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>maxWorkingOrders</c>: Maximum working orders. Null: 4294967295 (unchanged).</summary>
    public AccountLimitsEncoder MaxWorkingOrders(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(AccountLimitsDecoder.MaxWorkingOrdersOffset), value);
        return this;
    }

    /// <summary>Writes <c>maxOrderQuantity</c>: Maximum order quantity, contracts (≥ 0). Null: -2^63 (unchanged).</summary>
    public AccountLimitsEncoder MaxOrderQuantity(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(AccountLimitsDecoder.MaxOrderQuantityOffset), value);
        return this;
    }

    /// <summary>Writes <c>maxNotional</c>: Maximum order notional (≥ 0). Null: -2^63 (unchanged).</summary>
    public AccountLimitsEncoder MaxNotional(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(AccountLimitsDecoder.MaxNotionalOffset), value);
        return this;
    }

    /// <summary>Writes <c>positionLimit</c>: Position limit, contracts (absolute, ≥ 0). Null: -2^63 (unchanged).</summary>
    public AccountLimitsEncoder PositionLimit(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(AccountLimitsDecoder.PositionLimitOffset), value);
        return this;
    }

    /// <summary>Writes <c>throttleMessages</c>: Throttle: messages allowed per window. Null: 4294967295 (unchanged).</summary>
    public AccountLimitsEncoder ThrottleMessages(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(AccountLimitsDecoder.ThrottleMessagesOffset), value);
        return this;
    }

    /// <summary>Writes <c>tradingState</c>: Account trading state: Active or ReduceOnly sets it (a state set by TradingControl stays until TradingControl lifts it); Halted disables the account. Null: 0 None (unchanged).</summary>
    public AccountLimitsEncoder TradingState(TradingState value)
    {
        _block[AccountLimitsDecoder.TradingStateOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>throttleWindow</c>: Throttle window, ns: the engine's configured window (the only one supported). Null: 2^64-1 (unchanged).</summary>
    public AccountLimitsEncoder ThrottleWindow(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(AccountLimitsDecoder.ThrottleWindowOffset), value);
        return this;
    }

    /// <summary>Writes <c>sendingTime</c>: Time the limits were sent.</summary>
    public AccountLimitsEncoder SendingTime(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(AccountLimitsDecoder.SendingTimeOffset), value);
        return this;
    }
}
