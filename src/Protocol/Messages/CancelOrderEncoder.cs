using System.Buffers.Binary;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight encoder of <c>CancelOrder</c> (template 11, inbound) writing in place into a span: Cancels a working order.
/// <see cref="Wrap"/> writes the message header, zeroes the block and sets every optional field to its null value, so
/// a field never set is zero (required) or null (optional). Setters return the encoder for chaining. Used by the
/// thread that owns the span; allocates nothing. Layout and field meaning: <see cref="CancelOrderDecoder"/> and docs/protocol.md.
/// </summary>
public readonly ref struct CancelOrderEncoder
{
    /// <summary>Encoded length of the message: 8-byte header plus the block.</summary>
    public const int Length = MessageHeader.Length + CancelOrderDecoder.BlockLength;

    private readonly Span<byte> _block;

    private CancelOrderEncoder(Span<byte> buffer)
    {
        _block = buffer.Slice(MessageHeader.Length, CancelOrderDecoder.BlockLength);
    }

    /// <summary>Bytes the message occupies: header and block.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>
    /// Starts a message at the start of <paramref name="buffer"/>. Throws <see cref="ArgumentException"/> when the
    /// buffer is shorter than <see cref="Length"/>; writes nothing past the message.
    /// </summary>
    public static CancelOrderEncoder Wrap(Span<byte> buffer)
    {
        if (buffer.Length < MessageHeader.Length + CancelOrderDecoder.BlockLength)
        {
            ThrowHelper.ThrowBufferTooSmall(nameof(buffer), MessageHeader.Length + CancelOrderDecoder.BlockLength, buffer.Length);
        }

        MessageHeader.Write(buffer, CancelOrderDecoder.BlockLength, CancelOrderDecoder.TemplateId);
        var block = buffer.Slice(MessageHeader.Length, CancelOrderDecoder.BlockLength);
        block.Clear();
        return new CancelOrderEncoder(buffer);
    }

    /// <summary>Writes <c>clientOrderId</c>: Client order id of the cancel request.</summary>
    public CancelOrderEncoder ClientOrderId(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(CancelOrderDecoder.ClientOrderIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>originalClientOrderId</c>: Client order id of the order to cancel.</summary>
    public CancelOrderEncoder OriginalClientOrderId(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(CancelOrderDecoder.OriginalClientOrderIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>accountId</c>: Account (must match the order's).</summary>
    public CancelOrderEncoder AccountId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(CancelOrderDecoder.AccountIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>instrumentId</c>: Instrument (must match the order's).</summary>
    public CancelOrderEncoder InstrumentId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(CancelOrderDecoder.InstrumentIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>sendingTime</c>: Time the client sent the cancel: drives its account's cancel throttle; never moves engine time.</summary>
    public CancelOrderEncoder SendingTime(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(CancelOrderDecoder.SendingTimeOffset), value);
        return this;
    }
}
