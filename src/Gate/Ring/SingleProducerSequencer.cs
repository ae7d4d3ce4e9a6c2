using System.Runtime.CompilerServices;
using RiskGate.Gate.Idle;

namespace RiskGate.Gate.Ring;

/// <summary>
/// Sequencer for exactly one producer thread: no interlocked operation anywhere on its path.
/// </summary>
/// <remarks>
/// <para>Threads: every claim and publish method must be called from the same single producer thread.
/// Consumers only read <see cref="Sequencer.Cursor"/>.</para>
/// <para>How it stays fast: the producer keeps its own next sequence and a cached copy of the slowest
/// gating sequence in padded, producer-private fields; it re-reads the real gating sequences only when the
/// cached copy says the ring may be full. Publishing is one release store of the cursor (plain
/// <c>mov</c> on x64) plus a read of the waiter count of <see cref="Sequencer.Signal"/>.</para>
/// <para>Ordering: writes to a slot made before <see cref="Publish(long)"/> are visible to any consumer
/// that reads the new cursor. Claimed sequences must be published in claim order.</para>
/// </remarks>
public sealed class SingleProducerSequencer : Sequencer
{
    private PaddedLong _next;
    private PaddedLong _cachedGating;

    /// <summary>Creates a sequencer for a ring of <paramref name="capacity"/> slots (a power of two).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not a power of two in [2, 2^30].</exception>
    public SingleProducerSequencer(int capacity)
        : base(capacity)
    {
        _next.Value = Sequence.InitialValue;
        _cachedGating.Value = Sequence.InitialValue;
    }

    /// <summary>Claims the next sequence if its slot is free; never blocks. Producer thread only.</summary>
    /// <param name="sequence">The claimed sequence when the method returns true; the slot is the caller's until it is published.</param>
    /// <returns>True when claimed; false when the ring is full (the gate answers <c>GateBusy</c>).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryClaim(out long sequence)
    {
        var next = _next.Value + 1;
        if (next - Capacity > _cachedGating.Value && !HasCapacitySlow(next))
        {
            sequence = Sequence.InitialValue;
            return false;
        }

        _next.Value = next;
        sequence = next;
        return true;
    }

    /// <summary>Claims the next <paramref name="n"/> sequences at once if their slots are free; never blocks. Producer thread only.</summary>
    /// <param name="n">How many sequences, 1 to <see cref="Sequencer.Capacity"/>.</param>
    /// <param name="highest">When the method returns true, the highest claimed sequence; the claim is
    /// [<paramref name="highest"/> − <paramref name="n"/> + 1, <paramref name="highest"/>].</param>
    /// <returns>True when all <paramref name="n"/> were claimed; false (nothing claimed) when they do not fit.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is outside [1, capacity].</exception>
    public bool TryClaim(int n, out long highest)
    {
        if ((uint)(n - 1) >= (uint)Capacity)
        {
            ThrowHelper.ThrowBatchSizeOutOfRange(n, Capacity);
        }

        var next = _next.Value + n;
        if (next - Capacity > _cachedGating.Value && !HasCapacitySlow(next))
        {
            highest = Sequence.InitialValue;
            return false;
        }

        _next.Value = next;
        highest = next;
        return true;
    }

    /// <summary>Claims the next sequence, waiting with <paramref name="idle"/> while the ring is full (indefinitely: use <c>TryClaim</c> where consumers may stop). Producer thread only.</summary>
    /// <returns>The claimed sequence.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Claim<TIdle>(ref TIdle idle)
        where TIdle : struct, IIdleStrategy
    {
        if (!TryClaim(out var sequence))
        {
            sequence = ClaimSlow(1, ref idle);
        }

        return sequence;
    }

    /// <summary>Claims the next <paramref name="n"/> sequences, waiting with <paramref name="idle"/> until they fit (indefinitely: use <c>TryClaim</c> where consumers may stop). Producer thread only.</summary>
    /// <returns>The highest claimed sequence.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is outside [1, capacity].</exception>
    public long Claim<TIdle>(int n, ref TIdle idle)
        where TIdle : struct, IIdleStrategy
    {
        if (!TryClaim(n, out var highest))
        {
            highest = ClaimSlow(n, ref idle);
        }

        return highest;
    }

    /// <summary>Publishes every claimed sequence up to <paramref name="sequence"/>: one release store. Producer thread only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        _cursor.SetValue(sequence);
        Signal.NotifyIfWaiting();
    }

    /// <summary>Publishes the claimed range [<paramref name="low"/>, <paramref name="high"/>]. Producer thread only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long low, long high)
    {
        _ = low;
        Publish(high);
    }

    /// <summary>
    /// Claims a slot, fills it with <paramref name="translator"/> and publishes it; never blocks. If the
    /// translator throws, the slot is marked invalid by <see cref="ISlotTranslator{T}.Invalidate"/>, still
    /// published (the sequence never stalls) and the exception propagates. Producer thread only.
    /// </summary>
    /// <returns>True when published; false when the ring is full (nothing claimed).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPublish<T, TTranslator>(RingBuffer<T> ring, ref TTranslator translator)
        where T : struct
        where TTranslator : struct, ISlotTranslator<T>
    {
        if (!TryClaim(out var sequence))
        {
            return false;
        }

        try
        {
            SlotFiller.Fill(ring, ref translator, sequence);
        }
        finally
        {
            Publish(sequence);
        }

        return true;
    }

    /// <summary>Highest claimed sequence (producer thread only; not necessarily published).</summary>
    public long Claimed => _next.Value;

    /// <inheritdoc />
    public override long GetHighestPublishedSequence(long lowerBound, long availableSequence) => availableSequence;

    /// <inheritdoc />
    public override bool IsPublished(long sequence)
    {
        var cursor = _cursor.Value;
        return sequence <= cursor && sequence > cursor - Capacity;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool HasCapacitySlow(long next)
    {
        var min = Sequence.Min(GatingSequences, _cursor.Value);
        _cachedGating.Value = min;
        return next - Capacity <= min;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long ClaimSlow<TIdle>(int n, ref TIdle idle)
        where TIdle : struct, IIdleStrategy
    {
        long highest;
        while (!TryClaim(n, out highest))
        {
            idle.Idle();
        }

        idle.Reset();
        return highest;
    }
}
