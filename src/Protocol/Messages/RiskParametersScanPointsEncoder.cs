namespace RiskGate.Protocol.Messages;

/// <summary>
/// Writes the entries of the <c>scanPoints</c> group of <c>RiskParameters</c> in place; obtained from
/// <see cref="RiskParametersEncoder.BeginScanPoints"/>. Same thread and lifetime rules as the message encoder.
/// </summary>
public readonly ref struct RiskParametersScanPointsEncoder
{
    private readonly Span<byte> _entries;

    internal RiskParametersScanPointsEncoder(Span<byte> entries)
    {
        _entries = entries;
    }

    /// <summary>Number of entries the group was begun with.</summary>
    public int Count => _entries.Length / RiskParametersDecoder.ScanPointsEntryLength;

    /// <summary>Writes <c>priceMultiple</c> of entry <paramref name="index"/>: Price move as a multiple of the price scan range (e.g. −1, −2/3 … +1, ±2 extremes).</summary>
    public RiskParametersScanPointsEncoder PriceMultiple(int index, double value)
    {
        WireNull.WriteDouble(Entry(index).Slice(RiskParametersScanPointsDecoder.PriceMultipleOffset), value);
        return this;
    }

    /// <summary>Writes <c>volMultiple</c> of entry <paramref name="index"/>: Vol move as a multiple of the vol scan range (−1, 0, +1).</summary>
    public RiskParametersScanPointsEncoder VolMultiple(int index, double value)
    {
        WireNull.WriteDouble(Entry(index).Slice(RiskParametersScanPointsDecoder.VolMultipleOffset), value);
        return this;
    }

    /// <summary>Writes <c>weight</c> of entry <paramref name="index"/>: Fraction of the loss counted (1, or 0.35 for the extremes).</summary>
    public RiskParametersScanPointsEncoder Weight(int index, double value)
    {
        WireNull.WriteDouble(Entry(index).Slice(RiskParametersScanPointsDecoder.WeightOffset), value);
        return this;
    }

    private Span<byte> Entry(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            ThrowHelper.ThrowIndexOutOfRange(nameof(index), index, Count);
        }

        return _entries.Slice(index * RiskParametersDecoder.ScanPointsEntryLength, RiskParametersDecoder.ScanPointsEntryLength);
    }
}
