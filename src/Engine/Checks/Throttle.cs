namespace RiskGate.Engine.Checks;

/// <summary>
/// Per-account sliding-window message throttle on message timestamps: a bounded ring of the last
/// <c>capacity</c> admitted timestamps per account. A message is admitted when fewer than
/// <c>limit</c> admitted messages have timestamps in (t − window, t]; only admitted messages are
/// recorded. O(1) per call; single owner (the risk thread); nothing allocates after construction.
/// </summary>
/// <remarks>
/// Timestamps are the sender's, so they fail closed: an account's throttle time never goes back. A
/// message stamped before the account's latest admitted stamp (or before 0, a wire stamp past 2⁶³) is
/// counted at that latest stamp, inside the current window, so back-dating cannot make room; a
/// far-future stamp moves only its own account's window (and throttles only that account). Recorded
/// stamps are therefore non-decreasing per account, which is what makes the one comparison with the
/// limit-th most recent stamp an exact window count. The engine passes the later of its own time and
/// the message's stamp, so a stamp older than the gate's trusted time counts at that time.
/// </remarks>
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

    /// <summary>
    /// Admits (and records) a message at <paramref name="timestamp"/>, clamped to the account's latest
    /// admitted stamp (and to ≥ 0), when under <paramref name="limit"/> (≤ capacity) in the window.
    /// </summary>
    public bool TryAdmit(int account, long timestamp, int limit)
    {
        if (limit <= 0)
        {
            return false;
        }

        var head = _head[account];
        var baseIndex = account * _capacity;
        var count = _count[account];
        var latest = count == 0 ? 0 : _stamps[baseIndex + (head == 0 ? _capacity : head) - 1];
        timestamp = Math.Max(timestamp, latest);
        if (count >= limit)
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
        if (count < _capacity)
        {
            _count[account] = count + 1;
        }

        return true;
    }
}
