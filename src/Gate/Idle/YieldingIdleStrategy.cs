using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace RiskGate.Gate.Idle;

/// <summary>
/// Spins a fixed number of times, then yields the processor (<see cref="Thread.Yield"/>) on every further
/// call: close to busy-spin latency when the other side is quick, and it lets other runnable threads on the
/// same core run when it is not. A good default on machines with fewer cores than busy threads.
/// </summary>
/// <remarks>Owned by the one thread that waits with it; no memory ordering of its own.</remarks>
public struct YieldingIdleStrategy : IIdleStrategy
{
    /// <summary>Spins before the first yield when <see cref="YieldingIdleStrategy()"/> is used.</summary>
    public const int DefaultSpins = 100;

    private readonly int _spins;
    private int _count;

    /// <summary>Creates a strategy that spins <see cref="DefaultSpins"/> times before yielding.</summary>
    public YieldingIdleStrategy()
        : this(DefaultSpins)
    {
    }

    /// <summary>Creates a strategy that spins <paramref name="spins"/> times (0 or more) before yielding.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="spins"/> is negative.</exception>
    public YieldingIdleStrategy(int spins)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spins);
        _spins = spins;
        _count = 0;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Idle()
    {
        if (_count < _spins)
        {
            _count++;
            if (X86Base.IsSupported)
            {
                X86Base.Pause();
            }

            return;
        }

        Thread.Yield();
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reset() => _count = 0;
}
