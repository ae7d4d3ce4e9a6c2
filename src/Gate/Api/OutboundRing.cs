using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Api;

/// <summary>
/// The downstream ring a user thread polls for the gate's encoded output (<c>OrderDecision</c> and
/// <c>AccountAlert</c> messages, in outbound-sequence order). Pre-allocated fixed-size entries, no allocation.
/// </summary>
/// <remarks>
/// Single producer (the egress thread, through <see cref="PollingDecisionHandler"/>), single consumer (one
/// polling thread). When full, the egress thread waits (yielding) for the poller: back-pressure reaches the
/// input ring and submitters see <see cref="GateSubmitResult.Busy"/>; nothing is dropped while the ring is open.
/// After <see cref="Close"/> (the gate stopped) a full ring drops and counts instead of waiting.
/// </remarks>
public sealed class OutboundRing
{
    /// <summary>Bytes per entry: the largest outbound message.</summary>
    public const int EntrySize = 96;

    private readonly byte[] _data;
    private readonly int[] _lengths;
    private readonly long _mask;
    private readonly Sequence _tail = new(0);
    private readonly Sequence _head = new(0);
    private long _cachedHead;
    private long _dropped;
    private volatile bool _closed;

    /// <summary>Creates a ring of <paramref name="capacity"/> entries (a power of two).</summary>
    public OutboundRing(int capacity)
    {
        if (capacity < 2 || !int.IsPow2(capacity))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The outbound ring capacity must be a power of two ≥ 2.");
        }

        _data = new byte[capacity * EntrySize];
        _lengths = new int[capacity];
        _mask = capacity - 1;
    }

    /// <summary>Entries the ring holds.</summary>
    public int Capacity => _lengths.Length;

    /// <summary>Messages dropped after <see cref="Close"/> because nobody polled.</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Messages written so far (release-published). Any thread.</summary>
    public long Written => _tail.Value;

    /// <summary>
    /// Copies the oldest message into <paramref name="destination"/> (≥ <see cref="EntrySize"/> bytes) and
    /// removes it. Polling thread only.
    /// </summary>
    /// <returns>False when the ring is empty.</returns>
    public bool TryPoll(Span<byte> destination, out int length)
    {
        var head = _head.Value;
        if (head >= _tail.Value)
        {
            length = 0;
            return false;
        }

        var index = (int)(head & _mask);
        length = _lengths[index];
        new ReadOnlySpan<byte>(_data, index * EntrySize, length).CopyTo(destination);
        _head.SetValue(head + 1);
        return true;
    }

    /// <summary>Writes one message (≤ <see cref="EntrySize"/> bytes). Egress thread only.</summary>
    internal void Write(ReadOnlySpan<byte> message)
    {
        var tail = _tail.Value;
        var spins = 0;
        while (tail - _cachedHead >= _lengths.Length)
        {
            _cachedHead = _head.Value;
            if (tail - _cachedHead < _lengths.Length)
            {
                break;
            }

            if (_closed)
            {
                Volatile.Write(ref _dropped, _dropped + 1);
                return;
            }

            if (++spins > 100)
            {
                Thread.Yield();
            }
        }

        var index = (int)(tail & _mask);
        message.CopyTo(new Span<byte>(_data, index * EntrySize, EntrySize));
        _lengths[index] = message.Length;
        _tail.SetValue(tail + 1);
    }

    /// <summary>Stops the egress thread from waiting on a full ring (called when the gate stops).</summary>
    internal void Close() => _closed = true;
}
