using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RiskGate.Gate.Idle;

namespace RiskGate.Gate.Ring;

/// <summary>
/// Sequencer for any number of producer threads (TCP sessions, the in-process API, market data, admin).
/// </summary>
/// <remarks>
/// <para>Threads: any thread may claim and publish. A claim is one compare-and-swap on the cursor (full
/// fence); publishing is one release store into a per-slot availability flag (the slot's lap number), so
/// producers may publish out of order and consumers see a contiguous prefix through
/// <see cref="GetHighestPublishedSequence"/>.</para>
/// <para>The slowest gating sequence is cached in a padded field shared by the producers and re-read only
/// when the cache says the ring may be full.</para>
/// <para>Ordering: writes to a slot made before <see cref="Publish(long)"/> are visible to any consumer
/// that observes the slot as published.</para>
/// </remarks>
public sealed class MultiProducerSequencer : Sequencer
{
    private readonly int[] _available;
    private readonly int _indexMask;
    private readonly int _lapShift;
    private PaddedLong _cachedGating;

    /// <summary>Creates a sequencer for a ring of <paramref name="capacity"/> slots (a power of two).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not a power of two in [2, 2^30].</exception>
    public MultiProducerSequencer(int capacity)
        : base(capacity)
    {
        _available = new int[capacity];
        _available.AsSpan().Fill(-1);
        _indexMask = capacity - 1;
        _lapShift = System.Numerics.BitOperations.Log2((uint)capacity);
        _cachedGating.Value = Sequence.InitialValue;
    }

    /// <summary>Claims the next sequence if its slot is free; never blocks. Any producer thread.</summary>
    /// <param name="sequence">The claimed sequence when the method returns true; the slot is the caller's until it is published.</param>
    /// <returns>True when claimed; false when the ring is full (the gate answers <c>GateBusy</c>).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryClaim(out long sequence) => TryClaimCore(1, out sequence);

    /// <summary>Claims the next <paramref name="n"/> sequences at once if their slots are free; never blocks. Any producer thread.</summary>
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

        return TryClaimCore(n, out highest);
    }

    /// <summary>Claims the next sequence, waiting with <paramref name="idle"/> while the ring is full (indefinitely: use <c>TryClaim</c> where consumers may stop). Any producer thread.</summary>
    /// <returns>The claimed sequence.</returns>
    public long Claim<TIdle>(ref TIdle idle)
        where TIdle : struct, IIdleStrategy => Claim(1, ref idle);

    /// <summary>Claims the next <paramref name="n"/> sequences, waiting with <paramref name="idle"/> until they fit (indefinitely: use <c>TryClaim</c> where consumers may stop). Any producer thread.</summary>
    /// <returns>The highest claimed sequence.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is outside [1, capacity].</exception>
    public long Claim<TIdle>(int n, ref TIdle idle)
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

    /// <summary>Publishes one claimed sequence: one release store of its availability flag. The thread that claimed it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        SetAvailable(sequence);
        Signal.NotifyIfWaiting();
    }

    /// <summary>Publishes the claimed range [<paramref name="low"/>, <paramref name="high"/>]. The thread that claimed it.</summary>
    public void Publish(long low, long high)
    {
        for (var s = low; s <= high; s++)
        {
            SetAvailable(s);
        }

        Signal.NotifyIfWaiting();
    }

    /// <summary>
    /// Claims a slot, fills it with <paramref name="translator"/> and publishes it; never blocks. If the
    /// translator throws, the slot is marked invalid by <see cref="ISlotTranslator{T}.Invalidate"/>, still
    /// published (the sequence never stalls) and the exception propagates. Any producer thread.
    /// </summary>
    /// <returns>True when published; false when the ring is full (nothing claimed).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPublish<T, TTranslator>(RingBuffer<T> ring, ref TTranslator translator)
        where T : struct
        where TTranslator : struct, ISlotTranslator<T>
    {
        if (!TryClaimCore(1, out var sequence))
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

    /// <inheritdoc />
    public override long GetHighestPublishedSequence(long lowerBound, long availableSequence)
    {
        for (var s = lowerBound; s <= availableSequence; s++)
        {
            if (!IsPublished(s))
            {
                return s - 1;
            }
        }

        return availableSequence;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override bool IsPublished(long sequence) =>
        Volatile.Read(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_available), (nint)(sequence & _indexMask)))
            == (int)(sequence >> _lapShift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetAvailable(long sequence) =>
        Volatile.Write(
            ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_available), (nint)(sequence & _indexMask)),
            (int)(sequence >> _lapShift));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryClaimCore(int n, out long highest)
    {
        while (true)
        {
            var current = _cursor.Value;
            var next = current + n;
            var wrapPoint = next - Capacity;
            var cached = Volatile.Read(ref _cachedGating.Value);
            if (wrapPoint > cached || cached > current)
            {
                var gating = Sequence.Min(GatingSequences, current);
                if (wrapPoint > gating)
                {
                    highest = Sequence.InitialValue;
                    return false;
                }

                Volatile.Write(ref _cachedGating.Value, gating);
            }
            else if (_cursor.CompareAndSet(current, next))
            {
                highest = next;
                return true;
            }
        }
    }
}
