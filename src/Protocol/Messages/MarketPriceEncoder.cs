using System.Buffers.Binary;
using RiskGate.Protocol.Enums;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight encoder of <c>MarketPrice</c> (template 4, inbound) writing in place into a span: Price of a future (reference for margin, collars and notional).
/// <see cref="Wrap"/> writes the message header, zeroes the block and sets every optional field to its null value, so
/// a field never set is zero (required) or null (optional). Setters return the encoder for chaining. Used by the
/// thread that owns the span; allocates nothing. Layout and field meaning: <see cref="MarketPriceDecoder"/> and docs/protocol.md.
/// </summary>
public readonly ref struct MarketPriceEncoder
{
    /// <summary>Encoded length of the message: 8-byte header plus the block.</summary>
    public const int Length = MessageHeader.Length + MarketPriceDecoder.BlockLength;

    private readonly Span<byte> _block;

    private MarketPriceEncoder(Span<byte> buffer)
    {
        _block = buffer.Slice(MessageHeader.Length, MarketPriceDecoder.BlockLength);
    }

    /// <summary>Bytes the message occupies: header and block.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>
    /// Starts a message at the start of <paramref name="buffer"/>. Throws <see cref="ArgumentException"/> when the
    /// buffer is shorter than <see cref="Length"/>; writes nothing past the message.
    /// </summary>
    public static MarketPriceEncoder Wrap(Span<byte> buffer)
    {
        if (buffer.Length < MessageHeader.Length + MarketPriceDecoder.BlockLength)
        {
            ThrowHelper.ThrowBufferTooSmall(nameof(buffer), MessageHeader.Length + MarketPriceDecoder.BlockLength, buffer.Length);
        }

        MessageHeader.Write(buffer, MarketPriceDecoder.BlockLength, MarketPriceDecoder.TemplateId);
        var block = buffer.Slice(MessageHeader.Length, MarketPriceDecoder.BlockLength);
        block.Clear();
        return new MarketPriceEncoder(buffer);
    }

    /// <summary>Writes <c>instrumentId</c>: The future.</summary>
    public MarketPriceEncoder InstrumentId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(MarketPriceDecoder.InstrumentIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>priceType</c>: Mark or settlement sets the future's price; a trade print is checked and moves nothing.</summary>
    public MarketPriceEncoder PriceType(MarketPriceType value)
    {
        _block[MarketPriceDecoder.PriceTypeOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>price</c>: The price (> 0).</summary>
    public MarketPriceEncoder Price(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(MarketPriceDecoder.PriceOffset), value);
        return this;
    }

    /// <summary>Writes <c>transactTime</c>: Time of the price; advances engine time.</summary>
    public MarketPriceEncoder TransactTime(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(MarketPriceDecoder.TransactTimeOffset), value);
        return this;
    }
}
