using System.Runtime.CompilerServices;
using RiskGate.Gate.Idle;

namespace RiskGate.Gate.Ring;

/// <summary>
/// What one consumer waits on: the producers' published sequences, or the progress of the earlier stages
/// it depends on (which only ever cover published sequences).
/// </summary>
/// <remarks>
/// <para>Threads: <see cref="WaitFor"/> is called by the one consumer thread that owns the barrier;
/// <see cref="Alert"/> and <see cref="ClearAlert"/> by any thread.</para>
/// <para>Ordering: every read is an acquire read, so the slots of every sequence up to the returned one
/// are fully written when <see cref="WaitFor"/> returns. The consumer reads the cursor (or its
/// dependencies) once per batch, not once per event.</para>
/// </remarks>
public sealed class SequenceBarrier
{
    private readonly Sequencer _sequencer;
    private readonly Sequence _cursor;
    private readonly Sequence[] _dependents;
    private volatile bool _alerted;

    internal SequenceBarrier(Sequencer sequencer, Sequence[] dependents)
    {
        ArgumentNullException.ThrowIfNull(sequencer);
        ArgumentNullException.ThrowIfNull(dependents);
        _sequencer = sequencer;
        _cursor = sequencer.Cursor;
        _dependents = (Sequence[])dependents.Clone();
        foreach (var d in _dependents)
        {
            ArgumentNullException.ThrowIfNull(d, nameof(dependents));
        }
    }

    /// <summary>True once <see cref="Alert"/> was called (until <see cref="ClearAlert"/>). Any thread; volatile read.</summary>
    public bool IsAlerted => _alerted;

    /// <summary>
    /// Waits, using <paramref name="idle"/>, until <paramref name="sequence"/> is available to this consumer.
    /// Owning consumer thread only.
    /// </summary>
    /// <returns>The highest available sequence (≥ <paramref name="sequence"/>; every sequence up to it may be
    /// processed), or a value below <paramref name="sequence"/> when the barrier was alerted while waiting.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long WaitFor<TIdle>(long sequence, ref TIdle idle)
        where TIdle : struct, IIdleStrategy
    {
        var available = Available(sequence);
        if (available < sequence)
        {
            available = WaitSlow(sequence, ref idle);
        }

        return available;
    }

    /// <summary>The highest sequence available now, without waiting (below <paramref name="sequence"/> when none is). Owning consumer thread only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Peek(long sequence) => Available(sequence);

    /// <summary>Alerts the consumer: a wait in progress returns early and processors stop. Any thread.</summary>
    public void Alert()
    {
        _alerted = true;
        _sequencer.Signal.SignalAll();
    }

    /// <summary>Clears the alert. Any thread, while the consumer is stopped.</summary>
    public void ClearAlert() => _alerted = false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long Available(long sequence)
    {
        if (_dependents.Length != 0)
        {
            return Sequence.Min(_dependents, long.MaxValue);
        }

        var cursor = _cursor.Value;
        return cursor < sequence ? cursor : _sequencer.GetHighestPublishedSequence(sequence, cursor);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long WaitSlow<TIdle>(long sequence, ref TIdle idle)
        where TIdle : struct, IIdleStrategy
    {
        long available;
        do
        {
            if (_alerted)
            {
                idle.Reset();
                return sequence - 1;
            }

            idle.Idle();
            available = Available(sequence);
        }
        while (available < sequence);

        idle.Reset();
        return available;
    }
}
