using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace RiskGate.Gate.Idle;

/// <summary>
/// Spins briefly, then parks the thread on the ring's <see cref="WaitSignal"/> until a sequence moves: for
/// deployments that must not burn a core. Publishers pay nothing unless a waiter is actually parked.
/// </summary>
/// <remarks>
/// Owned by the one thread that waits with it. Create it with the signal of the ring being waited on
/// (<see cref="Ring.Sequencer.Signal"/>). Each park is two <see cref="Idle"/> calls: the first registers the
/// waiter and returns so the caller re-checks its condition (no lost wake-up), the second parks.
/// </remarks>
public struct BlockingIdleStrategy : IIdleStrategy
{
    /// <summary>Spins before the first park when no count is given.</summary>
    public const int DefaultSpins = 64;

    private readonly WaitSignal _signal;
    private readonly int _spins;
    private int _count;
    private long _key;
    private bool _prepared;

    /// <summary>Creates a strategy parking on <paramref name="signal"/> after <see cref="DefaultSpins"/> spins.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="signal"/> is null.</exception>
    public BlockingIdleStrategy(WaitSignal signal)
        : this(signal, DefaultSpins)
    {
    }

    /// <summary>Creates a strategy parking on <paramref name="signal"/> after <paramref name="spins"/> spins.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="signal"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="spins"/> is negative.</exception>
    public BlockingIdleStrategy(WaitSignal signal, int spins)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentOutOfRangeException.ThrowIfNegative(spins);
        _signal = signal;
        _spins = spins;
        _count = 0;
        _key = 0;
        _prepared = false;
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

            return;
        }

        if (!_prepared)
        {
            _key = _signal.PrepareWait();
            _prepared = true;
            return;
        }

        _prepared = false;
        _signal.Wait(_key);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reset()
    {
        _count = 0;
        if (_prepared)
        {
            _prepared = false;
            _signal.CancelWait();
        }
    }
}
