using System.Buffers.Binary;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight decoder of <c>AccountCollateral</c> (template 5, inbound): Deposit, withdrawal or start-of-day balance of an account's cash collateral.
/// Reads fields in place from the span it wraps; nothing is copied or allocated. A decoder is a stack value used by
/// the thread that holds the span; it is valid only while the span's memory is. Field reads never throw once
/// <see cref="TryWrap"/> returned <see cref="FrameStatus.Ok"/>.
/// <code>
/// block offset (message offset = block offset + 8), 32 bytes:
///    0 | requestId 8 |
///    8 | accountId 4 | action 1 | reserved 3 |
///   16 | amount 8 |
///   24 | sendingTime 8 |
/// </code>
/// </summary>
public readonly ref struct AccountCollateralDecoder
{
    /// <summary>Template id of the message.</summary>
    public const ushort TemplateId = 5;

    /// <summary>Block length of the message in this schema version; a longer block (newer version) is accepted.</summary>
    public const int BlockLength = 32;

    /// <summary>Block offset of <c>requestId</c>.</summary>
    public const int RequestIdOffset = 0;

    /// <summary>Block offset of <c>accountId</c>.</summary>
    public const int AccountIdOffset = 8;

    /// <summary>Block offset of <c>action</c>.</summary>
    public const int ActionOffset = 12;

    /// <summary>Block offset of <c>amount</c>.</summary>
    public const int AmountOffset = 16;

    /// <summary>Block offset of <c>sendingTime</c>.</summary>
    public const int SendingTimeOffset = 24;

    private readonly ReadOnlySpan<byte> _block;

    private AccountCollateralDecoder(ReadOnlySpan<byte> block)
    {
        _block = block;
    }

    /// <summary>Block length the sender used (≥ <see cref="BlockLength"/>).</summary>
    public int ActingBlockLength => _block.Length;

    /// <summary>Bytes the message occupies from its header to the end of its last known part.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>Caller's id of the request, echoed in the decision. Wire: uint64 at block offset 0.</summary>
    public ulong RequestId => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(RequestIdOffset));

    /// <summary>Account. Wire: uint32 at block offset 8.</summary>
    public uint AccountId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(AccountIdOffset));

    /// <summary>Deposit, withdraw or set. Wire: uint8 CollateralAction at block offset 12.</summary>
    public CollateralAction Action => (CollateralAction)_block[ActionOffset];

    /// <summary>Amount (≥ 0). Wire: int64 MONEY4 at block offset 16.</summary>
    public long Amount => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(AmountOffset));

    /// <summary>Time the request was sent; never moves engine time. Wire: uint64 ns at block offset 24.</summary>
    public ulong SendingTime => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(SendingTimeOffset));

    /// <summary>
    /// Checks that <paramref name="message"/> (starting at the message header) is a structurally valid <c>AccountCollateral</c>:
    /// header, schema, version, template, block length. Returns
    /// <see cref="FrameStatus.Ok"/> and the bytes the message occupies, or the first failure found. Never throws.
    /// </summary>
    public static FrameStatus Validate(ReadOnlySpan<byte> message, out int encodedLength)
    {
        var status = MessageHeader.Check(message, TemplateId, BlockLength, out var blockLength);
        encodedLength = status == FrameStatus.Ok ? MessageHeader.Length + blockLength : 0;
        return status;
    }

    /// <summary>
    /// Wraps <paramref name="message"/> (starting at the message header) after <see cref="Validate"/>. On any status
    /// other than <see cref="FrameStatus.Ok"/> the decoder is default and must not be read. Never throws.
    /// </summary>
    public static FrameStatus TryWrap(ReadOnlySpan<byte> message, out AccountCollateralDecoder decoder)
    {
        var status = Validate(message, out var encodedLength);
        if (status != FrameStatus.Ok)
        {
            decoder = default;
            return status;
        }

        decoder = new AccountCollateralDecoder(message.Slice(MessageHeader.Length, encodedLength - MessageHeader.Length));
        return FrameStatus.Ok;
    }
}
