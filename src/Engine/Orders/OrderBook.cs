using System.Runtime.CompilerServices;

namespace RiskGate.Engine.Orders;

/// <summary>
/// Pre-allocated pool of working orders (struct array + free list) with O(1) lookup by
/// (account, client order id) through an open-addressing table (linear probing, backward-shift
/// deletion, never more than half full) and a doubly linked list of each account's orders.
/// </summary>
/// <remarks>
/// Single owner: the risk thread. Nothing allocates after construction. Capacity: <c>capacity</c>
/// orders in total; <see cref="Add"/> returns −1 when full (the engine rejects with CapacityExhausted).
/// </remarks>
public sealed class OrderBook
{
    private readonly WorkingOrder[] _orders;
    private readonly int[] _table;
    private readonly int _mask;
    private readonly int[] _accountHead;
    private readonly int[] _accountCount;
    private int _free;

    /// <summary>Creates a pool of <paramref name="capacity"/> orders for <paramref name="accounts"/> accounts.</summary>
    public OrderBook(int capacity, int accounts)
    {
        _orders = new WorkingOrder[capacity];
        for (var i = 0; i < capacity; i++)
        {
            _orders[i].NextFree = i + 1 < capacity ? i + 1 : -1;
        }

        _free = 0;
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity * 2);
        _table = new int[size];
        _table.AsSpan().Fill(-1);
        _mask = size - 1;
        _accountHead = new int[accounts];
        _accountHead.AsSpan().Fill(-1);
        _accountCount = new int[accounts];
    }

    /// <summary>Pool slots (working orders at most).</summary>
    public int Capacity => _orders.Length;

    /// <summary>Working orders held.</summary>
    public int Count { get; private set; }

    /// <summary>The order in a slot (valid while <see cref="WorkingOrder.InUse"/>).</summary>
    public ref WorkingOrder this[int slot] => ref _orders[slot];

    /// <summary>Working orders of an account.</summary>
    public int AccountCount(int account) => _accountCount[account];

    /// <summary>First order slot of an account's list, or −1; continue with <see cref="NextInAccount"/>.</summary>
    public int FirstOfAccount(int account) => _accountHead[account];

    /// <summary>Next order slot in the same account's list, or −1.</summary>
    public int NextInAccount(int slot) => _orders[slot].NextInAccount;

    /// <summary>Starts loading (software prefetch) the lines <see cref="Find"/> and the account's count will read first. Changes nothing.</summary>
    internal void Prefetch(int account, ulong clientOrderId)
    {
        State.UnsafePrefetch.One(_table, Hash(account, clientOrderId));
        State.UnsafePrefetch.One(_accountCount, account);
        State.UnsafePrefetch.One(_accountHead, account);
    }

    /// <summary>The slot of the working order (account, id), or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(int account, ulong clientOrderId)
    {
        var i = Hash(account, clientOrderId);
        while (true)
        {
            var slot = _table[i];
            if (slot < 0)
            {
                return -1;
            }

            ref readonly var o = ref _orders[slot];
            if (o.ClientOrderId == clientOrderId && o.Account == account)
            {
                return slot;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>Takes a free slot for (account, id), which must not be working; returns it, or −1 when the pool is full. The caller fills the order fields.</summary>
    public int Add(int account, ulong clientOrderId)
    {
        if (_free < 0)
        {
            return -1;
        }

        var slot = _free;
        ref var o = ref _orders[slot];
        _free = o.NextFree;
        o = default;
        o.InUse = true;
        o.Account = account;
        o.ClientOrderId = clientOrderId;
        o.PrevInAccount = -1;
        o.NextInAccount = _accountHead[account];
        if (o.NextInAccount >= 0)
        {
            _orders[o.NextInAccount].PrevInAccount = slot;
        }

        _accountHead[account] = slot;
        _accountCount[account]++;
        var i = Hash(account, clientOrderId);
        while (_table[i] >= 0)
        {
            i = (i + 1) & _mask;
        }

        _table[i] = slot;
        Count++;
        return slot;
    }

    /// <summary>Frees a slot holding a working order.</summary>
    public void Remove(int slot)
    {
        ref var o = ref _orders[slot];
        RemoveFromTable(slot, o.Account, o.ClientOrderId);
        if (o.PrevInAccount >= 0)
        {
            _orders[o.PrevInAccount].NextInAccount = o.NextInAccount;
        }
        else
        {
            _accountHead[o.Account] = o.NextInAccount;
        }

        if (o.NextInAccount >= 0)
        {
            _orders[o.NextInAccount].PrevInAccount = o.PrevInAccount;
        }

        _accountCount[o.Account]--;
        o.InUse = false;
        o.NextFree = _free;
        _free = slot;
        Count--;
    }

    /// <summary>Gives a working order a new client order id (a replace that renames it).</summary>
    public void Rename(int slot, ulong clientOrderId)
    {
        ref var o = ref _orders[slot];
        RemoveFromTable(slot, o.Account, o.ClientOrderId);
        o.ClientOrderId = clientOrderId;
        var i = Hash(o.Account, clientOrderId);
        while (_table[i] >= 0)
        {
            i = (i + 1) & _mask;
        }

        _table[i] = slot;
    }

    private void RemoveFromTable(int slot, int account, ulong clientOrderId)
    {
        var i = Hash(account, clientOrderId);
        while (_table[i] != slot)
        {
            i = (i + 1) & _mask;
        }

        // Backward-shift deletion: pull later entries of the probe run into the hole so no tombstones accumulate.
        var hole = i;
        var j = i;
        while (true)
        {
            j = (j + 1) & _mask;
            var s = _table[j];
            if (s < 0)
            {
                break;
            }

            ref readonly var other = ref _orders[s];
            var home = Hash(other.Account, other.ClientOrderId);
            var distanceHome = (j - home) & _mask;
            var distanceHole = (j - hole) & _mask;
            if (distanceHome >= distanceHole)
            {
                _table[hole] = s;
                hole = j;
            }
        }

        _table[hole] = -1;
    }

    private int Hash(int account, ulong clientOrderId)
    {
        var h = (clientOrderId ^ ((ulong)(uint)account << 32) ^ (ulong)account) * 0x9E3779B97F4A7C15UL;
        return (int)(h >> 40) & _mask;
    }
}
