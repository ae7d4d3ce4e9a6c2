using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace RiskGate.Gate.Idle;

/// <summary>
/// Spins on the CPU with a pause hint: the lowest wake-up latency, and one core burnt per waiting thread.
/// Use only when the waiting thread has a core of its own.
/// </summary>
/// <remarks>Owned by the one thread that waits with it; no memory ordering of its own.</remarks>
public struct BusySpinIdleStrategy : IIdleStrategy
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Idle()
    {
        if (X86Base.IsSupported)
        {
            X86Base.Pause();
        }
        else
        {
            Thread.SpinWait(1);
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Reset()
    {
    }
}
