using System.Buffers.Binary;
using RiskGate.Protocol.Enums;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight encoder of <c>NewOrder</c> (template 10, inbound) writing in place into a span: A new order to check.
/// <see cref="Wrap"/> writes the message header, zeroes the block and sets every optional field to its null value, so
/// a field never set is zero (required) or null (optional). Setters return the encoder for chaining. Used by the
/// thread that owns the span; allocates nothing. Layout and field meaning: <see cref="NewOrderDecoder"/> and docs/protocol.md.
/// </summary>
public readonly ref struct NewOrderEncoder
{
    /// <summary>Encoded length of the message: 8-byte header plus the block.</summary>
    public const int Length = MessageHeader.Length + NewOrderDecoder.BlockLength;

    private readonly Span<byte> _block;

    private NewOrderEncoder(Span<byte> buffer)
    {
        _block = buffer.Slice(MessageHeader.Length, NewOrderDecoder.BlockLength);
    }

    /// <summary>Bytes the message occupies: header and block.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>
    /// Starts a message at the start of <paramref name="buffer"/>. Throws <see cref="ArgumentException"/> when the
    /// buffer is shorter than <see cref="Length"/>; writes nothing past the message.
    /// </summary>
    public static NewOrderEncoder Wrap(Span<byte> buffer)
    {
        if (buffer.Length < MessageHeader.Length + NewOrderDecoder.BlockLength)
        {
            ThrowHelper.ThrowBufferTooSmall(nameof(buffer), MessageHeader.Length + NewOrderDecoder.BlockLength, buffer.Length);
        }

        MessageHeader.Write(buffer, NewOrderDecoder.BlockLength, NewOrderDecoder.TemplateId);
        var block = buffer.Slice(MessageHeader.Length, NewOrderDecoder.BlockLength);
        block.Clear();
        BinaryPrimitives.WriteInt64LittleEndian(block.Slice(NewOrderDecoder.PriceOffset), WireNull.Price);
        BinaryPrimitives.WriteUInt64LittleEndian(block.Slice(NewOrderDecoder.ExpireTimeOffset), WireNull.Timestamp);
        return new NewOrderEncoder(buffer);
    }

    /// <summary>Writes <c>clientOrderId</c>: Client order id, unique per account.</summary>
    public NewOrderEncoder ClientOrderId(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(NewOrderDecoder.ClientOrderIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>accountId</c>: Account.</summary>
    public NewOrderEncoder AccountId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(NewOrderDecoder.AccountIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>instrumentId</c>: Instrument.</summary>
    public NewOrderEncoder InstrumentId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(NewOrderDecoder.InstrumentIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>quantity</c>: Order quantity, contracts (&gt; 0).</summary>
    public NewOrderEncoder Quantity(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(NewOrderDecoder.QuantityOffset), value);
        return this;
    }

    /// <summary>Writes <c>price</c>: Limit price (&gt; 0, on tick); null on a market order (a price there: InvalidPrice). Null: -2^63 (market orders).</summary>
    public NewOrderEncoder Price(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(NewOrderDecoder.PriceOffset), value);
        return this;
    }

    /// <summary>Writes <c>side</c>: Buy or sell.</summary>
    public NewOrderEncoder Side(Side value)
    {
        _block[NewOrderDecoder.SideOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>orderType</c>: Limit or market.</summary>
    public NewOrderEncoder OrderType(OrderType value)
    {
        _block[NewOrderDecoder.OrderTypeOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>timeInForce</c>: Day, GTC, IOC, FOK or GTD.</summary>
    public NewOrderEncoder TimeInForce(TimeInForce value)
    {
        _block[NewOrderDecoder.TimeInForceOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>sendingTime</c>: Time the client sent the order: drives its account's throttle and its own expiry checks; never moves engine time (section 4, Time).</summary>
    public NewOrderEncoder SendingTime(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(NewOrderDecoder.SendingTimeOffset), value);
        return this;
    }

    /// <summary>Writes <c>expireTime</c>: Expire time of a GTD order: required for GTD (null: InvalidTimeInForce); not after engine time or sendingTime: OrderExpired. Null: 2^64-1 (not GTD).</summary>
    public NewOrderEncoder ExpireTime(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(NewOrderDecoder.ExpireTimeOffset), value);
        return this;
    }
}
