namespace RiskGate.Engine.Checks;

/// <summary>
/// Per-account sliding-window message throttle on message timestamps: a bounded ring of the last
/// <c>capacity</c> admitted timestamps per account. A message is admitted when fewer than
/// <c>limit</c> admitted messages have timestamps in (t − window, t]; only admitted messages are
/// recorded. O(1) per call; single owner (the risk thread); nothing allocates after construction.
/// </summary>
public sealed class Throttle
{
    private readonly long[] _stamps;
    private readonly int[] _head;
    private readonly int[] _count;
    private readonly int _capacity;
    private readonly long _window;

    /// <summary>Creates rings of <paramref name="capacity"/> stamps for <paramref name="accounts"/> accounts.</summary>
    public Throttle(int accounts, int capacity, long windowNanoseconds)
    {
        _capacity = capacity;
        _window = windowNanoseconds;
        _stamps = new long[checked(accounts * capacity)];
        _head = new int[accounts];
        _count = new int[accounts];
    }

    /// <summary>Starts loading (software prefetch) the account's window header. Changes nothing.</summary>
    internal void PrefetchHeader(int account)
    {
        State.UnsafePrefetch.One(_head, account);
        State.UnsafePrefetch.One(_count, account);
    }

    /// <summary>Starts loading the stamps <see cref="TryAdmit"/> will read, once the header is in cache. Changes nothing.</summary>
    internal void PrefetchStamps(int account)
    {
        if ((uint)account < (uint)_head.Length)
        {
            State.UnsafePrefetch.One(_stamps, (account * _capacity) + _head[account]);
        }
    }

    /// <summary>Admits (and records) a message at <paramref name="timestamp"/> when under <paramref name="limit"/> (≤ capacity) in the window.</summary>
    public bool TryAdmit(int account, long timestamp, int limit)
    {
        if (limit <= 0)
        {
            return false;
        }

        var head = _head[account];
        var baseIndex = account * _capacity;
        if (_count[account] >= limit)
        {
            var k = head - limit;
            if (k < 0)
            {
                k += _capacity;
            }

            // The limit-th most recent admitted stamp still inside the window: one more would exceed.
            if (timestamp - _stamps[baseIndex + k] < _window)
            {
                return false;
            }
        }

        _stamps[baseIndex + head] = timestamp;
        _head[account] = head + 1 == _capacity ? 0 : head + 1;
        if (_count[account] < _capacity)
        {
            _count[account]++;
        }

        return true;
    }
}
