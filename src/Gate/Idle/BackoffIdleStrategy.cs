using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace RiskGate.Gate.Idle;

/// <summary>
/// Sleeping back-off: spins, then yields, then sleeps with a period that doubles from 1 ms up to a maximum.
/// Burns almost no CPU when idle, at the cost of wake-up latency up to the maximum sleep period.
/// </summary>
/// <remarks>Owned by the one thread that waits with it; no memory ordering of its own.</remarks>
public struct BackoffIdleStrategy : IIdleStrategy
{
    private readonly int _spins;
    private readonly int _yields;
    private readonly int _maxSleepMs;
    private int _count;
    private int _sleepMs;

    /// <summary>Creates a strategy with 100 spins, 50 yields, and sleeps of at most 8 ms.</summary>
    public BackoffIdleStrategy()
        : this(100, 50, 8)
    {
    }

    /// <summary>Creates a strategy that spins, yields, then sleeps from 1 ms doubling to <paramref name="maxSleepMs"/>.</summary>
    /// <param name="spins">Pause-spins before the first yield (0 or more).</param>
    /// <param name="yields">Yields before the first sleep (0 or more).</param>
    /// <param name="maxSleepMs">Longest sleep in milliseconds (1 to 1000).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public BackoffIdleStrategy(int spins, int yields, int maxSleepMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spins);
        ArgumentOutOfRangeException.ThrowIfNegative(yields);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSleepMs, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxSleepMs, 1000);
        _spins = spins;
        _yields = yields;
        _maxSleepMs = maxSleepMs;
        _count = 0;
        _sleepMs = 1;
    }

    /// <inheritdoc />
    public void Idle()
    {
        if (_count < _spins)
        {
            _count++;
            if (X86Base.IsSupported)
            {
                X86Base.Pause();
            }
        }
        else if (_count < _spins + _yields)
        {
            _count++;
            Thread.Yield();
        }
        else
        {
            Thread.Sleep(_sleepMs);
            _sleepMs = Math.Min(_sleepMs * 2, _maxSleepMs);
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reset()
    {
        _count = 0;
        _sleepMs = 1;
    }
}
