using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RiskGate.Gate.Ring;

/// <summary>
/// The storage of a ring: a power-of-two array of pre-allocated struct slots, handed out by <c>ref</c> for
/// a sequence. Allocated once; nothing is allocated, copied or cleared afterwards.
/// </summary>
/// <remarks>
/// <para>The ring holds no positions: a <see cref="Sequencer"/> decides who may touch which slot. A producer
/// may write the slot of a sequence it claimed until it publishes it; a processor may read (and, if it is
/// the stage the design makes the writer, write) the slots its barrier made available until it publishes
/// its progress past them. The indexer itself gives no memory ordering; the sequences do.</para>
/// <para>The backing array has a slot-sized pad of at least 128 bytes at each end so neighbouring heap
/// objects never share a cache line with the first or last slot.</para>
/// </remarks>
/// <typeparam name="T">The slot type (for the gate, <see cref="GateSlot"/>).</typeparam>
public sealed class RingBuffer<T>
    where T : struct
{
    private readonly T[] _slots;
    private readonly int _pad;
    private readonly long _mask;

    /// <summary>Creates a ring of <paramref name="capacity"/> default-initialised slots.</summary>
    /// <param name="capacity">Number of slots: a power of two from 2 to 2^30.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not a power of two in range.</exception>
    public RingBuffer(int capacity)
    {
        if (capacity < 2 || capacity > (1 << 30) || !int.IsPow2(capacity))
        {
            ThrowHelper.ThrowCapacityNotPowerOfTwo(capacity);
        }

        var size = Unsafe.SizeOf<T>();
        _pad = (128 + size - 1) / size;
        _slots = new T[capacity + (2 * _pad)];
        _mask = capacity - 1;
        Capacity = capacity;
    }

    /// <summary>Number of slots (a power of two). Any thread.</summary>
    public int Capacity { get; }

    /// <summary>Index mask: a sequence's slot is <c>sequence &amp; Mask</c> slots after <see cref="FirstSlot"/>.</summary>
    internal long Mask => _mask;

    /// <summary>The first slot (sequence 0), for loops that hoist the array access out of the per-event path.</summary>
    internal ref T FirstSlot
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), _pad);
    }

    /// <summary>The slot for <paramref name="sequence"/> (sequence modulo capacity). Any thread, under the rules above.</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), (nint)(sequence & _mask) + _pad);
    }
}
