using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace RiskGate.Engine.State;

/// <summary>
/// Software prefetch of array elements (x86 <c>prefetcht0</c>): asks the core to start loading the cache
/// lines a later message will touch, so their misses overlap the current message's work instead of
/// stalling the next one. A hint only: it reads and writes nothing, cannot fault, and does nothing on
/// hardware without SSE. The one place the engine takes an address (STYLE: unsafe confined to one type).
/// </summary>
/// <remarks>
/// The address is taken from a managed reference and used at once; if the GC moved the array in
/// between (the engine allocates nothing after its seal, so it does not happen on the order path) the
/// prefetch would touch an unrelated line, which is harmless. Indices out of range prefetch nothing.
/// </remarks>
internal static unsafe class UnsafePrefetch
{
    private const int LineBytes = 64;

    /// <summary>Prefetches the line holding <paramref name="array"/>[<paramref name="index"/>].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void One<T>(T[] array, int index)
    {
        if (Sse.IsSupported && (uint)index < (uint)array.Length)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref array[index]));
        }
    }

    /// <summary>Prefetches every line of <paramref name="array"/>[<paramref name="start"/> .. + <paramref name="count"/>), clipped to the array.</summary>
    public static void Range<T>(T[] array, int start, int count)
    {
        if (!Sse.IsSupported || (uint)start >= (uint)array.Length || count <= 0)
        {
            return;
        }

        count = Math.Min(count, array.Length - start);
        var p = (byte*)Unsafe.AsPointer(ref array[start]);
        var end = p + ((long)count * Unsafe.SizeOf<T>());
        for (var line = (byte*)((nuint)p & ~(nuint)(LineBytes - 1)); line < end; line += LineBytes)
        {
            Sse.Prefetch0(line);
        }
    }
}
