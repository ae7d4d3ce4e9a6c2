using System.Runtime.CompilerServices;

namespace RiskGate.Engine.State;

/// <summary>
/// Bounded open-addressing map from an external <c>uint</c> id to a dense index 0..Capacity−1, assigned
/// in insertion order. Linear probing over a power-of-two table at most half full; ids are never
/// removed. Single owner (the risk thread); nothing allocates after construction.
/// </summary>
public sealed class IdIndex
{
    private readonly uint[] _keys;
    private readonly int[] _values;
    private readonly uint[] _external;
    private readonly int _mask;

    /// <summary>Creates a map for up to <paramref name="capacity"/> ids.</summary>
    public IdIndex(int capacity)
    {
        if (capacity is < 1 or > 1 << 24)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(capacity), capacity, "id capacity must be in [1, 16777216].");
        }

        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity * 2);
        _keys = new uint[size];
        _values = new int[size];
        _values.AsSpan().Fill(-1);
        _external = new uint[capacity];
        _mask = size - 1;
        Capacity = capacity;
    }

    /// <summary>Most ids the map holds.</summary>
    public int Capacity { get; }

    /// <summary>Ids held (dense indices 0..Count−1).</summary>
    public int Count { get; private set; }

    /// <summary>The external id of a dense index.</summary>
    public uint External(int index) => _external[index];

    /// <summary>The dense index of <paramref name="id"/>, or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(uint id)
    {
        var i = Hash(id);
        while (true)
        {
            var v = _values[i];
            if (v < 0 || _keys[i] == id)
            {
                return v;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>The dense index of <paramref name="id"/>, adding it when new; −1 when full.</summary>
    public int GetOrAdd(uint id, out bool added)
    {
        added = false;
        var i = Hash(id);
        while (true)
        {
            var v = _values[i];
            if (v >= 0 && _keys[i] == id)
            {
                return v;
            }

            if (v < 0)
            {
                if (Count == Capacity)
                {
                    return -1;
                }

                _keys[i] = id;
                _values[i] = Count;
                _external[Count] = id;
                added = true;
                return Count++;
            }

            i = (i + 1) & _mask;
        }
    }

    private int Hash(uint id) => (int)((id * 0x9E3779B1u) >> 7) & _mask;
}
