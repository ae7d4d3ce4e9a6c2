namespace RiskGate.Host.Simulate;

/// <summary>
/// FNV-1a (64-bit) over every decision's (input sequence, accepted, reason, initial margin after) in
/// little-endian bytes, in decision order: two runs with the same seed print the same hash. A mutable
/// struct owned by the thread that sees the decisions (the egress callback or the poller).
/// </summary>
internal struct DecisionHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    private ulong _value;
    private bool _started;

    /// <summary>The hash so far (the offset basis before the first decision).</summary>
    public readonly ulong Value => _started ? _value : OffsetBasis;

    /// <summary>Folds one decision into the hash.</summary>
    public void Add(long sequence, bool accepted, int reason, double initialAfter)
    {
        if (!_started)
        {
            _value = OffsetBasis;
            _started = true;
        }

        AddUInt64((ulong)sequence);
        AddByte(accepted ? (byte)1 : (byte)0);
        AddUInt64((ulong)(uint)reason);
        AddUInt64((ulong)BitConverter.DoubleToInt64Bits(initialAfter));
    }

    private void AddUInt64(ulong v)
    {
        for (var i = 0; i < 8; i++)
        {
            AddByte((byte)(v >> (8 * i)));
        }
    }

    private void AddByte(byte b)
    {
        _value ^= b;
        _value *= Prime;
    }
}
