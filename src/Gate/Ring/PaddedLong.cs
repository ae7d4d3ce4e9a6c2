using System.Runtime.InteropServices;

namespace RiskGate.Gate.Ring;

/// <summary>
/// A <see cref="long"/> with 128 bytes of padding on each side, so that no other frequently written field can
/// share its cache line, nor the adjacent line the hardware prefetcher pulls in with it.
/// </summary>
/// <remarks>Plain storage: callers choose the memory ordering (<see cref="Volatile"/>, <see cref="Interlocked"/>).
/// A layout test pins <see cref="Value"/> at offset 128 of a 264-byte struct (128 bytes before it and after it).</remarks>
[StructLayout(LayoutKind.Explicit, Size = 264)]
internal struct PaddedLong
{
    /// <summary>Byte offset of <see cref="Value"/> inside the struct.</summary>
    public const int ValueOffset = 128;

    /// <summary>The value.</summary>
    [FieldOffset(ValueOffset)]
    public long Value;
}
