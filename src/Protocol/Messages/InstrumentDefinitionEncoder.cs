using System.Buffers.Binary;
using RiskGate.Protocol.Enums;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight encoder of <c>InstrumentDefinition</c> (template 1, inbound) writing in place into a span: Defines or updates a future or an option on a future.
/// <see cref="Wrap"/> writes the message header, zeroes the block and sets every optional field to its null value, so
/// a field never set is zero (required) or null (optional). Setters return the encoder for chaining. Used by the
/// thread that owns the span; allocates nothing. Layout and field meaning: <see cref="InstrumentDefinitionDecoder"/> and docs/protocol.md.
/// </summary>
public readonly ref struct InstrumentDefinitionEncoder
{
    /// <summary>Encoded length of the message: 8-byte header plus the block.</summary>
    public const int Length = MessageHeader.Length + InstrumentDefinitionDecoder.BlockLength;

    private readonly Span<byte> _block;

    private InstrumentDefinitionEncoder(Span<byte> buffer)
    {
        _block = buffer.Slice(MessageHeader.Length, InstrumentDefinitionDecoder.BlockLength);
    }

    /// <summary>Bytes the message occupies: header and block.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>
    /// Starts a message at the start of <paramref name="buffer"/>. Throws <see cref="ArgumentException"/> when the
    /// buffer is shorter than <see cref="Length"/>; writes nothing past the message.
    /// </summary>
    public static InstrumentDefinitionEncoder Wrap(Span<byte> buffer)
    {
        if (buffer.Length < MessageHeader.Length + InstrumentDefinitionDecoder.BlockLength)
        {
            ThrowHelper.ThrowBufferTooSmall(nameof(buffer), MessageHeader.Length + InstrumentDefinitionDecoder.BlockLength, buffer.Length);
        }

        MessageHeader.Write(buffer, InstrumentDefinitionDecoder.BlockLength, InstrumentDefinitionDecoder.TemplateId);
        var block = buffer.Slice(MessageHeader.Length, InstrumentDefinitionDecoder.BlockLength);
        block.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(block.Slice(InstrumentDefinitionDecoder.UnderlyingInstrumentIdOffset), WireNull.Id);
        BinaryPrimitives.WriteInt64LittleEndian(block.Slice(InstrumentDefinitionDecoder.StrikeOffset), WireNull.Price);
        BinaryPrimitives.WriteUInt64LittleEndian(block.Slice(InstrumentDefinitionDecoder.SendingTimeOffset), WireNull.Timestamp);
        return new InstrumentDefinitionEncoder(buffer);
    }

    /// <summary>Writes <c>instrumentId</c>: Instrument id, unique across the gate.</summary>
    public InstrumentDefinitionEncoder InstrumentId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(InstrumentDefinitionDecoder.InstrumentIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>productGroupId</c>: Product group (one underlying) the instrument belongs to.</summary>
    public InstrumentDefinitionEncoder ProductGroupId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(InstrumentDefinitionDecoder.ProductGroupIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>underlyingInstrumentId</c>: The option's underlying future. Null: 4294967295 (futures).</summary>
    public InstrumentDefinitionEncoder UnderlyingInstrumentId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(InstrumentDefinitionDecoder.UnderlyingInstrumentIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>kind</c>: Future or option.</summary>
    public InstrumentDefinitionEncoder Kind(InstrumentKind value)
    {
        _block[InstrumentDefinitionDecoder.KindOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>putCall</c>: Call or put. Null: 0 None (futures).</summary>
    public InstrumentDefinitionEncoder PutCall(PutCall value)
    {
        _block[InstrumentDefinitionDecoder.PutCallOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>tradingState</c>: Instrument state: active, reduce-only (close-only) or halted.</summary>
    public InstrumentDefinitionEncoder TradingState(TradingState value)
    {
        _block[InstrumentDefinitionDecoder.TradingStateOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>expiry</c>: Expiry (last trading time), ns since the Unix epoch.</summary>
    public InstrumentDefinitionEncoder Expiry(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(InstrumentDefinitionDecoder.ExpiryOffset), value);
        return this;
    }

    /// <summary>Writes <c>strike</c>: Option strike. Null: -2^63 (futures).</summary>
    public InstrumentDefinitionEncoder Strike(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(InstrumentDefinitionDecoder.StrikeOffset), value);
        return this;
    }

    /// <summary>Writes <c>tickSize</c>: Minimum price increment (&gt; 0).</summary>
    public InstrumentDefinitionEncoder TickSize(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(InstrumentDefinitionDecoder.TickSizeOffset), value);
        return this;
    }

    /// <summary>Writes <c>contractMultiplier</c>: Currency units per price unit per contract (&gt; 0). NaN of any bit pattern is written as the canonical null NaN.</summary>
    public InstrumentDefinitionEncoder ContractMultiplier(double value)
    {
        WireNull.WriteDouble(_block.Slice(InstrumentDefinitionDecoder.ContractMultiplierOffset), value);
        return this;
    }

    /// <summary>Writes <c>symbol</c> from ASCII bytes (at most 16), NUL-padded. Throws <see cref="ArgumentException"/> when longer or not ASCII.</summary>
    public InstrumentDefinitionEncoder Symbol(ReadOnlySpan<byte> ascii)
    {
        AsciiField.Write(_block.Slice(InstrumentDefinitionDecoder.SymbolOffset, InstrumentDefinitionDecoder.SymbolLength), ascii, nameof(ascii));
        return this;
    }

    /// <summary>Writes <c>symbol</c> from text (ASCII, at most 16 characters), NUL-padded. Throws <see cref="ArgumentException"/> when longer or not ASCII.</summary>
    public InstrumentDefinitionEncoder Symbol(ReadOnlySpan<char> text)
    {
        AsciiField.Write(_block.Slice(InstrumentDefinitionDecoder.SymbolOffset, InstrumentDefinitionDecoder.SymbolLength), text, nameof(text));
        return this;
    }

    /// <summary>Writes <c>sendingTime</c>: Time the definition was sent. Null: 2^64-1.</summary>
    public InstrumentDefinitionEncoder SendingTime(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(InstrumentDefinitionDecoder.SendingTimeOffset), value);
        return this;
    }
}
