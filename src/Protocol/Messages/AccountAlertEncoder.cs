using System.Buffers.Binary;
using RiskGate.Protocol.Enums;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight encoder of <c>AccountAlert</c> (template 101, outbound) writing in place into a span: An account's margin or trading-state event.
/// <see cref="Wrap"/> writes the message header, zeroes the block and sets every optional field to its null value, so
/// a field never set is zero (required) or null (optional). Setters return the encoder for chaining. Used by the
/// thread that owns the span; allocates nothing. Layout and field meaning: <see cref="AccountAlertDecoder"/> and docs/protocol.md.
/// </summary>
public readonly ref struct AccountAlertEncoder
{
    /// <summary>Encoded length of the message: 8-byte header plus the block.</summary>
    public const int Length = MessageHeader.Length + AccountAlertDecoder.BlockLength;

    private readonly Span<byte> _block;

    private AccountAlertEncoder(Span<byte> buffer)
    {
        _block = buffer.Slice(MessageHeader.Length, AccountAlertDecoder.BlockLength);
    }

    /// <summary>Bytes the message occupies: header and block.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>
    /// Starts a message at the start of <paramref name="buffer"/>. Throws <see cref="ArgumentException"/> when the
    /// buffer is shorter than <see cref="Length"/>; writes nothing past the message.
    /// </summary>
    public static AccountAlertEncoder Wrap(Span<byte> buffer)
    {
        if (buffer.Length < MessageHeader.Length + AccountAlertDecoder.BlockLength)
        {
            ThrowHelper.ThrowBufferTooSmall(nameof(buffer), MessageHeader.Length + AccountAlertDecoder.BlockLength, buffer.Length);
        }

        MessageHeader.Write(buffer, AccountAlertDecoder.BlockLength, AccountAlertDecoder.TemplateId);
        var block = buffer.Slice(MessageHeader.Length, AccountAlertDecoder.BlockLength);
        block.Clear();
        return new AccountAlertEncoder(buffer);
    }

    /// <summary>Writes <c>sequence</c>: Outbound sequence number, shared with OrderDecision.</summary>
    public AccountAlertEncoder Sequence(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(AccountAlertDecoder.SequenceOffset), value);
        return this;
    }

    /// <summary>Writes <c>accountId</c>: Account.</summary>
    public AccountAlertEncoder AccountId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(AccountAlertDecoder.AccountIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>kind</c>: What happened.</summary>
    public AccountAlertEncoder Kind(AlertKind value)
    {
        _block[AccountAlertDecoder.KindOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>tradingState</c>: The account's trading state after the event.</summary>
    public AccountAlertEncoder TradingState(TradingState value)
    {
        _block[AccountAlertDecoder.TradingStateOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>equity</c>: Account equity.</summary>
    public AccountAlertEncoder Equity(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(AccountAlertDecoder.EquityOffset), value);
        return this;
    }

    /// <summary>Writes <c>maintenanceMargin</c>: Maintenance margin.</summary>
    public AccountAlertEncoder MaintenanceMargin(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(AccountAlertDecoder.MaintenanceMarginOffset), value);
        return this;
    }

    /// <summary>Writes <c>initialMargin</c>: Initial margin.</summary>
    public AccountAlertEncoder InitialMargin(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(AccountAlertDecoder.InitialMarginOffset), value);
        return this;
    }

    /// <summary>Writes <c>transactTime</c>: Engine time of the event.</summary>
    public AccountAlertEncoder TransactTime(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(AccountAlertDecoder.TransactTimeOffset), value);
        return this;
    }
}
