using System.Buffers.Binary;
using RiskGate.Protocol.Enums;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight encoder of <c>VolSurface</c> (template 3, inbound) writing in place into a span: Volatility smile of one product group and expiry.
/// <see cref="Wrap"/> writes the message header, zeroes the block and sets every optional field to its null value, so
/// a field never set is zero (required) or null (optional). Setters return the encoder for chaining. Used by the
/// thread that owns the span; allocates nothing. Layout and field meaning: <see cref="VolSurfaceDecoder"/> and docs/protocol.md.
/// </summary>
public readonly ref struct VolSurfaceEncoder
{
    private readonly Span<byte> _block;
    private readonly Span<byte> _group;

    private VolSurfaceEncoder(Span<byte> buffer)
    {
        _block = buffer.Slice(MessageHeader.Length, VolSurfaceDecoder.BlockLength);
        _group = buffer.Slice(MessageHeader.Length + VolSurfaceDecoder.BlockLength);
    }

    /// <summary>Bytes written so far: header, block and the group as begun.</summary>
    public int EncodedLength => MessageHeader.Length + VolSurfaceDecoder.BlockLength + GroupHeader.Length + (GroupHeader.ReadCount(_group) * VolSurfaceDecoder.GridPointsEntryLength);

    /// <summary>
    /// Starts a message at the start of <paramref name="buffer"/>. Throws <see cref="ArgumentException"/> when the
    /// buffer is shorter than the header, block and an empty group; writes nothing past the message.
    /// </summary>
    public static VolSurfaceEncoder Wrap(Span<byte> buffer)
    {
        if (buffer.Length < MessageHeader.Length + VolSurfaceDecoder.BlockLength + GroupHeader.Length)
        {
            ThrowHelper.ThrowBufferTooSmall(nameof(buffer), MessageHeader.Length + VolSurfaceDecoder.BlockLength + GroupHeader.Length, buffer.Length);
        }

        MessageHeader.Write(buffer, VolSurfaceDecoder.BlockLength, VolSurfaceDecoder.TemplateId);
        var block = buffer.Slice(MessageHeader.Length, VolSurfaceDecoder.BlockLength);
        block.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(block.Slice(VolSurfaceDecoder.SendingTimeOffset), WireNull.Timestamp);
        WireNull.WriteDouble(block.Slice(VolSurfaceDecoder.SviAOffset), double.NaN);
        WireNull.WriteDouble(block.Slice(VolSurfaceDecoder.SviBOffset), double.NaN);
        WireNull.WriteDouble(block.Slice(VolSurfaceDecoder.SviRhoOffset), double.NaN);
        WireNull.WriteDouble(block.Slice(VolSurfaceDecoder.SviMOffset), double.NaN);
        WireNull.WriteDouble(block.Slice(VolSurfaceDecoder.SviSigmaOffset), double.NaN);
        GroupHeader.Write(buffer.Slice(MessageHeader.Length + VolSurfaceDecoder.BlockLength), VolSurfaceDecoder.GridPointsEntryLength, 0);
        return new VolSurfaceEncoder(buffer);
    }

    /// <summary>Writes <c>productGroupId</c>: Product group.</summary>
    public VolSurfaceEncoder ProductGroupId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(VolSurfaceDecoder.ProductGroupIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>form</c>: SVI parameters or a strike grid.</summary>
    public VolSurfaceEncoder Form(SurfaceForm value)
    {
        _block[VolSurfaceDecoder.FormOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>expiry</c>: Option expiry this smile applies to, ns since the Unix epoch: exactly the expiry of the options it prices.</summary>
    public VolSurfaceEncoder Expiry(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(VolSurfaceDecoder.ExpiryOffset), value);
        return this;
    }

    /// <summary>Writes <c>sendingTime</c>: Time the surface was sent. Null: 2^64-1.</summary>
    public VolSurfaceEncoder SendingTime(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(VolSurfaceDecoder.SendingTimeOffset), value);
        return this;
    }

    /// <summary>Writes <c>sviA</c>: Raw SVI level a (total variance). Null: NaN (grid form). NaN of any bit pattern is written as the canonical null NaN.</summary>
    public VolSurfaceEncoder SviA(double value)
    {
        WireNull.WriteDouble(_block.Slice(VolSurfaceDecoder.SviAOffset), value);
        return this;
    }

    /// <summary>Writes <c>sviB</c>: Raw SVI wing slope b (≥ 0). Null: NaN (grid form). NaN of any bit pattern is written as the canonical null NaN.</summary>
    public VolSurfaceEncoder SviB(double value)
    {
        WireNull.WriteDouble(_block.Slice(VolSurfaceDecoder.SviBOffset), value);
        return this;
    }

    /// <summary>Writes <c>sviRho</c>: Raw SVI skew ρ in (−1, 1). Null: NaN (grid form). NaN of any bit pattern is written as the canonical null NaN.</summary>
    public VolSurfaceEncoder SviRho(double value)
    {
        WireNull.WriteDouble(_block.Slice(VolSurfaceDecoder.SviRhoOffset), value);
        return this;
    }

    /// <summary>Writes <c>sviM</c>: Raw SVI shift m (log-moneyness). Null: NaN (grid form). NaN of any bit pattern is written as the canonical null NaN.</summary>
    public VolSurfaceEncoder SviM(double value)
    {
        WireNull.WriteDouble(_block.Slice(VolSurfaceDecoder.SviMOffset), value);
        return this;
    }

    /// <summary>Writes <c>sviSigma</c>: Raw SVI curvature σ (&gt; 0). Null: NaN (grid form). NaN of any bit pattern is written as the canonical null NaN.</summary>
    public VolSurfaceEncoder SviSigma(double value)
    {
        WireNull.WriteDouble(_block.Slice(VolSurfaceDecoder.SviSigmaOffset), value);
        return this;
    }

    /// <summary>
    /// Starts the <c>gridPoints</c> group with <paramref name="count"/> zeroed entries (at most
    /// <see cref="VolSurfaceDecoder.MaxGridPointsCount"/>) and returns the entry encoder; <see cref="EncodedLength"/> grows
    /// accordingly. Throws <see cref="ArgumentOutOfRangeException"/> when the count is out of range or the buffer too short.
    /// </summary>
    public VolSurfaceGridPointsEncoder BeginGridPoints(int count)
    {
        if ((uint)count > VolSurfaceDecoder.MaxGridPointsCount)
        {
            ThrowHelper.ThrowCountOutOfRange(nameof(count), count, VolSurfaceDecoder.MaxGridPointsCount);
        }

        var length = GroupHeader.Length + (count * VolSurfaceDecoder.GridPointsEntryLength);
        if (_group.Length < length)
        {
            ThrowHelper.ThrowBufferTooSmall(nameof(count), MessageHeader.Length + VolSurfaceDecoder.BlockLength + length, MessageHeader.Length + VolSurfaceDecoder.BlockLength + _group.Length);
        }

        GroupHeader.Write(_group, VolSurfaceDecoder.GridPointsEntryLength, (ushort)count);
        var entries = _group.Slice(GroupHeader.Length, length - GroupHeader.Length);
        entries.Clear();
        return new VolSurfaceGridPointsEncoder(entries);
    }
}
