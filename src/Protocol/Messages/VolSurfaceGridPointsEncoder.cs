namespace RiskGate.Protocol.Messages;

/// <summary>
/// Writes the entries of the <c>gridPoints</c> group of <c>VolSurface</c> in place; obtained from
/// <see cref="VolSurfaceEncoder.BeginGridPoints"/>. Same thread and lifetime rules as the message encoder.
/// </summary>
public readonly ref struct VolSurfaceGridPointsEncoder
{
    private readonly Span<byte> _entries;

    internal VolSurfaceGridPointsEncoder(Span<byte> entries)
    {
        _entries = entries;
    }

    /// <summary>Number of entries the group was begun with.</summary>
    public int Count => _entries.Length / VolSurfaceDecoder.GridPointsEntryLength;

    /// <summary>Writes <c>logMoneyness</c> of entry <paramref name="index"/>: k = ln(K / F).</summary>
    public VolSurfaceGridPointsEncoder LogMoneyness(int index, double value)
    {
        WireNull.WriteDouble(Entry(index).Slice(VolSurfaceGridPointsDecoder.LogMoneynessOffset), value);
        return this;
    }

    /// <summary>Writes <c>volatility</c> of entry <paramref name="index"/>: Implied Black-76 volatility at k (annualised, &gt; 0).</summary>
    public VolSurfaceGridPointsEncoder Volatility(int index, double value)
    {
        WireNull.WriteDouble(Entry(index).Slice(VolSurfaceGridPointsDecoder.VolatilityOffset), value);
        return this;
    }

    private Span<byte> Entry(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            ThrowHelper.ThrowIndexOutOfRange(nameof(index), index, Count);
        }

        return _entries.Slice(index * VolSurfaceDecoder.GridPointsEntryLength, VolSurfaceDecoder.GridPointsEntryLength);
    }
}
