using System.Numerics;
using System.Runtime.CompilerServices;

namespace RiskGate.Engine.Checks;

/// <summary>
/// Bounded table of an account's limit overrides scoped to one product group or one instrument
/// (open addressing, linear probing, pre-sized; entries are never removed — clearing a scope stores
/// <see cref="OrderLimits.UseDefaults"/> in its entry). Lookups and updates allocate nothing.
/// </summary>
/// <remarks>Single owner: the engine's thread.</remarks>
public sealed class ScopedLimitTable
{
    private const ulong Empty = ulong.MaxValue;

    private readonly ulong[] _keys;
    private readonly OrderLimits[] _values;
    private readonly int[] _perAccount;
    private readonly int _mask;

    /// <summary>Creates a table holding up to <paramref name="capacity"/> scopes for <paramref name="maxAccounts"/> accounts.</summary>
    /// <param name="capacity">Scopes held, in [0, 2^20].</param>
    /// <param name="maxAccounts">Dense account indices are in [0, maxAccounts).</param>
    public ScopedLimitTable(int capacity, int maxAccounts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1 << 20);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAccounts, 1);
        Capacity = capacity;
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2 * capacity, 2));
        _keys = new ulong[size];
        _keys.AsSpan().Fill(Empty);
        _values = new OrderLimits[size];
        _perAccount = new int[maxAccounts];
        _mask = size - 1;
    }

    /// <summary>Scopes the table can hold.</summary>
    public int Capacity { get; }

    /// <summary>Scopes held.</summary>
    public int Count { get; private set; }

    /// <summary>Scopes held for one account (0 lets the order path skip the lookups).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AccountScopes(int account) => _perAccount[account];

    /// <summary>Sets (or replaces) the overrides of a scope. Returns false when the scope is new and the table is full.</summary>
    /// <param name="account">Dense account index.</param>
    /// <param name="isInstrument">True for an instrument scope, false for a product-group scope.</param>
    /// <param name="id">Dense instrument index or group index, in [0, 2^31).</param>
    /// <param name="limits">The overrides (negative / NaN fields inherit).</param>
    public bool TrySet(int account, bool isInstrument, int id, in OrderLimits limits)
    {
        var key = Key(account, isInstrument, id);
        var i = Probe(key);
        if (_keys[i] != key)
        {
            if (Count == Capacity)
            {
                return false;
            }

            _keys[i] = key;
            Count++;
            _perAccount[account]++;
        }

        _values[i] = limits;
        return true;
    }

    /// <summary>The overrides of a scope, or a null reference when the scope has none (test with <see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly OrderLimits Find(int account, bool isInstrument, int id)
    {
        var key = Key(account, isInstrument, id);
        var i = Probe(key);
        if (_keys[i] != key)
        {
            return ref Unsafe.NullRef<OrderLimits>();
        }

        return ref _values[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(int account, bool isInstrument, int id)
        => ((ulong)(uint)account << 32) | (isInstrument ? 0x8000_0000UL : 0UL) | (uint)id;

    private int Probe(ulong key)
    {
        // Fibonacci hashing spreads the packed (account, scope) keys; the table is at most half full.
        var i = (int)((key * 0x9E37_79B9_7F4A_7C15UL) >> 40) & _mask;
        while (_keys[i] != Empty && _keys[i] != key)
        {
            i = (i + 1) & _mask;
        }

        return i;
    }
}
