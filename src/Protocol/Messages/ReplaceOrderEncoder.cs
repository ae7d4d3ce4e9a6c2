using System.Buffers.Binary;
using RiskGate.Protocol.Enums;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight encoder of <c>ReplaceOrder</c> (template 12, inbound) writing in place into a span: Replaces a working order's quantity and price (cancel/replace).
/// <see cref="Wrap"/> writes the message header, zeroes the block and sets every optional field to its null value, so
/// a field never set is zero (required) or null (optional). Setters return the encoder for chaining. Used by the
/// thread that owns the span; allocates nothing. Layout and field meaning: <see cref="ReplaceOrderDecoder"/> and docs/protocol.md.
/// </summary>
public readonly ref struct ReplaceOrderEncoder
{
    /// <summary>Encoded length of the message: 8-byte header plus the block.</summary>
    public const int Length = MessageHeader.Length + ReplaceOrderDecoder.BlockLength;

    private readonly Span<byte> _block;

    private ReplaceOrderEncoder(Span<byte> buffer)
    {
        _block = buffer.Slice(MessageHeader.Length, ReplaceOrderDecoder.BlockLength);
    }

    /// <summary>Bytes the message occupies: header and block.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>
    /// Starts a message at the start of <paramref name="buffer"/>. Throws <see cref="ArgumentException"/> when the
    /// buffer is shorter than <see cref="Length"/>; writes nothing past the message.
    /// </summary>
    public static ReplaceOrderEncoder Wrap(Span<byte> buffer)
    {
        if (buffer.Length < MessageHeader.Length + ReplaceOrderDecoder.BlockLength)
        {
            ThrowHelper.ThrowBufferTooSmall(nameof(buffer), MessageHeader.Length + ReplaceOrderDecoder.BlockLength, buffer.Length);
        }

        MessageHeader.Write(buffer, ReplaceOrderDecoder.BlockLength, ReplaceOrderDecoder.TemplateId);
        var block = buffer.Slice(MessageHeader.Length, ReplaceOrderDecoder.BlockLength);
        block.Clear();
        BinaryPrimitives.WriteInt64LittleEndian(block.Slice(ReplaceOrderDecoder.PriceOffset), WireNull.Price);
        return new ReplaceOrderEncoder(buffer);
    }

    /// <summary>Writes <c>clientOrderId</c>: New client order id of the replacing order.</summary>
    public ReplaceOrderEncoder ClientOrderId(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(ReplaceOrderDecoder.ClientOrderIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>originalClientOrderId</c>: Client order id of the order to replace.</summary>
    public ReplaceOrderEncoder OriginalClientOrderId(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(ReplaceOrderDecoder.OriginalClientOrderIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>accountId</c>: Account (must match the order's).</summary>
    public ReplaceOrderEncoder AccountId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(ReplaceOrderDecoder.AccountIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>instrumentId</c>: Instrument (must match the order's).</summary>
    public ReplaceOrderEncoder InstrumentId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(ReplaceOrderDecoder.InstrumentIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>quantity</c>: New remaining (leaves) quantity, contracts (&gt; 0): what still works after the replace, whatever has filled.</summary>
    public ReplaceOrderEncoder Quantity(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(ReplaceOrderDecoder.QuantityOffset), value);
        return this;
    }

    /// <summary>Writes <c>price</c>: New limit price. Null: -2^63 (market orders).</summary>
    public ReplaceOrderEncoder Price(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(ReplaceOrderDecoder.PriceOffset), value);
        return this;
    }

    /// <summary>Writes <c>side</c>: Side (must match the order's).</summary>
    public ReplaceOrderEncoder Side(Side value)
    {
        _block[ReplaceOrderDecoder.SideOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>sendingTime</c>: Time the client sent the replace: drives its account's throttle and its own expiry checks; never moves engine time.</summary>
    public ReplaceOrderEncoder SendingTime(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(ReplaceOrderDecoder.SendingTimeOffset), value);
        return this;
    }
}
