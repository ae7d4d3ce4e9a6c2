using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace RiskGate.Protocol;

/// <summary>
/// Null sentinels of the wire types: "null" is always a value, never a flag byte. Any thread may use them.
/// </summary>
public static class WireNull
{
    /// <summary>Null PRICE9 price.</summary>
    public const long Price = long.MinValue;

    /// <summary>Null MONEY4 amount.</summary>
    public const long Money = long.MinValue;

    /// <summary>Null quantity or other signed 64-bit count.</summary>
    public const long Quantity = long.MinValue;

    /// <summary>Null timestamp (ns since the Unix epoch).</summary>
    public const ulong Timestamp = ulong.MaxValue;

    /// <summary>Null duration in ns.</summary>
    public const ulong Duration = ulong.MaxValue;

    /// <summary>Null unsigned 64-bit id or sequence number.</summary>
    public const ulong UInt64 = ulong.MaxValue;

    /// <summary>Null 32-bit id (account, instrument, product group) or 32-bit count.</summary>
    public const uint Id = uint.MaxValue;

    /// <summary>
    /// Bit pattern encoders write for a null double: the positive quiet NaN 0x7FF8_0000_0000_0000. Decoders treat
    /// any NaN as null.
    /// </summary>
    public const long DoubleBits = 0x7FF8_0000_0000_0000;

    /// <summary>Writes <paramref name="value"/> little-endian, normalising every NaN to <see cref="DoubleBits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteDouble(Span<byte> destination, double value)
    {
        var bits = double.IsNaN(value) ? DoubleBits : BitConverter.DoubleToInt64Bits(value);
        BinaryPrimitives.WriteInt64LittleEndian(destination, bits);
    }
}
