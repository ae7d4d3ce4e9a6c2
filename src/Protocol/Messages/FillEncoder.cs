using System.Buffers.Binary;
using RiskGate.Protocol.Enums;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight encoder of <c>Fill</c> (template 13, inbound) writing in place into a span: An execution of a working order, from the venue.
/// <see cref="Wrap"/> writes the message header, zeroes the block and sets every optional field to its null value, so
/// a field never set is zero (required) or null (optional). Setters return the encoder for chaining. Used by the
/// thread that owns the span; allocates nothing. Layout and field meaning: <see cref="FillDecoder"/> and docs/protocol.md.
/// </summary>
public readonly ref struct FillEncoder
{
    /// <summary>Encoded length of the message: 8-byte header plus the block.</summary>
    public const int Length = MessageHeader.Length + FillDecoder.BlockLength;

    private readonly Span<byte> _block;

    private FillEncoder(Span<byte> buffer)
    {
        _block = buffer.Slice(MessageHeader.Length, FillDecoder.BlockLength);
    }

    /// <summary>Bytes the message occupies: header and block.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>
    /// Starts a message at the start of <paramref name="buffer"/>. Throws <see cref="ArgumentException"/> when the
    /// buffer is shorter than <see cref="Length"/>; writes nothing past the message.
    /// </summary>
    public static FillEncoder Wrap(Span<byte> buffer)
    {
        if (buffer.Length < MessageHeader.Length + FillDecoder.BlockLength)
        {
            ThrowHelper.ThrowBufferTooSmall(nameof(buffer), MessageHeader.Length + FillDecoder.BlockLength, buffer.Length);
        }

        MessageHeader.Write(buffer, FillDecoder.BlockLength, FillDecoder.TemplateId);
        var block = buffer.Slice(MessageHeader.Length, FillDecoder.BlockLength);
        block.Clear();
        return new FillEncoder(buffer);
    }

    /// <summary>Writes <c>accountId</c>: Account.</summary>
    public FillEncoder AccountId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(FillDecoder.AccountIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>instrumentId</c>: Instrument.</summary>
    public FillEncoder InstrumentId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(FillDecoder.InstrumentIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>clientOrderId</c>: Client order id of the filled order.</summary>
    public FillEncoder ClientOrderId(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(FillDecoder.ClientOrderIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>quantity</c>: Fill (last) quantity, contracts (&gt; 0).</summary>
    public FillEncoder Quantity(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(FillDecoder.QuantityOffset), value);
        return this;
    }

    /// <summary>Writes <c>price</c>: Fill (last) price: &gt; 0 for a future, ≥ 0 (option premium) for an option; else InvalidPrice, nothing booked.</summary>
    public FillEncoder Price(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(FillDecoder.PriceOffset), value);
        return this;
    }

    /// <summary>Writes <c>side</c>: Side of the filled order.</summary>
    public FillEncoder Side(Side value)
    {
        _block[FillDecoder.SideOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>attributes</c>: Order complete, aggressor, correction. Null: 0 (no flag).</summary>
    public FillEncoder Attributes(FillAttributes value)
    {
        _block[FillDecoder.AttributesOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>execId</c>: Venue execution id, unique per venue.</summary>
    public FillEncoder ExecId(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(FillDecoder.ExecIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>transactTime</c>: Time of the execution; never moves engine time.</summary>
    public FillEncoder TransactTime(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(FillDecoder.TransactTimeOffset), value);
        return this;
    }

    /// <summary>Writes <c>leavesQuantity</c>: Quantity still working after this fill (0 = done).</summary>
    public FillEncoder LeavesQuantity(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(FillDecoder.LeavesQuantityOffset), value);
        return this;
    }
}
