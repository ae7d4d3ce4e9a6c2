using System.Buffers.Binary;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight decoder of <c>RiskParameters</c> (template 2, inbound): Margin set-up and default limits of one product group.
/// Reads fields in place from the span it wraps; nothing is copied or allocated. A decoder is a stack value used by
/// the thread that holds the span; it is valid only while the span's memory is. Field reads never throw once
/// <see cref="TryWrap"/> returned <see cref="FrameStatus.Ok"/>.
/// <code>
/// block offset (message offset = block offset + 8), 136 bytes:
///    0 | productGroupId 4 | methodology 1 | priceScanRangeKind 1 | volScanRangeKind 1 | reserved 1 |
///    8 | priceScanRange 8 |
///   16 | volScanRange 8 |
///   24 | lookAhead 8 |
///   32 | initialToMaintenanceRatio 8 |
///   40 | spreadChargeRate 8 |
///   48 | shortOptionMinimum 8 |
///   56 | riskFreeRate 8 |
///   64 | confidenceLevel 8 |
///   72 | liquidationRatio 8 |
///   80 | priceCollar 8 |
///   88 | defaultMaxOrderQuantity 8 |
///   96 | defaultMaxNotional 8 |
///  104 | defaultPositionLimit 8 |
///  112 | defaultMaxWorkingOrders 4 | defaultThrottleMessages 4 |
///  120 | defaultThrottleWindow 8 |
///  128 | sendingTime 8 |
/// </code>
/// </summary>
public readonly ref struct RiskParametersDecoder
{
    /// <summary>Template id of the message.</summary>
    public const ushort TemplateId = 2;

    /// <summary>Block length of the message in this schema version; a longer block (newer version) is accepted.</summary>
    public const int BlockLength = 136;

    /// <summary>Maximum number of <c>scanPoints</c> entries a valid message carries.</summary>
    public const int MaxScanPointsCount = 128;

    /// <summary>Encoded length of one <c>scanPoints</c> entry in this version.</summary>
    public const int ScanPointsEntryLength = 24;

    /// <summary>Largest encoded length of the message in this version (header, block, full group).</summary>
    public const int MaxEncodedLength = MessageHeader.Length + BlockLength + GroupHeader.Length + MaxScanPointsCount * ScanPointsEntryLength;

    /// <summary>Block offset of <c>productGroupId</c>.</summary>
    public const int ProductGroupIdOffset = 0;

    /// <summary>Block offset of <c>methodology</c>.</summary>
    public const int MethodologyOffset = 4;

    /// <summary>Block offset of <c>priceScanRangeKind</c>.</summary>
    public const int PriceScanRangeKindOffset = 5;

    /// <summary>Block offset of <c>volScanRangeKind</c>.</summary>
    public const int VolScanRangeKindOffset = 6;

    /// <summary>Block offset of <c>priceScanRange</c>.</summary>
    public const int PriceScanRangeOffset = 8;

    /// <summary>Block offset of <c>volScanRange</c>.</summary>
    public const int VolScanRangeOffset = 16;

    /// <summary>Block offset of <c>lookAhead</c>.</summary>
    public const int LookAheadOffset = 24;

    /// <summary>Block offset of <c>initialToMaintenanceRatio</c>.</summary>
    public const int InitialToMaintenanceRatioOffset = 32;

    /// <summary>Block offset of <c>spreadChargeRate</c>.</summary>
    public const int SpreadChargeRateOffset = 40;

    /// <summary>Block offset of <c>shortOptionMinimum</c>.</summary>
    public const int ShortOptionMinimumOffset = 48;

    /// <summary>Block offset of <c>riskFreeRate</c>.</summary>
    public const int RiskFreeRateOffset = 56;

    /// <summary>Block offset of <c>confidenceLevel</c>.</summary>
    public const int ConfidenceLevelOffset = 64;

    /// <summary>Block offset of <c>liquidationRatio</c>.</summary>
    public const int LiquidationRatioOffset = 72;

    /// <summary>Block offset of <c>priceCollar</c>.</summary>
    public const int PriceCollarOffset = 80;

    /// <summary>Block offset of <c>defaultMaxOrderQuantity</c>.</summary>
    public const int DefaultMaxOrderQuantityOffset = 88;

    /// <summary>Block offset of <c>defaultMaxNotional</c>.</summary>
    public const int DefaultMaxNotionalOffset = 96;

    /// <summary>Block offset of <c>defaultPositionLimit</c>.</summary>
    public const int DefaultPositionLimitOffset = 104;

    /// <summary>Block offset of <c>defaultMaxWorkingOrders</c>.</summary>
    public const int DefaultMaxWorkingOrdersOffset = 112;

    /// <summary>Block offset of <c>defaultThrottleMessages</c>.</summary>
    public const int DefaultThrottleMessagesOffset = 116;

    /// <summary>Block offset of <c>defaultThrottleWindow</c>.</summary>
    public const int DefaultThrottleWindowOffset = 120;

    /// <summary>Block offset of <c>sendingTime</c>.</summary>
    public const int SendingTimeOffset = 128;

    private readonly ReadOnlySpan<byte> _block;
    private readonly ReadOnlySpan<byte> _group;

    private RiskParametersDecoder(ReadOnlySpan<byte> block, ReadOnlySpan<byte> group)
    {
        _block = block;
        _group = group;
    }

    /// <summary>Block length the sender used (≥ <see cref="BlockLength"/>).</summary>
    public int ActingBlockLength => _block.Length;

    /// <summary>Bytes the message occupies from its header to the end of its last known part.</summary>
    public int EncodedLength => _block.Length + MessageHeader.Length + _group.Length;

    /// <summary>Product group these parameters apply to. Wire: uint32 at block offset 0.</summary>
    public uint ProductGroupId => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(ProductGroupIdOffset));

    /// <summary>Scan (SPAN-style) or Expected Shortfall. Wire: uint8 MarginMethodology at block offset 4.</summary>
    public MarginMethodology Methodology => (MarginMethodology)_block[MethodologyOffset];

    /// <summary>How priceScanRange is expressed. Wire: uint8 ScanRangeKind at block offset 5.</summary>
    public ScanRangeKind PriceScanRangeKind => (ScanRangeKind)_block[PriceScanRangeKindOffset];

    /// <summary>How volScanRange is expressed. Wire: uint8 ScanRangeKind at block offset 6.</summary>
    public ScanRangeKind VolScanRangeKind => (ScanRangeKind)_block[VolScanRangeKindOffset];

    /// <summary>Price scan range: fraction of the future's price (relative) or price units (absolute). Wire: double at block offset 8.</summary>
    public double PriceScanRange => BinaryPrimitives.ReadDoubleLittleEndian(_block.Slice(PriceScanRangeOffset));

    /// <summary>Vol scan range: fraction of the vol (relative) or vol points, 0.01 = 1 point (absolute). Wire: double at block offset 16.</summary>
    public double VolScanRange => BinaryPrimitives.ReadDoubleLittleEndian(_block.Slice(VolScanRangeOffset));

    /// <summary>Time options are aged in the scenarios, ns (default one day). Wire: uint64 ns at block offset 24.</summary>
    public ulong LookAhead => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(LookAheadOffset));

    /// <summary>Initial margin = maintenance × this ratio (≥ 1, default 1.10). Wire: double at block offset 32.</summary>
    public double InitialToMaintenanceRatio => BinaryPrimitives.ReadDoubleLittleEndian(_block.Slice(InitialToMaintenanceRatioOffset));

    /// <summary>Calendar spread charge in money per matched futures-equivalent contract across expiries. Null: NaN (no charge). Wire: double at block offset 40.</summary>
    public double SpreadChargeRate => BinaryPrimitives.ReadDoubleLittleEndian(_block.Slice(SpreadChargeRateOffset));

    /// <summary>Minimum requirement per short option contract. Null: -2^63 (none). Wire: int64 MONEY4 at block offset 48.</summary>
    public long ShortOptionMinimum => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(ShortOptionMinimumOffset));

    /// <summary>Continuously compounded rate for discounting option values. Wire: double at block offset 56.</summary>
    public double RiskFreeRate => BinaryPrimitives.ReadDoubleLittleEndian(_block.Slice(RiskFreeRateOffset));

    /// <summary>Expected Shortfall confidence level, e.g. 0.975. Null: NaN (scan methodology). Wire: double at block offset 64.</summary>
    public double ConfidenceLevel => BinaryPrimitives.ReadDoubleLittleEndian(_block.Slice(ConfidenceLevelOffset));

    /// <summary>Liquidation warning when equity &lt; maintenance × this ratio (0 &lt; r &lt; 1). Null: NaN (no warning). Wire: double at block offset 72.</summary>
    public double LiquidationRatio => BinaryPrimitives.ReadDoubleLittleEndian(_block.Slice(LiquidationRatioOffset));

    /// <summary>Default price collar: fraction of the reference price an order price may deviate. Null: NaN (no collar). Wire: double at block offset 80.</summary>
    public double PriceCollar => BinaryPrimitives.ReadDoubleLittleEndian(_block.Slice(PriceCollarOffset));

    /// <summary>Default maximum order quantity, contracts. Null: -2^63 (no limit). Wire: int64 at block offset 88.</summary>
    public long DefaultMaxOrderQuantity => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(DefaultMaxOrderQuantityOffset));

    /// <summary>Default maximum order notional. Null: -2^63 (no limit). Wire: int64 MONEY4 at block offset 96.</summary>
    public long DefaultMaxNotional => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(DefaultMaxNotionalOffset));

    /// <summary>Default position limit per instrument, contracts (absolute). Null: -2^63 (no limit). Wire: int64 at block offset 104.</summary>
    public long DefaultPositionLimit => BinaryPrimitives.ReadInt64LittleEndian(_block.Slice(DefaultPositionLimitOffset));

    /// <summary>Default maximum working orders per account (account-wide: the smallest over the groups applies). Null: 4294967295 (no limit). Wire: uint32 at block offset 112.</summary>
    public uint DefaultMaxWorkingOrders => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(DefaultMaxWorkingOrdersOffset));

    /// <summary>Default throttle: messages allowed per window (account-wide: the smallest over the groups applies). Null: 4294967295 (the throttle capacity). Wire: uint32 at block offset 116.</summary>
    public uint DefaultThrottleMessages => BinaryPrimitives.ReadUInt32LittleEndian(_block.Slice(DefaultThrottleMessagesOffset));

    /// <summary>Default throttle window, ns: the engine's configured window (the only one supported). Null: 2^64-1 (the engine's window). Wire: uint64 ns at block offset 120.</summary>
    public ulong DefaultThrottleWindow => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(DefaultThrottleWindowOffset));

    /// <summary>Time the parameters were sent. Null: 2^64-1. Wire: uint64 ns at block offset 128.</summary>
    public ulong SendingTime => BinaryPrimitives.ReadUInt64LittleEndian(_block.Slice(SendingTimeOffset));

    /// <summary>The <c>scanPoints</c> group: Scan points (SPAN: 16, including the two extremes).</summary>
    public RiskParametersScanPointsDecoder ScanPoints => new(_group);

    /// <summary>
    /// Checks that <paramref name="message"/> (starting at the message header) is a structurally valid <c>RiskParameters</c>:
    /// header, schema, version, template, block length and group bounds. Returns
    /// <see cref="FrameStatus.Ok"/> and the bytes the message occupies, or the first failure found. Never throws.
    /// </summary>
    public static FrameStatus Validate(ReadOnlySpan<byte> message, out int encodedLength)
        => GroupHeader.CheckMessage(message, TemplateId, BlockLength, ScanPointsEntryLength, MaxScanPointsCount, out encodedLength);

    /// <summary>
    /// Wraps <paramref name="message"/> (starting at the message header) after <see cref="Validate"/>. On any status
    /// other than <see cref="FrameStatus.Ok"/> the decoder is default and must not be read. Never throws.
    /// </summary>
    public static FrameStatus TryWrap(ReadOnlySpan<byte> message, out RiskParametersDecoder decoder)
    {
        var status = Validate(message, out var encodedLength);
        if (status != FrameStatus.Ok)
        {
            decoder = default;
            return status;
        }

        GroupHeader.Split(message, encodedLength, out var block, out var group);
        decoder = new RiskParametersDecoder(block, group);
        return FrameStatus.Ok;
    }
}
