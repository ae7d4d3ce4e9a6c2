using RiskGate.Gate.Idle;

namespace RiskGate.Gate.Ring;

/// <summary>
/// Hands out the sequences of one ring to producers and tells consumers which sequences are published.
/// The producer-side API (claim, publish) lives on the sealed <see cref="SingleProducerSequencer"/> and
/// <see cref="MultiProducerSequencer"/> so it is called without any virtual dispatch; this base holds what
/// consumers and stage graphs need (once per batch, never per event).
/// </summary>
/// <remarks>
/// Configuration (<see cref="SetGatingSequences"/>, <see cref="NewBarrier"/>) happens on one thread before
/// producers and processors start. A producer never claims a sequence more than <see cref="Capacity"/>
/// ahead of the slowest gating sequence, so an unconsumed slot is never overwritten.
/// </remarks>
public abstract class Sequencer
{
    private protected readonly Sequence _cursor = new();
    private Sequence[] _gating = [];

    private protected Sequencer(int capacity)
    {
        if (capacity < 2 || capacity > (1 << 30) || !int.IsPow2(capacity))
        {
            ThrowHelper.ThrowCapacityNotPowerOfTwo(capacity);
        }

        Capacity = capacity;
    }

    /// <summary>Number of slots in the ring this sequencer guards (a power of two). Any thread.</summary>
    public int Capacity { get; }

    /// <summary>
    /// The cursor: for a single producer the highest published sequence; for several producers the highest
    /// claimed one (use <see cref="GetHighestPublishedSequence"/> to find what is published). Any thread may read it.
    /// </summary>
    public Sequence Cursor => _cursor;

    /// <summary>The wake-up signal for threads that wait on this ring with <see cref="BlockingIdleStrategy"/>.</summary>
    public WaitSignal Signal { get; } = new();

    /// <summary>The sequences producers must not lap (the last stages of the graph). Any thread; acquire read of the array.</summary>
    internal Sequence[] GatingSequences => Volatile.Read(ref _gating);

    /// <summary>
    /// Sets the sequences producers must not lap: the progress of the last stages of the consumer graph.
    /// Call once, on the configuring thread, before any producer claims; <see cref="StageGraph{T}.Start"/> does it.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> or an element is null.</exception>
    public void SetGatingSequences(params Sequence[] sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var copy = new Sequence[sequences.Length];
        for (var i = 0; i < sequences.Length; i++)
        {
            copy[i] = sequences[i] ?? throw new ArgumentNullException(nameof(sequences), "A gating sequence is null.");
        }

        Volatile.Write(ref _gating, copy);
    }

    /// <summary>
    /// Creates a barrier for a consumer that follows <paramref name="dependents"/> (earlier stages), or the
    /// producers when none are given. Configuring thread, before start.
    /// </summary>
    public SequenceBarrier NewBarrier(params Sequence[] dependents) => new(this, dependents);

    /// <summary>
    /// The highest sequence in [<paramref name="lowerBound"/>, <paramref name="availableSequence"/>] such that it
    /// and every sequence below it in that range are published; <paramref name="lowerBound"/> − 1 when
    /// <paramref name="lowerBound"/> itself is not. Any thread; acquire reads.
    /// </summary>
    public abstract long GetHighestPublishedSequence(long lowerBound, long availableSequence);

    /// <summary>True when <paramref name="sequence"/> is published (and not yet lapped). Any thread; acquire read.</summary>
    public abstract bool IsPublished(long sequence);
}
