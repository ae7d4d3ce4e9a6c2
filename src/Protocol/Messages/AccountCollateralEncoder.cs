using System.Buffers.Binary;
using RiskGate.Protocol.Enums;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight encoder of <c>AccountCollateral</c> (template 5, inbound) writing in place into a span: Deposit, withdrawal or start-of-day balance of an account's cash collateral.
/// <see cref="Wrap"/> writes the message header, zeroes the block and sets every optional field to its null value, so
/// a field never set is zero (required) or null (optional). Setters return the encoder for chaining. Used by the
/// thread that owns the span; allocates nothing. Layout and field meaning: <see cref="AccountCollateralDecoder"/> and docs/protocol.md.
/// </summary>
public readonly ref struct AccountCollateralEncoder
{
    /// <summary>Encoded length of the message: 8-byte header plus the block.</summary>
    public const int Length = MessageHeader.Length + AccountCollateralDecoder.BlockLength;

    private readonly Span<byte> _block;

    private AccountCollateralEncoder(Span<byte> buffer)
    {
        _block = buffer.Slice(MessageHeader.Length, AccountCollateralDecoder.BlockLength);
    }

    /// <summary>Bytes the message occupies: header and block.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>
    /// Starts a message at the start of <paramref name="buffer"/>. Throws <see cref="ArgumentException"/> when the
    /// buffer is shorter than <see cref="Length"/>; writes nothing past the message.
    /// </summary>
    public static AccountCollateralEncoder Wrap(Span<byte> buffer)
    {
        if (buffer.Length < MessageHeader.Length + AccountCollateralDecoder.BlockLength)
        {
            ThrowHelper.ThrowBufferTooSmall(nameof(buffer), MessageHeader.Length + AccountCollateralDecoder.BlockLength, buffer.Length);
        }

        MessageHeader.Write(buffer, AccountCollateralDecoder.BlockLength, AccountCollateralDecoder.TemplateId);
        var block = buffer.Slice(MessageHeader.Length, AccountCollateralDecoder.BlockLength);
        block.Clear();
        return new AccountCollateralEncoder(buffer);
    }

    /// <summary>Writes <c>requestId</c>: Caller's id of the request, echoed in the decision.</summary>
    public AccountCollateralEncoder RequestId(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(AccountCollateralDecoder.RequestIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>accountId</c>: Account.</summary>
    public AccountCollateralEncoder AccountId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(AccountCollateralDecoder.AccountIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>action</c>: Deposit, withdraw or set.</summary>
    public AccountCollateralEncoder Action(CollateralAction value)
    {
        _block[AccountCollateralDecoder.ActionOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>amount</c>: Amount (≥ 0).</summary>
    public AccountCollateralEncoder Amount(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(AccountCollateralDecoder.AmountOffset), value);
        return this;
    }

    /// <summary>Writes <c>sendingTime</c>: Time the request was sent; never moves engine time.</summary>
    public AccountCollateralEncoder SendingTime(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(AccountCollateralDecoder.SendingTimeOffset), value);
        return this;
    }
}
