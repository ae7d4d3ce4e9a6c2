using System.Runtime.CompilerServices;

namespace RiskGate.Gate.Ring;

/// <summary>
/// A position in a ring: the cursor of a sequencer or the progress of an event processor. Padded against
/// false sharing (see <see cref="PaddedLong"/>).
/// </summary>
/// <remarks>
/// One thread writes a sequence (the producer for a single-producer cursor, the processor for its
/// progress); any thread may read it. <see cref="Value"/> is an acquire read and <see cref="SetValue"/> a
/// release write: everything the writer did to slots before the write is visible to a reader that sees
/// the new value. <see cref="CompareAndSet"/> and <see cref="AddAndGet"/> are full fences and may be used by
/// several writers.
/// </remarks>
public sealed class Sequence
{
    /// <summary>The value of a sequence before anything was published or processed.</summary>
    public const long InitialValue = -1;

    private PaddedLong _value;

    /// <summary>Creates a sequence holding <see cref="InitialValue"/>.</summary>
    public Sequence()
        : this(InitialValue)
    {
    }

    /// <summary>Creates a sequence holding <paramref name="initialValue"/>.</summary>
    public Sequence(long initialValue) => _value.Value = initialValue;

    /// <summary>The current value; an acquire read. Any thread.</summary>
    public long Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _value.Value);
    }

    /// <summary>Sets the value with a release write (no fence, no interlocked operation). The owning writer only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetValue(long value) => Volatile.Write(ref _value.Value, value);

    /// <summary>Atomically sets the value to <paramref name="next"/> if it equals <paramref name="expected"/>; full fence. Any thread.</summary>
    /// <returns>True when the value was <paramref name="expected"/> and is now <paramref name="next"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool CompareAndSet(long expected, long next) =>
        Interlocked.CompareExchange(ref _value.Value, next, expected) == expected;

    /// <summary>Atomically adds <paramref name="increment"/>; full fence. Any thread.</summary>
    /// <returns>The value after the addition.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long AddAndGet(long increment) => Interlocked.Add(ref _value.Value, increment);

    /// <summary>The smallest value among <paramref name="sequences"/>, or <paramref name="minimum"/> if it is smaller or the span is empty. Any thread; acquire reads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Min(ReadOnlySpan<Sequence> sequences, long minimum)
    {
        for (var i = 0; i < sequences.Length; i++)
        {
            var v = sequences[i].Value;
            if (v < minimum)
            {
                minimum = v;
            }
        }

        return minimum;
    }

    /// <inheritdoc />
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
