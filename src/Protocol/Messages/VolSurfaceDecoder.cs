using System.Buffers.Binary;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight decoder of <c>VolSurface</c> (template 3, inbound): Volatility smile of one product group and expiry.
/// Reads fields in place from the span it wraps; nothing is copied or allocated. A decoder is a stack value used by
/// the thread that holds the span; it is valid only while the span's memory is. Field reads never throw once
/// <see cref="TryWrap"/> returned <see cref="FrameStatus.Ok"/>.
/// <code>
/// block offset (message offset = block offset + 8), 64 bytes:
///    0 | productGroupId 4 | form 1 | reserved 3 |
///    8 | expiry 8 |
///   16 | sendingTime 8 |
///   24 | sviA 8 |
///   32 | sviB 8 |
///   40 | sviRho 8 |
///   48 | sviM 8 |
///   56 | sviSigma 8 |
/// </code>
/// </summary>
public readonly ref struct VolSurfaceDecoder
{
    /// <summary>Template id of the message.</summary>
    public const ushort TemplateId = 3;

    /// <summary>Block length of the message in this schema version; a longer block (newer version) is accepted.</summary>
    public const int BlockLength = 64;

    /// <summary>Maximum number of <c>gridPoints</c> entries a valid message carries.</summary>
    public const int MaxGridPointsCount = 64;

    /// <summary>Encoded length of one <c>gridPoints</c> entry in this version.</summary>
    public const int GridPointsEntryLength = 16;

    /// <summary>Largest encoded length of the message in this version (header, block, full group).</summary>
    public const int MaxEncodedLength = MessageHeader.Length + BlockLength + GroupHeader.Length + MaxGridPointsCount * GridPointsEntryLength;

    /// <summary>Block offset of <c>productGroupId</c>.</summary>
    public const int ProductGroupIdOffset = 0;

    /// <summary>Block offset of <c>form</c>.</summary>
    public const int FormOffset = 4;

    /// <summary>Block offset of <c>expiry</c>.</summary>
    public const int ExpiryOffset = 8;

    /// <summary>Block offset of <c>sendingTime</c>.</summary>
    public const int SendingTimeOffset = 16;

    /// <summary>Block offset of <c>sviA</c>.</summary>
    public const int SviAOffset = 24;

    /// <summary>Block offset of <c>sviB</c>.</summary>
    public const int SviBOffset = 32;

    /// <summary>Block offset of <c>sviRho</c>.</summary>
    public const int SviRhoOffset = 40;

    /// <summary>Block offset of <c>sviM</c>.</summary>
    public const int SviMOffset = 48;

    /// <summary>Block offset of <c>sviSigma</c>.</summary>
    public const int SviSigmaOffset = 56;

    private readonly ReadOnlySpan<byte> _block;
    private readonly ReadOnlySpan<byte> _group;

    private VolSurfaceDecoder(ReadOnlySpan<byte> block, ReadOnlySpan<byte> group)
    {
        _block = block;
        _group = group;
    }

    /// <summary>Block length the sender used (≥ <see cref="BlockLength"/>).</summary>
    public int ActingBlockLength => _block.Length;

    /// <summary>Bytes the message occupies from its header to the end of its last known part.</summary>
    public int EncodedLength => _block.Length + MessageHeader.Length + _group.Length;

    /// <summary>Product group. Wire: uint32 at block offset 0.</summary>
    public uint ProductGroupId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(ProductGroupIdOffset));

    /// <summary>SVI parameters or a strike grid. Wire: uint8 SurfaceForm at block offset 4.</summary>
    public SurfaceForm Form => (SurfaceForm)_block[FormOffset];

    /// <summary>Option expiry this smile applies to, ns since the Unix epoch: exactly the expiry of the options it prices. Wire: uint64 ns at block offset 8.</summary>
    public ulong Expiry => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(ExpiryOffset));

    /// <summary>Time the surface was sent. Null: 2^64-1. Wire: uint64 ns at block offset 16.</summary>
    public ulong SendingTime => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(SendingTimeOffset));

    /// <summary>Raw SVI level a (total variance). Null: NaN (grid form). Wire: double at block offset 24.</summary>
    public double SviA => BinaryPrimitives.ReadDoubleLittleEndian(_block.Slice(SviAOffset));

    /// <summary>Raw SVI wing slope b (≥ 0). Null: NaN (grid form). Wire: double at block offset 32.</summary>
    public double SviB => BinaryPrimitives.ReadDoubleLittleEndian(_block.Slice(SviBOffset));

    /// <summary>Raw SVI skew ρ in (−1, 1). Null: NaN (grid form). Wire: double at block offset 40.</summary>
    public double SviRho => BinaryPrimitives.ReadDoubleLittleEndian(_block.Slice(SviRhoOffset));

    /// <summary>Raw SVI shift m (log-moneyness). Null: NaN (grid form). Wire: double at block offset 48.</summary>
    public double SviM => BinaryPrimitives.ReadDoubleLittleEndian(_block.Slice(SviMOffset));

    /// <summary>Raw SVI curvature σ (&gt; 0). Null: NaN (grid form). Wire: double at block offset 56.</summary>
    public double SviSigma => BinaryPrimitives.ReadDoubleLittleEndian(_block.Slice(SviSigmaOffset));

    /// <summary>The <c>gridPoints</c> group: Strike grid points, increasing log-moneyness (empty for the SVI form).</summary>
    public VolSurfaceGridPointsDecoder GridPoints => new(_group);

    /// <summary>
    /// Checks that <paramref name="message"/> (starting at the message header) is a structurally valid <c>VolSurface</c>:
    /// header, schema, version, template, block length and group bounds. Returns
    /// <see cref="FrameStatus.Ok"/> and the bytes the message occupies, or the first failure found. Never throws.
    /// </summary>
    public static FrameStatus Validate(ReadOnlySpan<byte> message, out int encodedLength)
        => GroupHeader.CheckMessage(message, TemplateId, BlockLength, GridPointsEntryLength, MaxGridPointsCount, out encodedLength);

    /// <summary>
    /// Wraps <paramref name="message"/> (starting at the message header) after <see cref="Validate"/>. On any status
    /// other than <see cref="FrameStatus.Ok"/> the decoder is default and must not be read. Never throws.
    /// </summary>
    public static FrameStatus TryWrap(ReadOnlySpan<byte> message, out VolSurfaceDecoder decoder)
    {
        var status = Validate(message, out var encodedLength);
        if (status != FrameStatus.Ok)
        {
            decoder = default;
            return status;
        }

        GroupHeader.Split(message, encodedLength, out var block, out var group);
        decoder = new VolSurfaceDecoder(block, group);
        return FrameStatus.Ok;
    }
}
