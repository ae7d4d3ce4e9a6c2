using System.Runtime.CompilerServices;

namespace RiskGate.Engine.State;

/// <summary>
/// Start-up helper: writes every page of a freshly allocated array once, so the operating system maps
/// it now instead of on the first message that touches it (a page fault costs microseconds, and a large
/// zeroed array is only reserved until written). Construction only; the order path never calls it.
/// </summary>
internal static class MemoryPrefault
{
    private const int PageBytes = 4096;

    /// <summary>Writes the default value into one element per 4 KB page of <paramref name="array"/> (it is still all default afterwards).</summary>
    public static void Touch<T>(T[] array)
        where T : struct
    {
        var step = Math.Max(1, PageBytes / Unsafe.SizeOf<T>());
        for (var i = 0; i < array.Length; i += step)
        {
            array[i] = default;
        }
    }
}
