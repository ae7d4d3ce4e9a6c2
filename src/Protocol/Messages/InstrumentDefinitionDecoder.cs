using System.Buffers.Binary;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight decoder of <c>InstrumentDefinition</c> (template 1, inbound): Defines or updates a future or an option on a future.
/// Reads fields in place from the span it wraps; nothing is copied or allocated. A decoder is a stack value used by
/// the thread that holds the span; it is valid only while the span's memory is. Field reads never throw once
/// <see cref="TryWrap"/> returned <see cref="FrameStatus.Ok"/>.
/// <code>
/// block offset (message offset = block offset + 8), 72 bytes:
///    0 | instrumentId 4 | productGroupId 4 |
///    8 | underlyingInstrumentId 4 | kind 1 | putCall 1 | tradingState 1 | reserved 1 |
///   16 | expiry 8 |
///   24 | strike 8 |
///   32 | tickSize 8 |
///   40 | contractMultiplier 8 |
///   48 | symbol 16 |
///   64 | sendingTime 8 |
/// </code>
/// </summary>
public readonly ref struct InstrumentDefinitionDecoder
{
    /// <summary>Template id of the message.</summary>
    public const ushort TemplateId = 1;

    /// <summary>Block length of the message in this schema version; a longer block (newer version) is accepted.</summary>
    public const int BlockLength = 72;

    /// <summary>Block offset of <c>instrumentId</c>.</summary>
    public const int InstrumentIdOffset = 0;

    /// <summary>Block offset of <c>productGroupId</c>.</summary>
    public const int ProductGroupIdOffset = 4;

    /// <summary>Block offset of <c>underlyingInstrumentId</c>.</summary>
    public const int UnderlyingInstrumentIdOffset = 8;

    /// <summary>Block offset of <c>kind</c>.</summary>
    public const int KindOffset = 12;

    /// <summary>Block offset of <c>putCall</c>.</summary>
    public const int PutCallOffset = 13;

    /// <summary>Block offset of <c>tradingState</c>.</summary>
    public const int TradingStateOffset = 14;

    /// <summary>Block offset of <c>expiry</c>.</summary>
    public const int ExpiryOffset = 16;

    /// <summary>Block offset of <c>strike</c>.</summary>
    public const int StrikeOffset = 24;

    /// <summary>Block offset of <c>tickSize</c>.</summary>
    public const int TickSizeOffset = 32;

    /// <summary>Block offset of <c>contractMultiplier</c>.</summary>
    public const int ContractMultiplierOffset = 40;

    /// <summary>Block offset of <c>symbol</c>.</summary>
    public const int SymbolOffset = 48;

    /// <summary>Length in bytes of <c>symbol</c>.</summary>
    public const int SymbolLength = 16;

    /// <summary>Block offset of <c>sendingTime</c>.</summary>
    public const int SendingTimeOffset = 64;

    private readonly ReadOnlySpan<byte> _block;

    private InstrumentDefinitionDecoder(ReadOnlySpan<byte> block)
    {
        _block = block;
    }

    /// <summary>Block length the sender used (≥ <see cref="BlockLength"/>).</summary>
    public int ActingBlockLength => _block.Length;

    /// <summary>Bytes the message occupies from its header to the end of its last known part.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>Instrument id, unique across the gate. Wire: uint32 at block offset 0.</summary>
    public uint InstrumentId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(InstrumentIdOffset));

    /// <summary>Product group (one underlying) the instrument belongs to. Wire: uint32 at block offset 4.</summary>
    public uint ProductGroupId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(ProductGroupIdOffset));

    /// <summary>The option's underlying future. Null: 4294967295 (futures). Wire: uint32 at block offset 8.</summary>
    public uint UnderlyingInstrumentId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(UnderlyingInstrumentIdOffset));

    /// <summary>Future or option. Wire: uint8 InstrumentKind at block offset 12.</summary>
    public InstrumentKind Kind => (InstrumentKind)_block[KindOffset];

    /// <summary>Call or put. Null: 0 None (futures). Wire: uint8 PutCall at block offset 13.</summary>
    public PutCall PutCall => (PutCall)_block[PutCallOffset];

    /// <summary>Instrument state: active, reduce-only (close-only) or halted. Wire: uint8 TradingState at block offset 14.</summary>
    public TradingState TradingState => (TradingState)_block[TradingStateOffset];

    /// <summary>Expiry (last trading time), ns since the Unix epoch. Wire: uint64 ns at block offset 16.</summary>
    public ulong Expiry => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(ExpiryOffset));

    /// <summary>Option strike. Null: -2^63 (futures). Wire: int64 PRICE9 at block offset 24.</summary>
    public long Strike => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(StrikeOffset));

    /// <summary>Minimum price increment (&gt; 0). Wire: int64 PRICE9 at block offset 32.</summary>
    public long TickSize => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(TickSizeOffset));

    /// <summary>Currency units per price unit per contract (&gt; 0). Wire: double at block offset 40.</summary>
    public double ContractMultiplier => BinaryPrimitives.ReadDoubleLittleEndian(_block.Slice(ContractMultiplierOffset));

    /// <summary>Display symbol, ASCII, NUL-padded on the right. Null: all NUL. Wire: char[16] ASCII at block offset 48.</summary>
    public ReadOnlySpan<byte> Symbol => AsciiField.TrimPadding(_block.Slice(SymbolOffset, SymbolLength));

    /// <summary>Time the definition was sent. Null: 2^64-1. Wire: uint64 ns at block offset 64.</summary>
    public ulong SendingTime => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(SendingTimeOffset));

    /// <summary>
    /// Checks that <paramref name="message"/> (starting at the message header) is a structurally valid <c>InstrumentDefinition</c>:
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
    public static FrameStatus TryWrap(ReadOnlySpan<byte> message, out InstrumentDefinitionDecoder decoder)
    {
        var status = Validate(message, out var encodedLength);
        if (status != FrameStatus.Ok)
        {
            decoder = default;
            return status;
        }

        decoder = new InstrumentDefinitionDecoder(message.Slice(MessageHeader.Length, encodedLength - MessageHeader.Length));
        return FrameStatus.Ok;
    }
}
