namespace RiskGate.Engine;

/// <summary>
/// Pre-allocated bounded buffer of the alerts produced by one engine call. The engine clears it at the
/// start of every call; the caller (same thread, the risk thread) drains it after the call. When full,
/// further alerts are counted in <see cref="Dropped"/> and <see cref="TotalDropped"/>, never thrown.
/// </summary>
public sealed class AlertBuffer
{
    private readonly EngineAlert[] _items;

    /// <summary>Creates a buffer of <paramref name="capacity"/> alerts.</summary>
    public AlertBuffer(int capacity)
    {
        _items = new EngineAlert[capacity];
    }

    /// <summary>Alerts held.</summary>
    public int Count { get; private set; }

    /// <summary>Alerts dropped since the last clear because the buffer was full.</summary>
    public int Dropped { get; private set; }

    /// <summary>Alerts dropped since construction.</summary>
    public long TotalDropped { get; private set; }

    /// <summary>The alerts of the last call.</summary>
    public ReadOnlySpan<EngineAlert> Items => new(_items, 0, Count);

    /// <summary>Empties the buffer (the engine does it at the start of every call).</summary>
    public void Clear()
    {
        Count = 0;
        Dropped = 0;
    }

    /// <summary>Appends an alert; returns false (and counts it) when full.</summary>
    public bool TryAdd(in EngineAlert alert)
    {
        if (Count == _items.Length)
        {
            Dropped++;
            TotalDropped++;
            return false;
        }

        _items[Count++] = alert;
        return true;
    }
}
