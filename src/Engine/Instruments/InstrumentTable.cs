namespace RiskGate.Engine.Instruments;

/// <summary>
/// The instrument table: a fixed-capacity array of <see cref="Instrument"/> indexed densely in
/// registration order, and the product groups they belong to (group = one underlying: its futures
/// curve and the option chains on those futures).
/// </summary>
/// <remarks>
/// <para>A group is walked without allocating through intrusive lists in registration order:
/// <c>for (var f = FirstFuture(g); f &gt;= 0; f = NextFuture(f))</c> visits its futures curve, and
/// <c>for (var o = FirstOption(f); o &gt;= 0; o = NextOption(o))</c> the option chain on future f.</para>
/// <para>Single owner: registration and reads happen on the thread that owns the engine state; no
/// synchronisation. Registration validates every field and throws <see cref="ArgumentException"/>
/// naming it; lookups never allocate.</para>
/// </remarks>
public sealed class InstrumentTable
{
    private readonly Instrument[] _instruments;
    private readonly int[] _futureCountByGroup;
    private readonly int[] _optionCountByGroup;
    private readonly int[] _firstFuture;
    private readonly int[] _lastFuture;
    private readonly int[] _firstOption;
    private readonly int[] _lastOption;
    private readonly int[] _next;

    /// <summary>Creates an empty table holding at most <paramref name="capacity"/> instruments in <paramref name="groupCount"/> groups.</summary>
    public InstrumentTable(int capacity, int groupCount)
    {
        if (capacity is < 1 or > 1 << 24)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(capacity), capacity, "instrument capacity must be in [1, 16777216].");
        }

        if (groupCount < 1 || groupCount > capacity)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(groupCount), groupCount, "group count must be in [1, capacity].");
        }

        _instruments = new Instrument[capacity];
        _futureCountByGroup = new int[groupCount];
        _optionCountByGroup = new int[groupCount];
        _firstFuture = new int[groupCount];
        _lastFuture = new int[groupCount];
        _firstOption = new int[capacity];
        _lastOption = new int[capacity];
        _next = new int[capacity];
        _firstFuture.AsSpan().Fill(-1);
        _lastFuture.AsSpan().Fill(-1);
        _firstOption.AsSpan().Fill(-1);
        _lastOption.AsSpan().Fill(-1);
        _next.AsSpan().Fill(-1);
    }

    /// <summary>Maximum number of instruments.</summary>
    public int Capacity => _instruments.Length;

    /// <summary>Number of product groups.</summary>
    public int GroupCount => _futureCountByGroup.Length;

    /// <summary>Number of registered instruments.</summary>
    public int Count { get; private set; }

    /// <summary>The instrument at a dense index; the index must be below <see cref="Count"/>.</summary>
    public ref readonly Instrument this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(index), index, "no instrument has this index.");
            }

            return ref _instruments[index];
        }
    }

    /// <summary>Number of futures registered in a group.</summary>
    public int FutureCount(int group) => _futureCountByGroup[group];

    /// <summary>Number of options registered in a group.</summary>
    public int OptionCount(int group) => _optionCountByGroup[group];

    /// <summary>First future of a group's curve, in registration order; −1 when none.</summary>
    public int FirstFuture(int group) => _firstFuture[group];

    /// <summary>The future registered after <paramref name="future"/> in its group; −1 at the end.</summary>
    public int NextFuture(int future) => _instruments[future].Kind == InstrumentKind.Future ? _next[future] : -1;

    /// <summary>First option of the chain on <paramref name="future"/>, in registration order; −1 when none.</summary>
    public int FirstOption(int future) => _firstOption[future];

    /// <summary>The option registered after <paramref name="option"/> on the same future; −1 at the end.</summary>
    public int NextOption(int option) => _instruments[option].Kind == InstrumentKind.Option ? _next[option] : -1;

    /// <summary>Registers a future; returns its dense index.</summary>
    /// <param name="group">Product group index in [0, <see cref="GroupCount"/>).</param>
    /// <param name="expiryYears">Time to expiry in years at the valuation time, in [0, 100).</param>
    /// <param name="multiplier">Money per point per contract, &gt; 0.</param>
    /// <param name="tickSize">Minimum price increment, &gt; 0.</param>
    public int AddFuture(int group, double expiryYears, double multiplier, double tickSize)
    {
        if ((uint)group >= (uint)GroupCount)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(group), group, "group must be in [0, group count).");
        }

        ValidateCommon(expiryYears, multiplier, tickSize);
        var index = Reserve();
        ref var i = ref _instruments[index];
        i.Index = index;
        i.Kind = InstrumentKind.Future;
        i.Group = group;
        i.Underlying = index;
        i.ExpiryYears = expiryYears;
        i.Strike = 0;
        i.IsCall = false;
        i.Multiplier = multiplier;
        i.TickSize = tickSize;
        _futureCountByGroup[group]++;
        Link(ref _firstFuture[group], ref _lastFuture[group], index);
        Count = index + 1;
        return index;
    }

    /// <summary>Registers a European option on a registered future; returns its dense index.</summary>
    /// <param name="underlyingFuture">Index of the future the option delivers; the option joins its group.</param>
    /// <param name="isCall">True for a call, false for a put.</param>
    /// <param name="strike">Strike in price units, &gt; 0.</param>
    /// <param name="expiryYears">Time to expiry in years, in [0, the future's expiry].</param>
    /// <param name="multiplier">Money per point per contract, &gt; 0.</param>
    /// <param name="tickSize">Minimum premium increment, &gt; 0.</param>
    public int AddOption(int underlyingFuture, bool isCall, double strike, double expiryYears, double multiplier, double tickSize)
    {
        if ((uint)underlyingFuture >= (uint)Count || _instruments[underlyingFuture].Kind != InstrumentKind.Future)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(underlyingFuture), underlyingFuture, "underlying must be the index of a registered future.");
        }

        if (!(strike > 0) || !double.IsFinite(strike))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(strike), strike, "strike must be finite and > 0.");
        }

        ValidateCommon(expiryYears, multiplier, tickSize);
        ref readonly var future = ref _instruments[underlyingFuture];
        if (expiryYears > future.ExpiryYears)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(expiryYears), expiryYears, "an option cannot expire after its underlying future.");
        }

        var index = Reserve();
        ref var i = ref _instruments[index];
        i.Index = index;
        i.Kind = InstrumentKind.Option;
        i.Group = future.Group;
        i.Underlying = underlyingFuture;
        i.ExpiryYears = expiryYears;
        i.Strike = strike;
        i.IsCall = isCall;
        i.Multiplier = multiplier;
        i.TickSize = tickSize;
        _optionCountByGroup[future.Group]++;
        Link(ref _firstOption[underlyingFuture], ref _lastOption[underlyingFuture], index);
        Count = index + 1;
        return index;
    }

    private void Link(ref int first, ref int last, int index)
    {
        if (last < 0)
        {
            first = index;
        }
        else
        {
            _next[last] = index;
        }

        last = index;
    }

    private int Reserve()
    {
        if (Count == _instruments.Length)
        {
            ThrowHelper.InvalidOperation("instrument table is full: raise the instrument capacity.");
        }

        return Count;
    }

    private static void ValidateCommon(double expiryYears, double multiplier, double tickSize)
    {
        if (!(expiryYears >= 0 && expiryYears < 100))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(expiryYears), expiryYears, "expiry must be in [0, 100) years.");
        }

        if (!(multiplier > 0) || !double.IsFinite(multiplier))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(multiplier), multiplier, "multiplier must be finite and > 0.");
        }

        if (!(tickSize > 0) || !double.IsFinite(tickSize))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(tickSize), tickSize, "tick size must be finite and > 0.");
        }
    }
}
