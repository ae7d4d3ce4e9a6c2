using RiskGate.Gate.Api;
using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Pipeline;

/// <summary>
/// Bounded single-producer single-consumer queue of alerts from the risk stage to the egress stage,
/// pre-allocated; when full the risk stage drops the alert and counts it (it must never wait on egress,
/// which waits on it).
/// </summary>
/// <remarks>
/// Producer: the risk stage thread (<see cref="TryAdd"/>). Consumer: the egress stage thread
/// (<see cref="TryPeek"/>, <see cref="Advance"/>). The tail is published with a release store after the
/// entry is written, before the risk stage publishes the ring sequence of the input that raised it, so the
/// egress stage sees every alert of an input once it sees the input.
/// </remarks>
public sealed class AlertBridge
{
    private readonly GateAlert[] _items;
    private readonly long _mask;
    private readonly Sequence _tail = new(0);
    private readonly Sequence _head = new(0);
    private long _cachedHead;
    private long _dropped;

    /// <summary>Creates a queue of <paramref name="capacity"/> alerts (a power of two).</summary>
    public AlertBridge(int capacity)
    {
        if (capacity < 2 || !int.IsPow2(capacity))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The alert queue capacity must be a power of two ≥ 2.");
        }

        _items = new GateAlert[capacity];
        _mask = capacity - 1;
    }

    /// <summary>Alerts dropped because the queue was full. Producer thread (or after halt).</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Adds an alert; false (and counted) when full. Producer thread.</summary>
    public bool TryAdd(in GateAlert alert)
    {
        var tail = _tail.Value;
        if (tail - _cachedHead >= _items.Length)
        {
            _cachedHead = _head.Value;
            if (tail - _cachedHead >= _items.Length)
            {
                Volatile.Write(ref _dropped, _dropped + 1);
                return false;
            }
        }

        _items[tail & _mask] = alert;
        _tail.SetValue(tail + 1);
        return true;
    }

    /// <summary>The oldest alert, if any. Consumer thread; the reference is valid until <see cref="Advance"/>.</summary>
    public bool TryPeek(out GateAlert alert)
    {
        var head = _head.Value;
        if (head >= _tail.Value)
        {
            alert = default;
            return false;
        }

        alert = _items[head & _mask];
        return true;
    }

    /// <summary>Removes the oldest alert. Consumer thread, after a successful <see cref="TryPeek"/>.</summary>
    public void Advance() => _head.SetValue(_head.Value + 1);

    /// <summary>The risk stage's sink over this queue (a struct: no virtual call).</summary>
    internal readonly struct Sink(AlertBridge queue) : IAlertSink
    {
        public bool TryAdd(in GateAlert alert) => queue.TryAdd(in alert) || true;
    }
}
