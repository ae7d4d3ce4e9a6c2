using System.Runtime.CompilerServices;
using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Idle;

/// <summary>
/// An event count that lets threads using <see cref="BlockingIdleStrategy"/> park until a sequence they
/// wait on moves, while signallers pay only one plain load when nobody is parked.
/// </summary>
/// <remarks>
/// <para>One signal belongs to one ring: its sequencer notifies it on every publish and every event
/// processor notifies it after publishing its progress, so a parked consumer, a parked later stage and a
/// producer parked on a full ring are all woken.</para>
/// <para>Threads: <see cref="NotifyIfWaiting"/> and <see cref="SignalAll"/> may be called from any thread.
/// Ordering: a waiter registers itself with a full fence followed by a process-wide barrier
/// (<see cref="Interlocked.MemoryBarrierProcessWide"/>), which makes the signaller's "release-store the
/// sequence, then read the waiter count" safe without any fence on the signaller's side: either the
/// signaller sees the waiter and wakes it, or the waiter sees the new sequence when it re-checks. A park
/// also has a timeout (<see cref="ParkTimeoutMs"/>) as a last line of defence, never relied on for
/// correctness.</para>
/// </remarks>
public sealed class WaitSignal
{
    /// <summary>Longest single park in milliseconds; the waiter then re-checks its condition.</summary>
    public const int ParkTimeoutMs = 50;

    private readonly object _gate = new();
    private PaddedLong _waiters;
    private long _epoch;
    private long _timedOutParks;

    /// <summary>True when at least one thread is registered as (about to be) parked. Any thread; acquire read.</summary>
    public bool HasWaiters => Volatile.Read(ref _waiters.Value) != 0;

    /// <summary>Parks that ended by timeout rather than by a signal (a health figure: it stays near zero unless waiters idle for long). Any thread.</summary>
    public long TimedOutParks => Volatile.Read(ref _timedOutParks);

    /// <summary>
    /// Wakes parked waiters if there are any. Call after release-storing the sequence waiters depend on.
    /// Any thread. Costs one load and a predictable branch when nobody waits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void NotifyIfWaiting()
    {
        if (Volatile.Read(ref _waiters.Value) != 0)
        {
            SignalAll();
        }
    }

    /// <summary>Wakes every parked waiter unconditionally (used on halt). Any thread; takes a lock.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void SignalAll()
    {
        lock (_gate)
        {
            _epoch++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Registers the calling thread as a waiter and returns the key to pass to <see cref="Wait"/>. The caller
    /// must re-check its condition after this call, then call either <see cref="Wait"/> or <see cref="CancelWait"/>.
    /// </summary>
    internal long PrepareWait()
    {
        Interlocked.Increment(ref _waiters.Value);
        Interlocked.MemoryBarrierProcessWide();
        lock (_gate)
        {
            return _epoch;
        }
    }

    /// <summary>Unregisters a waiter that found its condition true after <see cref="PrepareWait"/>.</summary>
    internal void CancelWait() => Interlocked.Decrement(ref _waiters.Value);

    /// <summary>Parks until a signal after <paramref name="key"/> was taken (or the timeout), then unregisters.</summary>
    internal void Wait(long key)
    {
        lock (_gate)
        {
            if (_epoch == key && !Monitor.Wait(_gate, ParkTimeoutMs))
            {
                _timedOutParks++;
            }
        }

        Interlocked.Decrement(ref _waiters.Value);
    }
}
