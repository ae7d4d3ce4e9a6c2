using System.Buffers.Binary;
using RiskGate.Protocol.Enums;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight encoder of <c>TradingControl</c> (template 20, inbound) writing in place into a span: Kill switch and trading state per account, product group, both, or the whole gate.
/// <see cref="Wrap"/> writes the message header, zeroes the block and sets every optional field to its null value, so
/// a field never set is zero (required) or null (optional). Setters return the encoder for chaining. Used by the
/// thread that owns the span; allocates nothing. Layout and field meaning: <see cref="TradingControlDecoder"/> and docs/protocol.md.
/// </summary>
public readonly ref struct TradingControlEncoder
{
    /// <summary>Encoded length of the message: 8-byte header plus the block.</summary>
    public const int Length = MessageHeader.Length + TradingControlDecoder.BlockLength;

    private readonly Span<byte> _block;

    private TradingControlEncoder(Span<byte> buffer)
    {
        _block = buffer.Slice(MessageHeader.Length, TradingControlDecoder.BlockLength);
    }

    /// <summary>Bytes the message occupies: header and block.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>
    /// Starts a message at the start of <paramref name="buffer"/>. Throws <see cref="ArgumentException"/> when the
    /// buffer is shorter than <see cref="Length"/>; writes nothing past the message.
    /// </summary>
    public static TradingControlEncoder Wrap(Span<byte> buffer)
    {
        if (buffer.Length < MessageHeader.Length + TradingControlDecoder.BlockLength)
        {
            ThrowHelper.ThrowBufferTooSmall(nameof(buffer), MessageHeader.Length + TradingControlDecoder.BlockLength, buffer.Length);
        }

        MessageHeader.Write(buffer, TradingControlDecoder.BlockLength, TradingControlDecoder.TemplateId);
        var block = buffer.Slice(MessageHeader.Length, TradingControlDecoder.BlockLength);
        block.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(block.Slice(TradingControlDecoder.AccountIdOffset), WireNull.Id);
        BinaryPrimitives.WriteUInt32LittleEndian(block.Slice(TradingControlDecoder.ProductGroupIdOffset), WireNull.Id);
        return new TradingControlEncoder(buffer);
    }

    /// <summary>Writes <c>requestId</c>: Caller's id of the request.</summary>
    public TradingControlEncoder RequestId(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(TradingControlDecoder.RequestIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>accountId</c>: Target account (Account and AccountProductGroup scopes). Null: 4294967295 (other scopes).</summary>
    public TradingControlEncoder AccountId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(TradingControlDecoder.AccountIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>productGroupId</c>: Target product group (ProductGroup and AccountProductGroup scopes). Null: 4294967295 (other scopes).</summary>
    public TradingControlEncoder ProductGroupId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(TradingControlDecoder.ProductGroupIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>sendingTime</c>: Time the control was sent.</summary>
    public TradingControlEncoder SendingTime(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(TradingControlDecoder.SendingTimeOffset), value);
        return this;
    }

    /// <summary>Writes <c>scope</c>: Global, product group, account, or account in a group.</summary>
    public TradingControlEncoder Scope(ControlScope value)
    {
        _block[TradingControlDecoder.ScopeOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>state</c>: Active, reduce-only or halted.</summary>
    public TradingControlEncoder State(TradingState value)
    {
        _block[TradingControlDecoder.StateOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>cancelWorkingOrders</c>: 1 = cancel the scope's working orders too; 0 = do not.</summary>
    public TradingControlEncoder CancelWorkingOrders(BooleanType value)
    {
        _block[TradingControlDecoder.CancelWorkingOrdersOffset] = (byte)value;
        return this;
    }
}
