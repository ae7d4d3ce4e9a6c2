using System.Buffers.Binary;
using RiskGate.Protocol.Enums;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight encoder of <c>RiskParameters</c> (template 2, inbound) writing in place into a span: Margin set-up and default limits of one product group.
/// <see cref="Wrap"/> writes the message header, zeroes the block and sets every optional field to its null value, so
/// a field never set is zero (required) or null (optional). Setters return the encoder for chaining. Used by the
/// thread that owns the span; allocates nothing. Layout and field meaning: <see cref="RiskParametersDecoder"/> and docs/protocol.md.
/// </summary>
public readonly ref struct RiskParametersEncoder
{
    private readonly Span<byte> _block;
    private readonly Span<byte> _group;

    private RiskParametersEncoder(Span<byte> buffer)
    {
        _block = buffer.Slice(MessageHeader.Length, RiskParametersDecoder.BlockLength);
        _group = buffer.Slice(MessageHeader.Length + RiskParametersDecoder.BlockLength);
    }

    /// <summary>Bytes written so far: header, block and the group as begun.</summary>
    public int EncodedLength => MessageHeader.Length + RiskParametersDecoder.BlockLength + GroupHeader.Length + (GroupHeader.ReadCount(_group) * RiskParametersDecoder.ScanPointsEntryLength);

    /// <summary>
    /// Starts a message at the start of <paramref name="buffer"/>. Throws <see cref="ArgumentException"/> when the
    /// buffer is shorter than the header, block and an empty group; writes nothing past the message.
    /// </summary>
    public static RiskParametersEncoder Wrap(Span<byte> buffer)
    {
        if (buffer.Length < MessageHeader.Length + RiskParametersDecoder.BlockLength + GroupHeader.Length)
        {
            ThrowHelper.ThrowBufferTooSmall(nameof(buffer), MessageHeader.Length + RiskParametersDecoder.BlockLength + GroupHeader.Length, buffer.Length);
        }

        MessageHeader.Write(buffer, RiskParametersDecoder.BlockLength, RiskParametersDecoder.TemplateId);
        var block = buffer.Slice(MessageHeader.Length, RiskParametersDecoder.BlockLength);
        block.Clear();
        WireNull.WriteDouble(block.Slice(RiskParametersDecoder.SpreadChargeRateOffset), double.NaN);
        BinaryPrimitives.WriteInt64LittleEndian(block.Slice(RiskParametersDecoder.ShortOptionMinimumOffset), WireNull.Money);
        WireNull.WriteDouble(block.Slice(RiskParametersDecoder.ConfidenceLevelOffset), double.NaN);
        WireNull.WriteDouble(block.Slice(RiskParametersDecoder.LiquidationRatioOffset), double.NaN);
        WireNull.WriteDouble(block.Slice(RiskParametersDecoder.PriceCollarOffset), double.NaN);
        BinaryPrimitives.WriteInt64LittleEndian(block.Slice(RiskParametersDecoder.DefaultMaxOrderQuantityOffset), WireNull.Quantity);
        BinaryPrimitives.WriteInt64LittleEndian(block.Slice(RiskParametersDecoder.DefaultMaxNotionalOffset), WireNull.Money);
        BinaryPrimitives.WriteInt64LittleEndian(block.Slice(RiskParametersDecoder.DefaultPositionLimitOffset), WireNull.Quantity);
        BinaryPrimitives.WriteUInt32LittleEndian(block.Slice(RiskParametersDecoder.DefaultMaxWorkingOrdersOffset), WireNull.Id);
        BinaryPrimitives.WriteUInt32LittleEndian(block.Slice(RiskParametersDecoder.DefaultThrottleMessagesOffset), WireNull.Id);
        BinaryPrimitives.WriteUInt64LittleEndian(block.Slice(RiskParametersDecoder.DefaultThrottleWindowOffset), WireNull.Duration);
        BinaryPrimitives.WriteUInt64LittleEndian(block.Slice(RiskParametersDecoder.SendingTimeOffset), WireNull.Timestamp);
        GroupHeader.Write(buffer.Slice(MessageHeader.Length + RiskParametersDecoder.BlockLength), RiskParametersDecoder.ScanPointsEntryLength, 0);
        return new RiskParametersEncoder(buffer);
    }

    /// <summary>Writes <c>productGroupId</c>: Product group these parameters apply to.</summary>
    public RiskParametersEncoder ProductGroupId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(RiskParametersDecoder.ProductGroupIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>methodology</c>: Scan (SPAN-style) or Expected Shortfall.</summary>
    public RiskParametersEncoder Methodology(MarginMethodology value)
    {
        _block[RiskParametersDecoder.MethodologyOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>priceScanRangeKind</c>: How priceScanRange is expressed.</summary>
    public RiskParametersEncoder PriceScanRangeKind(ScanRangeKind value)
    {
        _block[RiskParametersDecoder.PriceScanRangeKindOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>volScanRangeKind</c>: How volScanRange is expressed.</summary>
    public RiskParametersEncoder VolScanRangeKind(ScanRangeKind value)
    {
        _block[RiskParametersDecoder.VolScanRangeKindOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>priceScanRange</c>: Price scan range: fraction of the future's price (relative) or price units (absolute). NaN of any bit pattern is written as the canonical null NaN.</summary>
    public RiskParametersEncoder PriceScanRange(double value)
    {
        WireNull.WriteDouble(_block.Slice(RiskParametersDecoder.PriceScanRangeOffset), value);
        return this;
    }

    /// <summary>Writes <c>volScanRange</c>: Vol scan range: fraction of the vol (relative) or vol points, 0.01 = 1 point (absolute). NaN of any bit pattern is written as the canonical null NaN.</summary>
    public RiskParametersEncoder VolScanRange(double value)
    {
        WireNull.WriteDouble(_block.Slice(RiskParametersDecoder.VolScanRangeOffset), value);
        return this;
    }

    /// <summary>Writes <c>lookAhead</c>: Time options are aged in the scenarios, ns (default one day).</summary>
    public RiskParametersEncoder LookAhead(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(RiskParametersDecoder.LookAheadOffset), value);
        return this;
    }

    /// <summary>Writes <c>initialToMaintenanceRatio</c>: Initial margin = maintenance × this ratio (≥ 1, default 1.10). NaN of any bit pattern is written as the canonical null NaN.</summary>
    public RiskParametersEncoder InitialToMaintenanceRatio(double value)
    {
        WireNull.WriteDouble(_block.Slice(RiskParametersDecoder.InitialToMaintenanceRatioOffset), value);
        return this;
    }

    /// <summary>Writes <c>spreadChargeRate</c>: Calendar spread charge in money per matched futures-equivalent contract across expiries. Null: NaN (no charge). NaN of any bit pattern is written as the canonical null NaN.</summary>
    public RiskParametersEncoder SpreadChargeRate(double value)
    {
        WireNull.WriteDouble(_block.Slice(RiskParametersDecoder.SpreadChargeRateOffset), value);
        return this;
    }

    /// <summary>Writes <c>shortOptionMinimum</c>: Minimum requirement per short option contract. Null: -2^63 (none).</summary>
    public RiskParametersEncoder ShortOptionMinimum(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(RiskParametersDecoder.ShortOptionMinimumOffset), value);
        return this;
    }

    /// <summary>Writes <c>riskFreeRate</c>: Continuously compounded rate for discounting option values. NaN of any bit pattern is written as the canonical null NaN.</summary>
    public RiskParametersEncoder RiskFreeRate(double value)
    {
        WireNull.WriteDouble(_block.Slice(RiskParametersDecoder.RiskFreeRateOffset), value);
        return this;
    }

    /// <summary>Writes <c>confidenceLevel</c>: Expected Shortfall confidence level, e.g. 0.975. Null: NaN (scan methodology). NaN of any bit pattern is written as the canonical null NaN.</summary>
    public RiskParametersEncoder ConfidenceLevel(double value)
    {
        WireNull.WriteDouble(_block.Slice(RiskParametersDecoder.ConfidenceLevelOffset), value);
        return this;
    }

    /// <summary>Writes <c>liquidationRatio</c>: Liquidation warning when equity &lt; maintenance × this ratio (0 &lt; r &lt; 1). Null: NaN (no warning). NaN of any bit pattern is written as the canonical null NaN.</summary>
    public RiskParametersEncoder LiquidationRatio(double value)
    {
        WireNull.WriteDouble(_block.Slice(RiskParametersDecoder.LiquidationRatioOffset), value);
        return this;
    }

    /// <summary>Writes <c>priceCollar</c>: Default price collar: fraction of the reference price an order price may deviate. Null: NaN (no collar). NaN of any bit pattern is written as the canonical null NaN.</summary>
    public RiskParametersEncoder PriceCollar(double value)
    {
        WireNull.WriteDouble(_block.Slice(RiskParametersDecoder.PriceCollarOffset), value);
        return this;
    }

    /// <summary>Writes <c>defaultMaxOrderQuantity</c>: Default maximum order quantity, contracts. Null: -2^63 (no limit).</summary>
    public RiskParametersEncoder DefaultMaxOrderQuantity(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(RiskParametersDecoder.DefaultMaxOrderQuantityOffset), value);
        return this;
    }

    /// <summary>Writes <c>defaultMaxNotional</c>: Default maximum order notional. Null: -2^63 (no limit).</summary>
    public RiskParametersEncoder DefaultMaxNotional(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(RiskParametersDecoder.DefaultMaxNotionalOffset), value);
        return this;
    }

    /// <summary>Writes <c>defaultPositionLimit</c>: Default position limit per instrument, contracts (absolute). Null: -2^63 (no limit).</summary>
    public RiskParametersEncoder DefaultPositionLimit(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(RiskParametersDecoder.DefaultPositionLimitOffset), value);
        return this;
    }

    /// <summary>Writes <c>defaultMaxWorkingOrders</c>: Default maximum working orders per account (account-wide: the smallest over the groups applies). Null: 4294967295 (no limit).</summary>
    public RiskParametersEncoder DefaultMaxWorkingOrders(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(RiskParametersDecoder.DefaultMaxWorkingOrdersOffset), value);
        return this;
    }

    /// <summary>Writes <c>defaultThrottleMessages</c>: Default throttle: messages allowed per window (account-wide: the smallest over the groups applies). Null: 4294967295 (the throttle capacity).</summary>
    public RiskParametersEncoder DefaultThrottleMessages(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(RiskParametersDecoder.DefaultThrottleMessagesOffset), value);
        return this;
    }

    /// <summary>Writes <c>defaultThrottleWindow</c>: Default throttle window, ns: the engine's configured window (the only one supported). Null: 2^64-1 (the engine's window).</summary>
    public RiskParametersEncoder DefaultThrottleWindow(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(RiskParametersDecoder.DefaultThrottleWindowOffset), value);
        return this;
    }

    /// <summary>Writes <c>sendingTime</c>: Time the parameters were sent. Null: 2^64-1.</summary>
    public RiskParametersEncoder SendingTime(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(RiskParametersDecoder.SendingTimeOffset), value);
        return this;
    }

    /// <summary>
    /// Starts the <c>scanPoints</c> group with <paramref name="count"/> zeroed entries (at most
    /// <see cref="RiskParametersDecoder.MaxScanPointsCount"/>) and returns the entry encoder; <see cref="EncodedLength"/> grows
    /// accordingly. Throws <see cref="ArgumentOutOfRangeException"/> when the count is out of range or the buffer too short.
    /// </summary>
    public RiskParametersScanPointsEncoder BeginScanPoints(int count)
    {
        if ((uint)count > RiskParametersDecoder.MaxScanPointsCount)
        {
            ThrowHelper.ThrowCountOutOfRange(nameof(count), count, RiskParametersDecoder.MaxScanPointsCount);
        }

        var length = GroupHeader.Length + (count * RiskParametersDecoder.ScanPointsEntryLength);
        if (_group.Length < length)
        {
            ThrowHelper.ThrowBufferTooSmall(nameof(count), MessageHeader.Length + RiskParametersDecoder.BlockLength + length, MessageHeader.Length + RiskParametersDecoder.BlockLength + _group.Length);
        }

        GroupHeader.Write(_group, RiskParametersDecoder.ScanPointsEntryLength, (ushort)count);
        var entries = _group.Slice(GroupHeader.Length, length - GroupHeader.Length);
        entries.Clear();
        return new RiskParametersScanPointsEncoder(entries);
    }
}
