using System.Buffers.Binary;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight over the <c>scanPoints</c> repeating group of <c>RiskParameters</c>: Scan points (SPAN: 16, including the two extremes). Group header
/// <c>blockLength u16, numInGroup u16</c>, then the entries; the sender's entry length is honoured (longer entries
/// from newer versions are read by their known prefix). Obtained from a validated <see cref="RiskParametersDecoder"/>; same thread and
/// lifetime rules.
/// <code>
/// entry offset, 24 bytes:
///    0 | priceMultiple 8 |
///    8 | volMultiple 8 |
///   16 | weight 8 |
/// </code>
/// </summary>
public readonly ref struct RiskParametersScanPointsDecoder
{
    /// <summary>Entry offset of <c>priceMultiple</c>.</summary>
    public const int PriceMultipleOffset = 0;

    /// <summary>Entry offset of <c>volMultiple</c>.</summary>
    public const int VolMultipleOffset = 8;

    /// <summary>Entry offset of <c>weight</c>.</summary>
    public const int WeightOffset = 16;

    private readonly ReadOnlySpan<byte> _entries;
    private readonly int _entryLength;

    internal RiskParametersScanPointsDecoder(ReadOnlySpan<byte> group)
    {
        _entryLength = group.IsEmpty ? 0 : GroupHeader.ReadBlockLength(group);
        Count = group.IsEmpty ? 0 : GroupHeader.ReadCount(group);
        _entries = group.IsEmpty ? default : group.Slice(GroupHeader.Length);
    }

    /// <summary>Number of entries.</summary>
    public int Count { get; }

    /// <summary>Entry length the sender used (≥ <see cref="RiskParametersDecoder.ScanPointsEntryLength"/>).</summary>
    public int ActingEntryLength => _entryLength;

    /// <summary>Price move as a multiple of the price scan range (e.g. −1, −2/3 … +1, ±2 extremes). Wire: double at entry offset 0. <paramref name="index"/> must be below <see cref="Count"/>.</summary>
    public double PriceMultiple(int index) => BinaryPrimitives.ReadDoubleLittleEndian(Entry(index).Slice(PriceMultipleOffset));

    /// <summary>Vol move as a multiple of the vol scan range (−1, 0, +1). Wire: double at entry offset 8. <paramref name="index"/> must be below <see cref="Count"/>.</summary>
    public double VolMultiple(int index) => BinaryPrimitives.ReadDoubleLittleEndian(Entry(index).Slice(VolMultipleOffset));

    /// <summary>Fraction of the loss counted (1, or 0.35 for the extremes). Wire: double at entry offset 16. <paramref name="index"/> must be below <see cref="Count"/>.</summary>
    public double Weight(int index) => BinaryPrimitives.ReadDoubleLittleEndian(Entry(index).Slice(WeightOffset));

    private ReadOnlySpan<byte> Entry(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            ThrowHelper.ThrowIndexOutOfRange(nameof(index), index, Count);
        }

        return _entries.Slice(index * _entryLength, _entryLength);
    }
}
