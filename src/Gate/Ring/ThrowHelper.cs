using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace RiskGate.Gate.Ring;

/// <summary>Throws kept out of hot methods so they stay small and inlinable.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBatchSizeOutOfRange(int n, int capacity) =>
        throw new ArgumentOutOfRangeException(nameof(n), n, "The batch size must be between 1 and the ring capacity " + capacity.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowCapacityNotPowerOfTwo(int capacity) =>
        throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The ring capacity must be a power of two between 2 and 2^30.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowInvalidState(string message) => throw new InvalidOperationException(message);
}
