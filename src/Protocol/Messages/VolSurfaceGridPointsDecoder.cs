using System.Buffers.Binary;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight over the <c>gridPoints</c> repeating group of <c>VolSurface</c>: Strike grid points, increasing log-moneyness (empty for the SVI form). Group header
/// <c>blockLength u16, numInGroup u16</c>, then the entries; the sender's entry length is honoured (longer entries
/// from newer versions are read by their known prefix). Obtained from a validated <see cref="VolSurfaceDecoder"/>; same thread and
/// lifetime rules.
/// <code>
/// entry offset, 16 bytes:
///    0 | logMoneyness 8 |
///    8 | volatility 8 |
/// </code>
/// </summary>
public readonly ref struct VolSurfaceGridPointsDecoder
{
    /// <summary>Entry offset of <c>logMoneyness</c>.</summary>
    public const int LogMoneynessOffset = 0;

    /// <summary>Entry offset of <c>volatility</c>.</summary>
    public const int VolatilityOffset = 8;

    private readonly ReadOnlySpan<byte> _entries;
    private readonly int _entryLength;

    internal VolSurfaceGridPointsDecoder(ReadOnlySpan<byte> group)
    {
        _entryLength = group.IsEmpty ? 0 : GroupHeader.ReadBlockLength(group);
        Count = group.IsEmpty ? 0 : GroupHeader.ReadCount(group);
        _entries = group.IsEmpty ? default : group.Slice(GroupHeader.Length);
    }

    /// <summary>Number of entries.</summary>
    public int Count { get; }

    /// <summary>Entry length the sender used (≥ <see cref="VolSurfaceDecoder.GridPointsEntryLength"/>).</summary>
    public int ActingEntryLength => _entryLength;

    /// <summary>k = ln(K / F). Wire: double at entry offset 0. <paramref name="index"/> must be below <see cref="Count"/>.</summary>
    public double LogMoneyness(int index) => BinaryPrimitives.ReadDoubleLittleEndian(Entry(index).Slice(LogMoneynessOffset));

    /// <summary>Implied Black-76 volatility at k (annualised, &gt; 0). Wire: double at entry offset 8. <paramref name="index"/> must be below <see cref="Count"/>.</summary>
    public double Volatility(int index) => BinaryPrimitives.ReadDoubleLittleEndian(Entry(index).Slice(VolatilityOffset));

    private ReadOnlySpan<byte> Entry(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            ThrowHelper.ThrowIndexOutOfRange(nameof(index), index, Count);
        }

        return _entries.Slice(index * _entryLength, _entryLength);
    }
}
