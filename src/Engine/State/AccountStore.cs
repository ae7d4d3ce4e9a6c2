using System.Runtime.CompilerServices;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Market;

namespace RiskGate.Engine.State;

/// <summary>
/// Every account's cash, positions, working quantities and <b>cached scenario vectors</b>, pre-allocated
/// from <see cref="AccountStoreOptions"/> and laid out flat for SIMD (DESIGN §5.2).
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> An account owns up to <c>MaxPositionsPerAccount</c> instrument slots (position,
/// working buy and sell quantities, average price) and up to <c>MaxGroupsPerAccount</c> group slots. A
/// group slot holds, per future of the group (by ordinal, <see cref="MarketState.FutureOrdinal"/>) and
/// per set — 0 positions, 1 working buys, 2 working sells (signed, so sells are negative) — the four
/// cached rows Σq·RA, Σq·D̃, Σq·G̃, Σq·Ṽ and the centre sums. The rows of one future are packed at the
/// group's own stride (<see cref="MarketState.GroupStride"/>: its node count in whole SIMD lanes), the
/// three sets one after the other, so an evaluation reads one contiguous run of memory per future
/// (sets × rows × group stride doubles; the region reserved per future is sized for the widest group). Per group slot and combination (positions; positions + buys; positions +
/// sells) it also counts held instruments and short option contracts, and per future the futures
/// cost basis, so the short option minimum, spread charge and equity update incrementally.</para>
/// <para><b>Epochs.</b> A group slot remembers the <see cref="MarketState.Epoch"/> its rows were built
/// at. Every mutation first brings it up to date: a stale slot is rebuilt from the account's
/// instrument slots in that group (cost ∝ those positions × nodes), then the change is added.</para>
/// <para><b>Capacity.</b> Exhaustion returns <see cref="StateStatus.CapacityExhausted"/> and changes
/// nothing. A fill only moves positions and cash (as <see cref="Portfolio.Trade"/>: options pay the
/// premium, reducing futures realise P&amp;L); converting a working order is RemoveWorking then ApplyFill.</para>
/// <para>Single owner: the risk thread. After construction nothing here allocates.</para>
/// </remarks>
public sealed class AccountStore
{
    internal const int Sets = 3;
    internal const int Rows = 4;

    private readonly MarketState _market;
    private readonly InstrumentTable _instruments;
    private readonly int _maxPositions;
    private readonly int _maxGroupSlots;
    private readonly int _maxFutures;
    private readonly int _stride;
    private readonly int _groupCount;

    private readonly double[] _cash;
    private readonly int[] _slotCount;
    private readonly int[] _workingSlots;

    private readonly int[] _slotInstrument;
    private readonly long[] _slotPosition;
    private readonly long[] _slotBuy;
    private readonly long[] _slotSell;
    private readonly double[] _slotPrice;

    private readonly int[] _groupSlotOf;
    private readonly int[] _gsGroup;
    private readonly long[] _gsEpoch;
    private readonly ulong[] _gsFutureMask;
    private readonly int[] _gsSlots;
    private readonly int[] _gsHeld;
    private readonly long[] _gsShort;
    private readonly long[] _gsOptionContracts;
    private readonly long[] _gsMutation;

    private readonly int[] _fsSlots;
    private readonly int[] _fsSetCount;
    private readonly double[] _fsFuturesQm;
    private readonly double[] _fsFuturesCost;

    private readonly double[] _vectors;
    private readonly CentreSums[] _sums;

    /// <summary>Creates the store, sized from <paramref name="options"/>, over <paramref name="market"/>'s instruments and anchors.</summary>
    public AccountStore(MarketState market, AccountStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(options);
        _market = market;
        _instruments = market.Instruments;
        var accounts = options.MaxAccounts;
        _maxPositions = options.MaxPositionsPerAccount;
        _maxGroupSlots = options.MaxGroupsPerAccount;
        _maxFutures = market.MaxFuturesPerGroup;
        _stride = market.NodeStride;
        _groupCount = _instruments.GroupCount;
        MaxAccounts = accounts;

        _cash = new double[accounts];
        _slotCount = new int[accounts];
        _workingSlots = new int[accounts];
        var slots = checked(accounts * _maxPositions);
        _slotInstrument = new int[slots];
        _slotPosition = new long[slots];
        _slotBuy = new long[slots];
        _slotSell = new long[slots];
        _slotPrice = new double[slots];

        _groupSlotOf = new int[checked(accounts * _groupCount)];
        _groupSlotOf.AsSpan().Fill(-1);
        var groupSlots = checked(accounts * _maxGroupSlots);
        _gsGroup = new int[groupSlots];
        _gsGroup.AsSpan().Fill(-1);
        _gsEpoch = new long[groupSlots];
        _gsFutureMask = new ulong[groupSlots];
        _gsSlots = new int[groupSlots];
        _gsHeld = new int[groupSlots * Sets];
        _gsShort = new long[groupSlots * Sets];
        _gsOptionContracts = new long[groupSlots * Sets];
        _gsMutation = new long[groupSlots * Sets];

        var futureSlots = checked(groupSlots * _maxFutures);
        _fsSlots = new int[futureSlots];
        _fsSetCount = new int[checked(futureSlots * Sets)];
        _fsFuturesQm = new double[futureSlots];
        _fsFuturesCost = new double[futureSlots];
        var blocks = checked(futureSlots * Sets);
        _vectors = new double[checked(blocks * Rows * _stride)];
        _sums = new CentreSums[blocks];
        MemoryPrefault.Touch(_vectors);
        MemoryPrefault.Touch(_sums);
        MemoryPrefault.Touch(_slotInstrument);
        MemoryPrefault.Touch(_slotPosition);
        MemoryPrefault.Touch(_slotBuy);
        MemoryPrefault.Touch(_slotSell);
        MemoryPrefault.Touch(_slotPrice);
        MemoryPrefault.Touch(_fsSlots);
        MemoryPrefault.Touch(_fsFuturesQm);
        MemoryPrefault.Touch(_fsFuturesCost);
    }

    /// <summary>Number of accounts (valid indices are 0..MaxAccounts−1).</summary>
    public int MaxAccounts { get; }

    /// <summary>The market the cached rows are anchored to.</summary>
    public MarketState Market => _market;

    /// <summary>Group slots per account.</summary>
    public int MaxGroupsPerAccount => _maxGroupSlots;

    /// <summary>Number of lazy rebuilds performed (stale group slots brought to a new epoch).</summary>
    public long RebuildCount { get; private set; }

    /// <summary>Cash collateral of an account.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Cash(int account) => _cash[account];

    /// <summary>Number of instrument slots in use (held or working).</summary>
    public int SlotCount(int account) => _slotCount[account];

    /// <summary>Instrument of the k-th slot of an account, k in [0, <see cref="SlotCount"/>).</summary>
    public int SlotInstrument(int account, int k) => _slotInstrument[account * _maxPositions + k];

    /// <summary>True when the account has any working quantity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool HasWorking(int account) => _workingSlots[account] != 0;

    /// <summary>Signed position of an account in an instrument.</summary>
    public long Position(int account, int instrument)
    {
        var k = FindSlot(account, instrument);
        return k < 0 ? 0 : _slotPosition[k];
    }

    /// <summary>Average trade price of the open position (0 when flat).</summary>
    public double AveragePrice(int account, int instrument)
    {
        var k = FindSlot(account, instrument);
        return k < 0 ? 0 : _slotPrice[k];
    }

    /// <summary>Working quantity on one side (a positive number of contracts).</summary>
    public long Working(int account, int instrument, OrderSide side)
    {
        var k = FindSlot(account, instrument);
        return k < 0 ? 0 : side == OrderSide.Buy ? _slotBuy[k] : _slotSell[k];
    }

    /// <summary>Sets an account's cash collateral.</summary>
    public StateStatus SetCash(int account, double cash)
    {
        if ((uint)account >= (uint)MaxAccounts)
        {
            return StateStatus.UnknownAccount;
        }

        if (!double.IsFinite(cash))
        {
            return StateStatus.InvalidPrice;
        }

        _cash[account] = cash;
        return StateStatus.Ok;
    }

    /// <summary>Adds (deposit) or removes (withdrawal, negative) cash collateral.</summary>
    public StateStatus Deposit(int account, double amount)
    {
        if ((uint)account >= (uint)MaxAccounts)
        {
            return StateStatus.UnknownAccount;
        }

        if (!double.IsFinite(amount))
        {
            return StateStatus.InvalidPrice;
        }

        _cash[account] += amount;
        return StateStatus.Ok;
    }

    /// <summary>
    /// Applies a fill of <paramref name="signedQuantity"/> contracts (positive buys) at
    /// <paramref name="price"/>: position, average price, cash (option premium; realised futures
    /// P&amp;L) and the cached vectors. O(nodes) unless the group slot is stale (then + a rebuild).
    /// </summary>
    public StateStatus ApplyFill(int account, int instrument, long signedQuantity, double price)
    {
        if (!double.IsFinite(price))
        {
            return StateStatus.InvalidPrice;
        }

        return signedQuantity == 0 ? StateStatus.InvalidQuantity : Change(account, instrument, signedQuantity, 0, 0, price, true);
    }

    /// <summary>Loads a position directly (start of day): no cash moves; quantity 0 removes it.</summary>
    public StateStatus SetPosition(int account, int instrument, long quantity, double averagePrice)
    {
        if (!double.IsFinite(averagePrice))
        {
            return StateStatus.InvalidPrice;
        }

        var status = Validate(account, instrument);
        if (status != StateStatus.Ok)
        {
            return status;
        }

        var k = FindSlot(account, instrument);
        var old = k < 0 ? 0 : _slotPosition[k];
        return quantity == old ? StateStatus.Ok : Change(account, instrument, quantity - old, 0, 0, quantity == 0 ? 0 : averagePrice, false);
    }

    /// <summary>Adds <paramref name="quantity"/> (&gt; 0) contracts of working orders on one side.</summary>
    public StateStatus AddWorking(int account, int instrument, OrderSide side, long quantity)
    {
        if (quantity <= 0)
        {
            return StateStatus.InvalidQuantity;
        }

        return side == OrderSide.Buy
            ? Change(account, instrument, 0, quantity, 0, 0, false)
            : Change(account, instrument, 0, 0, quantity, 0, false);
    }

    /// <summary>Removes <paramref name="quantity"/> (&gt; 0, at most what is working) contracts of working orders on one side (cancel, or before a fill).</summary>
    public StateStatus RemoveWorking(int account, int instrument, OrderSide side, long quantity)
    {
        if (quantity <= 0)
        {
            return StateStatus.InvalidQuantity;
        }

        return side == OrderSide.Buy
            ? Change(account, instrument, 0, -quantity, 0, 0, false)
            : Change(account, instrument, 0, 0, -quantity, 0, false);
    }

    /// <summary>
    /// Brings every stale group slot of the account to its group's current epoch (what the account's
    /// next event would do lazily). Returns the number of group slots rebuilt.
    /// </summary>
    public int RefreshAccount(int account)
    {
        var rebuilt = 0;
        var baseSlot = account * _maxGroupSlots;
        for (var gs = 0; gs < _maxGroupSlots; gs++)
        {
            if (_gsGroup[baseSlot + gs] >= 0 && EnsureFresh(account, gs))
            {
                rebuilt++;
            }
        }

        return rebuilt;
    }

    /// <summary>Rebuilds every group slot of the account from its positions, stale or not (tests, recovery).</summary>
    public void RebuildAccount(int account)
    {
        var baseSlot = account * _maxGroupSlots;
        for (var gs = 0; gs < _maxGroupSlots; gs++)
        {
            if (_gsGroup[baseSlot + gs] >= 0)
            {
                Rebuild(account, gs);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int GroupSlot(int account, int group) => _groupSlotOf[account * _groupCount + group];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int GroupOfSlot(int account, int groupSlot) => _gsGroup[account * _maxGroupSlots + groupSlot];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong FutureMask(int account, int groupSlot) => _gsFutureMask[account * _maxGroupSlots + groupSlot];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Held(int account, int groupSlot, int combo) => _gsHeld[(account * _maxGroupSlots + groupSlot) * Sets + combo];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long ShortOptions(int account, int groupSlot, int combo) => _gsShort[(account * _maxGroupSlots + groupSlot) * Sets + combo];

    /// <summary>
    /// Incremented at every change of what combination <paramref name="combo"/> (0 positions, 1 + working
    /// buys, 2 + working sells) of a group slot reads: its rows, centre sums, futures held, or the
    /// position-side equity terms (combination 0). A change of working buys only moves combination 1's
    /// stamp, of working sells only combination 2's; positions, new or freed slots and rebuilds move all
    /// three. Readers stamp derived caches with it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long Mutation(int account, int groupSlot, int combo) => _gsMutation[(account * _maxGroupSlots + groupSlot) * Sets + combo];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long OptionContracts(int account, int groupSlot, int combo) => _gsOptionContracts[(account * _maxGroupSlots + groupSlot) * Sets + combo];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double FuturesQuantityMultiplier(int account, int groupSlot, int ordinal) => _fsFuturesQm[(account * _maxGroupSlots + groupSlot) * _maxFutures + ordinal];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double FuturesCost(int account, int groupSlot, int ordinal) => _fsFuturesCost[(account * _maxGroupSlots + groupSlot) * _maxFutures + ordinal];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Block(int account, int groupSlot, int ordinal, int set) => (((account * _maxGroupSlots) + groupSlot) * _maxFutures + ordinal) * Sets + set;

    internal double[] Vectors => _vectors;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref readonly CentreSums Sums(int block) => ref _sums[block];

    /// <summary>
    /// Instruments with a non-zero quantity in the block's set (positions, working buys or working
    /// sells of one future). Zero means the block's vectors and sums are exactly zero (they are cleared
    /// when the last one leaves), so a reader may skip the block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int SetCount(int block) => _fsSetCount[block];

    /// <summary>The cached row of a block (group stride long): component 0 Σq·RA, 1 Σq·D̃, 2 Σq·G̃, 3 Σq·Ṽ.</summary>
    internal ReadOnlySpan<double> Row(int block, int component)
    {
        var groupStride = _market.GroupStride(_gsGroup[block / (Sets * _maxFutures)]);
        return new(_vectors, VectorOffset(block, groupStride) + component * groupStride, groupStride);
    }

    /// <summary>
    /// Index in <see cref="Vectors"/> of a block's first row (its rows follow at
    /// <paramref name="groupStride"/>, the block's group's <see cref="MarketState.GroupStride"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int VectorOffset(int block, int groupStride)
    {
        var set = block % Sets;
        return ((block - set) * _stride + set * groupStride) * Rows;
    }

    internal int FindSlot(int account, int instrument)
    {
        if ((uint)account >= (uint)MaxAccounts)
        {
            return -1;
        }

        // IndexOf is vectorised and returns the first match, as a forward scan would.
        var first = account * _maxPositions;
        var k = _slotInstrument.AsSpan(first, _slotCount[account]).IndexOf(instrument);
        return k < 0 ? -1 : first + k;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long SlotPosition(int slot) => _slotPosition[slot];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long SlotBuy(int slot) => _slotBuy[slot];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long SlotSell(int slot) => _slotSell[slot];

    /// <summary>True when adding the instrument to the account would exhaust a capacity.</summary>
    internal bool WouldExhaust(int account, int instrument)
    {
        return FindSlot(account, instrument) < 0 && WouldExhaustUnheld(account, instrument);
    }

    /// <summary><see cref="WouldExhaust"/> for an instrument the caller already found no slot for (skips the second lookup).</summary>
    internal bool WouldExhaustUnheld(int account, int instrument)
    {
        if (_slotCount[account] == _maxPositions)
        {
            return true;
        }

        return GroupSlot(account, _instruments[instrument].Group) < 0 && FreeGroupSlot(account) < 0;
    }

    /// <summary>
    /// First of two prefetch steps for a message of <paramref name="account"/> (see
    /// <see cref="RiskEngine.Prefetch"/>): starts loading its scalars and group-slot headers, whose
    /// values <see cref="PrefetchRows"/> needs. Reads nothing itself; changes nothing.
    /// </summary>
    internal void PrefetchHeaders(int account)
    {
        if ((uint)account >= (uint)MaxAccounts)
        {
            return;
        }

        UnsafePrefetch.One(_cash, account);
        UnsafePrefetch.One(_slotCount, account);
        UnsafePrefetch.One(_workingSlots, account);
        UnsafePrefetch.Range(_groupSlotOf, account * _groupCount, _groupCount);
        var baseSlot = account * _maxGroupSlots;
        UnsafePrefetch.Range(_gsGroup, baseSlot, _maxGroupSlots);
        UnsafePrefetch.Range(_gsEpoch, baseSlot, _maxGroupSlots);
        UnsafePrefetch.Range(_gsFutureMask, baseSlot, _maxGroupSlots);
        UnsafePrefetch.Range(_gsSlots, baseSlot, _maxGroupSlots);
        UnsafePrefetch.Range(_gsHeld, baseSlot * Sets, _maxGroupSlots * Sets);
        UnsafePrefetch.Range(_gsShort, baseSlot * Sets, _maxGroupSlots * Sets);
        UnsafePrefetch.Range(_gsOptionContracts, baseSlot * Sets, _maxGroupSlots * Sets);
        UnsafePrefetch.Range(_gsMutation, baseSlot * Sets, _maxGroupSlots * Sets);
        UnsafePrefetch.Range(_fsSetCount, baseSlot * _maxFutures * Sets, _maxGroupSlots * _maxFutures * Sets);
    }

    /// <summary>
    /// Second prefetch step, a message later than <see cref="PrefetchHeaders"/> (whose lines are then
    /// in cache): starts loading the account's instrument slots, future slots, centre sums and the
    /// cached vectors a check reads (the non-empty sets of every future it holds). Changes nothing.
    /// </summary>
    internal void PrefetchRows(int account)
    {
        if ((uint)account >= (uint)MaxAccounts)
        {
            return;
        }

        var first = account * _maxPositions;
        var count = _slotCount[account];
        UnsafePrefetch.Range(_slotInstrument, first, count);
        UnsafePrefetch.Range(_slotPosition, first, count);
        UnsafePrefetch.Range(_slotBuy, first, count);
        UnsafePrefetch.Range(_slotSell, first, count);
        UnsafePrefetch.Range(_slotPrice, first, count);
        var baseSlot = account * _maxGroupSlots;
        for (var gs = 0; gs < _maxGroupSlots; gs++)
        {
            var ags = baseSlot + gs;
            var group = _gsGroup[ags];
            if (group < 0)
            {
                continue;
            }

            UnsafePrefetch.Range(_fsSlots, ags * _maxFutures, _maxFutures);
            UnsafePrefetch.Range(_fsFuturesQm, ags * _maxFutures, _maxFutures);
            UnsafePrefetch.Range(_fsFuturesCost, ags * _maxFutures, _maxFutures);
            var groupStride = _market.GroupStride(group);
            var mask = _gsFutureMask[ags];
            while (mask != 0)
            {
                var ordinal = System.Numerics.BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                var block = (ags * _maxFutures + ordinal) * Sets;
                UnsafePrefetch.Range(_sums, block, Sets);

                // The rows a check expands: non-empty sets only; the vega row only when the vol moved.
                var rows = _market.VolMove(_market.GroupFuture(group, ordinal)) == 0 ? Rows - 1 : Rows;
                for (var set = 0; set < Sets; set++)
                {
                    if (_fsSetCount[block + set] != 0)
                    {
                        UnsafePrefetch.Range(_vectors, VectorOffset(block + set, groupStride), rows * groupStride);
                    }
                }
            }
        }
    }

    /// <summary>Rebuilds a stale group slot; returns true when it was stale.</summary>
    internal bool EnsureFresh(int account, int groupSlot)
    {
        var ags = account * _maxGroupSlots + groupSlot;
        if (_gsEpoch[ags] == _market.Epoch(_gsGroup[ags]))
        {
            return false;
        }

        Rebuild(account, groupSlot);
        RebuildCount++;
        return true;
    }

    private StateStatus Validate(int account, int instrument)
    {
        if ((uint)account >= (uint)MaxAccounts)
        {
            return StateStatus.UnknownAccount;
        }

        if ((uint)instrument >= (uint)_instruments.Count)
        {
            return StateStatus.UnknownInstrument;
        }

        return _market.IsAnchored(_instruments[instrument].Group) ? StateStatus.Ok : StateStatus.MarketNotAnchored;
    }

    private StateStatus Change(int account, int instrument, long dPosition, long dBuy, long dSell, double price, bool isFill)
    {
        var status = Validate(account, instrument);
        if (status != StateStatus.Ok)
        {
            return status;
        }

        ref readonly var inst = ref _instruments[instrument];
        var k = FindSlot(account, instrument);
        long p = 0, b = 0, s = 0;
        double average = 0;
        if (k >= 0)
        {
            p = _slotPosition[k];
            b = _slotBuy[k];
            s = _slotSell[k];
            average = _slotPrice[k];
        }

        var np = p + dPosition;
        var nb = b + dBuy;
        var ns = s + dSell;
        if (Overflowed(p, dPosition, np) || Overflowed(b, dBuy, nb) || Overflowed(s, dSell, ns) || nb < 0 || ns < 0)
        {
            return StateStatus.InvalidQuantity;
        }

        var group = inst.Group;
        var gs = GroupSlot(account, group);
        var created = k < 0;
        if (created)
        {
            if (_slotCount[account] == _maxPositions)
            {
                return StateStatus.CapacityExhausted;
            }

            if (gs < 0)
            {
                gs = FreeGroupSlot(account);
                if (gs < 0)
                {
                    return StateStatus.CapacityExhausted;
                }

                OpenGroupSlot(account, gs, group);
            }

            k = account * _maxPositions + _slotCount[account]++;
            _slotInstrument[k] = instrument;
            _slotPosition[k] = 0;
            _slotBuy[k] = 0;
            _slotSell[k] = 0;
            _slotPrice[k] = 0;
            var ordinal = _market.FutureOrdinal(instrument);
            var afs = (account * _maxGroupSlots + gs) * _maxFutures + ordinal;
            _fsSlots[afs]++;
            _gsFutureMask[account * _maxGroupSlots + gs] |= 1UL << ordinal;
            _gsSlots[account * _maxGroupSlots + gs]++;
        }

        EnsureFresh(account, gs);
        var ags = account * _maxGroupSlots + gs;
        if (created || dPosition != 0)
        {
            Touched(ags);
        }
        else
        {
            // Only one working side moved: the other combinations read nothing that changed.
            _gsMutation[ags * Sets + (dBuy != 0 ? 1 : 2)]++;
        }

        var fsOrdinal = _market.FutureOrdinal(instrument);
        var fs = ags * _maxFutures + fsOrdinal;

        // Held instruments and short option contracts per combination (pos, pos + buys, pos + sells).
        UpdateCounts(ags * Sets, p, np, inst.IsOption);
        UpdateCounts(ags * Sets + 1, p + b, np + nb, inst.IsOption);
        UpdateCounts(ags * Sets + 2, p - s, np - ns, inst.IsOption);

        var block = fs * Sets;
        AddToSet(block, instrument, p, np);
        AddToSet(block + 1, instrument, b, nb);
        AddToSet(block + 2, instrument, -s, -ns);

        var m = inst.Multiplier;
        var newAverage = average;
        if (dPosition != 0)
        {
            newAverage = isFill ? Trade(account, inst, p, average, dPosition, price) : price;
            if (np == 0)
            {
                newAverage = 0;
            }

            if (!inst.IsOption)
            {
                _fsFuturesQm[fs] += (np - p) * m;
                _fsFuturesCost[fs] += np * newAverage * m - p * average * m;
            }
        }

        var wasWorking = b != 0 || s != 0;
        var isWorking = nb != 0 || ns != 0;
        _workingSlots[account] += (isWorking ? 1 : 0) - (wasWorking ? 1 : 0);
        _slotPosition[k] = np;
        _slotBuy[k] = nb;
        _slotSell[k] = ns;
        _slotPrice[k] = newAverage;
        if (np == 0 && nb == 0 && ns == 0)
        {
            Touched(ags);
            FreeSlot(account, k, ags, fs, fsOrdinal);
        }

        return StateStatus.Ok;
    }

    // Mirrors Portfolio.Trade: premium through cash for options, realised P&L for reducing futures.
    private double Trade(int account, in Instrument inst, long old, double oldPrice, long signedQuantity, double price)
    {
        var m = inst.Multiplier;
        var next = old + signedQuantity;
        if (inst.IsOption)
        {
            _cash[account] -= signedQuantity * price * m;
        }
        else if (old != 0 && Math.Sign(old) != Math.Sign(signedQuantity))
        {
            var closed = Math.Min(Math.Abs(old), Math.Abs(signedQuantity));
            _cash[account] += closed * (price - oldPrice) * m * Math.Sign(old);
        }

        if (next == 0)
        {
            return 0;
        }

        if (old == 0 || Math.Sign(next) != Math.Sign(old))
        {
            return price;
        }

        return Math.Abs(next) > Math.Abs(old) ? (old * oldPrice + signedQuantity * price) / next : oldPrice;
    }

    // Two's-complement overflow of sum = a + b: both operands differ in sign from the result.
    private static bool Overflowed(long a, long b, long sum) => ((a ^ sum) & (b ^ sum)) < 0;

    private void UpdateCounts(int index, long before, long after, bool isOption)
    {
        _gsHeld[index] += (after != 0 ? 1 : 0) - (before != 0 ? 1 : 0);
        if (isOption)
        {
            _gsShort[index] += Math.Max(-after, 0) - Math.Max(-before, 0);
            _gsOptionContracts[index] += Math.Abs(after) - Math.Abs(before);
        }
    }

    // One set's change from `before` to `after` contracts of an instrument: its count of non-zero
    // quantities, its vectors and sums; the last one leaving clears the block, so that the rounding residue
    // of adds and removes never lingers in a set that holds nothing (and readers may skip empty sets).
    private void AddToSet(int block, int instrument, long before, long after)
    {
        if (before == after)
        {
            return;
        }

        ref var count = ref _fsSetCount[block];
        count += (after != 0 ? 1 : 0) - (before != 0 ? 1 : 0);
        if (count == 0)
        {
            ClearBlock(block, _instruments[instrument].Group);
        }
        else
        {
            AddInstrument(block, instrument, after - before);
        }
    }

    private void ClearBlock(int block, int group)
    {
        var n = _market.GroupStride(group);
        _vectors.AsSpan(VectorOffset(block, n), Rows * n).Clear();
        _sums[block] = default;
    }

    private void AddInstrument(int block, int instrument, long quantity)
    {
        if (quantity == 0)
        {
            return;
        }

        double q = quantity;
        ref readonly var inst = ref _instruments[instrument];
        var n = _market.GroupStride(inst.Group);
        AddRows(_vectors.AsSpan(VectorOffset(block, n), Rows * n), new ReadOnlySpan<double>(_market.Rows, _market.RowsOffset(instrument), Rows * n), q, inst.IsOption, n);
        AddSums(block, instrument, q);
    }

    // The four rows are packed the same way on both sides: one pass, element for element the same
    // additions as four row-by-row passes. A future's vega row is exactly +0 (MarketState clears it),
    // and adding ±0 to a cached row changes no bit (a cached row is never −0: it starts at +0 and only
    // ever has numbers added, and x + y is −0 only when both are), so a future adds three rows.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRows(Span<double> rows, ReadOnlySpan<double> anchor, double q, bool isOption, int n)
    {
        var length = isOption ? Rows * n : (Rows - 1) * n;
        ScenarioVector.AddScaled(rows[..length], anchor, q);
    }

    private void AddSums(int block, int instrument, double q)
    {
        ref var sums = ref _sums[block];
        sums.Delta += q * _market.CentreDelta(instrument);
        sums.Gamma += q * _market.CentreGamma(instrument);
        sums.Vega += q * _market.CentreVega(instrument);
        sums.Value += q * _market.CentreValue(instrument);
        sums.DeltaEquivalent += q * _market.DeltaEquivalent(instrument);
        sums.DeltaEquivalentSlope += q * _market.DeltaEquivalentSlope(instrument);
        sums.DeltaEquivalentVolSlope += q * _market.DeltaEquivalentVolSlope(instrument);
    }

    private void Rebuild(int account, int groupSlot)
    {
        var ags = account * _maxGroupSlots + groupSlot;
        var group = _gsGroup[ags];
        var n = _market.GroupStride(group);

        // The sets that hold something, one bit per future ordinal and set (an empty set is exactly
        // zero already, see AddToSet). Their centre sums restart from zero; their rows are not cleared
        // first but written by their first instrument as +0 + q·row, the very addition that clearing
        // then adding makes, so the same bits with one pass less over the rows.
        ulong unwritten0 = 0, unwritten1 = 0, unwritten2 = 0;
        var mask = _gsFutureMask[ags];
        while (mask != 0)
        {
            var ordinal = System.Numerics.BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            var block = (ags * _maxFutures + ordinal) * Sets;
            var bit = 1UL << ordinal;
            unwritten0 |= Unwritten(block, bit);
            unwritten1 |= Unwritten(block + 1, bit);
            unwritten2 |= Unwritten(block + 2, bit);
        }

        var first = account * _maxPositions;
        var end = first + _slotCount[account];
        for (var k = first; k < end; k++)
        {
            var i = _slotInstrument[k];
            ref readonly var inst = ref _instruments[i];
            if (inst.Group != group)
            {
                continue;
            }

            var ordinal = _market.FutureOrdinal(i);
            var block = (ags * _maxFutures + ordinal) * Sets;
            var bit = 1UL << ordinal;
            var source = _market.RowsOffset(i);
            RebuildAdd(block, i, inst.IsOption, source, n, _slotPosition[k], bit, ref unwritten0);
            RebuildAdd(block + 1, i, inst.IsOption, source, n, _slotBuy[k], bit, ref unwritten1);
            RebuildAdd(block + 2, i, inst.IsOption, source, n, -_slotSell[k], bit, ref unwritten2);
        }

        // A set counted non-empty always receives an instrument above; should one not, it is cleared
        // rather than left holding rows of the old epoch.
        ClearUnwritten(ags, unwritten0, 0, group);
        ClearUnwritten(ags, unwritten1, 1, group);
        ClearUnwritten(ags, unwritten2, 2, group);
        _gsEpoch[ags] = _market.Epoch(group);
        Touched(ags);
    }

    // The block's bit when its set holds something (its sums then restart from zero), else 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Unwritten(int block, ulong bit)
    {
        if (_fsSetCount[block] == 0)
        {
            return 0;
        }

        _sums[block] = default;
        return bit;
    }

    private void ClearUnwritten(int ags, ulong unwritten, int set, int group)
    {
        while (unwritten != 0)
        {
            var ordinal = System.Numerics.BitOperations.TrailingZeroCount(unwritten);
            unwritten &= unwritten - 1;
            ClearBlock((ags * _maxFutures + ordinal) * Sets + set, group);
        }
    }

    // One instrument's quantity added to a set during a rebuild: written over the set's stale rows when
    // it is the set's first (bit still in `unwritten`), added otherwise; the sums as AddInstrument.
    private void RebuildAdd(int block, int instrument, bool isOption, int source, int n, long quantity, ulong bit, ref ulong unwritten)
    {
        if (quantity == 0)
        {
            return;
        }

        double q = quantity;
        var rows = _vectors.AsSpan(VectorOffset(block, n), Rows * n);
        var anchor = new ReadOnlySpan<double>(_market.Rows, source, Rows * n);
        if ((unwritten & bit) != 0)
        {
            unwritten &= ~bit;
            ScaledFromZero(rows, anchor, q);
        }
        else
        {
            AddRows(rows, anchor, q, isOption, n);
        }

        AddSums(block, instrument, q);
    }

    // rows = +0 + q·anchor element for element: the bits AddScaled gives on cleared rows, without
    // clearing and reading them first.
    private static void ScaledFromZero(Span<double> rows, ReadOnlySpan<double> anchor, double quantity)
    {
        if (anchor.Length < rows.Length)
        {
            ThrowHelper.Argument(nameof(anchor), "anchor rows are shorter than the cached rows.");
        }

        var i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated && rows.Length >= System.Numerics.Vector<double>.Count)
        {
            var q = new System.Numerics.Vector<double>(quantity);
            var zero = System.Numerics.Vector<double>.Zero;
            var acc = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(rows);
            var ra = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(anchor[..rows.Length]);
            for (var v = 0; v < acc.Length; v++)
            {
                acc[v] = zero + ra[v] * q;
            }

            i = acc.Length * System.Numerics.Vector<double>.Count;
        }

        for (; i < rows.Length; i++)
        {
            rows[i] = 0.0 + anchor[i] * quantity;
        }
    }

    // Every combination of the group slot changed.
    private void Touched(int ags)
    {
        _gsMutation[ags * Sets]++;
        _gsMutation[ags * Sets + 1]++;
        _gsMutation[ags * Sets + 2]++;
    }

    private int FreeGroupSlot(int account)
    {
        var baseSlot = account * _maxGroupSlots;
        for (var gs = 0; gs < _maxGroupSlots; gs++)
        {
            if (_gsGroup[baseSlot + gs] < 0)
            {
                return gs;
            }
        }

        return -1;
    }

    private void OpenGroupSlot(int account, int groupSlot, int group)
    {
        var ags = account * _maxGroupSlots + groupSlot;
        _gsGroup[ags] = group;
        _groupSlotOf[account * _groupCount + group] = groupSlot;
        _gsEpoch[ags] = _market.Epoch(group);
        _gsFutureMask[ags] = 0;
        _gsSlots[ags] = 0;
        Touched(ags);
    }

    private void FreeSlot(int account, int slot, int ags, int futureSlot, int ordinal)
    {
        var last = account * _maxPositions + --_slotCount[account];
        if (slot != last)
        {
            _slotInstrument[slot] = _slotInstrument[last];
            _slotPosition[slot] = _slotPosition[last];
            _slotBuy[slot] = _slotBuy[last];
            _slotSell[slot] = _slotSell[last];
            _slotPrice[slot] = _slotPrice[last];
        }

        if (--_fsSlots[futureSlot] == 0)
        {
            // Nothing left on this future: every set cleared itself when it emptied (AddToSet).
            _gsFutureMask[ags] &= ~(1UL << ordinal);
            _fsFuturesQm[futureSlot] = 0;
            _fsFuturesCost[futureSlot] = 0;
        }

        if (--_gsSlots[ags] == 0)
        {
            var group = _gsGroup[ags];
            _gsGroup[ags] = -1;
            _groupSlotOf[account * _groupCount + group] = -1;
            _gsHeld.AsSpan(ags * Sets, Sets).Clear();
            _gsShort.AsSpan(ags * Sets, Sets).Clear();
            _gsOptionContracts.AsSpan(ags * Sets, Sets).Clear();
        }
    }
}
