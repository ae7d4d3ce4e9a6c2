using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Market;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Joint;

/// <summary>
/// The order-path margin of the groups configured <see cref="MarginMethodology.ExpectedShortfall"/>:
/// per account, cached joint loss vectors over the shared <see cref="JointScenarioSet"/> for positions,
/// working buys and working sells, expanded node-wise for the market moves since each group's anchor
/// (DESIGN §5.2), with the tail selected in O(N) by <see cref="ExpectedShortfall"/>.
/// </summary>
/// <remarks>
/// <para><b>Cached state</b> per pooled account slot and set c (0 positions, 1 working buys, 2 working
/// sells, sells signed negative, as <see cref="AccountStore"/>): the joint loss vector
/// <c>Lc = Σ q·Loss</c> and, per ES-group future f the account touches, <c>Σ q·D̃</c>, <c>Σ q·G̃</c>,
/// <c>Σ q·Ṽ</c>, where for one contract D̃[s] = D[s]·kₛ − D₀, G̃[s] = ½(G[s]·kₛ² − G₀),
/// Ṽ[s] = V[s]·(1 + vₛ) − V₀ (0 when the shocked vol is floored), kₛ = 1 + pₛ,g. After a move dF, dσ of
/// f since the anchor the loss of a set is <c>L − Σ_f (D̃·dF + G̃·dF² + Ṽ·dσ)</c> — exact for futures, a
/// second-order expansion at each scenario for options. Moves are <see cref="MarketState.PriceMove"/>
/// and <see cref="MarketState.VolMove"/>: the joint rows of a group are rebuilt at the moment its scan
/// anchor moves (<see cref="SyncAnchors"/>), so both methodologies share anchors and epochs.</para>
/// <para><b>Updates</b> are lazy and exact: before evaluating an account, every ES group whose
/// <see cref="AccountStore"/> slot changed (its mutation stamp) is diffed against the quantities this
/// cache has folded in, and each changed instrument adds Δq × its rows (O(N) per changed instrument,
/// SIMD). No hook in the order lifecycle is needed for that (only the slot release below is called by
/// the engine); the store stays the single source of truth.
/// When an anchor or the scenario set changed since the slot was built (a new <see cref="Epoch"/>), the
/// slot is rebuilt from its quantities (cost ∝ its instruments × N).</para>
/// <para><b>Requirement</b> of a combination (positions; + working buys; + working sells) is
/// <see cref="JointMarginCalculator.Aggregate"/> (max(0, ES, worst weighted stress)) + the short option
/// minimum of its ES-group options; the ES part of the account is the worse side, as for the scan.
/// The expanded vectors and requirements without the order are cached per slot and reused while
/// neither the ES groups' market versions nor the account changed, so a check is one fused O(N) pass
/// (base + q × the order's expanded row) plus a tail selection. With equal weights (Monte Carlo and
/// historical sets) that pass also packs the candidate losses at or above a <b>seed</b> — the lower of
/// VaR − (ES − VaR) of the cached vector and of the previous check on it — and the tail is selected
/// among those few (<see cref="ExpectedShortfall.TryComputeEqualWeightsFromTop"/>); when they cannot hold
/// the tail (a strongly risk-reducing order, counted in <see cref="SeedMisses"/>) the whole candidate is
/// selected. Exact either way: the seed only decides how much work the selection does.</para>
/// <para><b>Memory</b>: <see cref="BytesPerAccount"/> per pooled slot; an account takes a slot the first
/// time it holds, works or checks an ES-group instrument (from the free list, else the next never-used
/// slot; none left = <see cref="StateStatus.CapacityExhausted"/>) and gives it back when it holds no
/// position and no working order in any ES group: the engine calls <see cref="ReleaseIfIdle"/> at the
/// end of every event that can empty an account — a working order leaving the book (cancel, expiry,
/// kill-switch cancel), a fill, and a rejected new order (so a check that took a slot for nothing gives
/// it back). An accepted IOC/FOK keeps the slot for its fill (a fill is never refused, and margining it
/// needs the slot); if no fill comes, the slot goes back at the end of the account's next such event.
/// A released slot is reset to exactly the state of a never-used one (every vector, entry, stamp,
/// epoch, mutation counter and cached expansion), so an account's figures never depend on which slot
/// it got or who held it before. Storage is float64: see the README for the float32 evaluation.</para>
/// <para>Single owner: the risk thread. Nothing allocates after construction; no interface dispatch.</para>
/// </remarks>
public sealed class JointIncrementalMargin
{
    private const int Sets = 3;

    private readonly InstrumentTable _instruments;
    private readonly MarketState _market;
    private readonly AccountStore _store;
    private readonly MarketSnapshot _snapshot;
    private readonly JointRiskArrayTable _table;
    private readonly JointMarginCalculator _calculator;
    private readonly JointMarginOptions _options;
    private readonly int _stride;
    private readonly int _maxFutures;
    private readonly int _maxEntries;
    private readonly int[] _esGroups;
    private readonly long[] _rowEpoch;

    // Per instrument: D̃, G̃, Ṽ rows (instrument-major, stride doubles each).
    private readonly double[] _dRow;
    private readonly double[] _gRow;
    private readonly double[] _vRow;

    // Pool: slots [0, _highWater) have been handed out; the _freeCount first of _free are back (a stack).
    private readonly int[] _slotOf;
    private readonly int[] _free;
    private int _freeCount;
    private int _highWater;
    private long _releases;
    private long _exhausted;
    private readonly int _slotDoubles;
    private readonly double[] _vectors;
    private readonly double[] _expanded;
    private readonly int[] _future;
    private readonly int[] _futureCount;
    private readonly int[] _entryInstrument;
    private readonly long[] _entryPosition;
    private readonly long[] _entryBuy;
    private readonly long[] _entrySell;
    private readonly int[] _entryCount;
    private readonly int[] _workingEntries;
    private readonly int[] _stampGroupSlot;
    private readonly long[] _stampMutation;
    private readonly long[] _slotEpoch;
    private readonly long[] _cacheVersion;
    private readonly long[] _cacheMutation;
    private readonly long[] _slotMutation;
    private readonly double[] _cacheRequirement;
    private readonly double[] _cacheShortMinimum;
    private readonly bool[] _seen;
    private readonly double[] _cacheSeed;
    private readonly double[] _lastSeed;
    private readonly double[] _scratch;
    private readonly double[] _top;
    private bool _equalWeights;
    private long _seedMisses;
    private long _epoch = 1;

    /// <summary>Creates the margin over the engine's market and store; sizes every buffer (start-up allocation).</summary>
    public JointIncrementalMargin(AccountStore store, JointEngineOptions options, int maxAccounts, int maxPositionsPerAccount)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _market = store.Market;
        _instruments = _market.Instruments;
        _snapshot = _market.Current;
        var groups = _instruments.GroupCount;
        if (options.Methodology.Length != groups)
        {
            ThrowHelper.Argument(nameof(options), "joint options need exactly one methodology per product group.");
        }

        var som = new double[groups];
        var count = 0;
        for (var g = 0; g < groups; g++)
        {
            som[g] = _market.Options.Groups[g].ShortOptionMinimum;
            count += options.Methodology[g] == MarginMethodology.ExpectedShortfall ? 1 : 0;
        }

        _options = new JointMarginOptions(options.Methodology, som, options.Alpha);
        _esGroups = new int[count];
        count = 0;
        for (var g = 0; g < groups; g++)
        {
            if (_options.IsExpectedShortfall(g))
            {
                _esGroups[count++] = g;
            }
        }

        _table = new JointRiskArrayTable(_instruments, options.MaxScenarios);
        _table.Install(options.Scenarios);
        _calculator = new JointMarginCalculator(_instruments, _table, _options);
        _stride = _table.ScenarioStride;
        _maxFutures = options.MaxFuturesPerAccount;
        _maxEntries = maxPositionsPerAccount;
        _rowEpoch = new long[groups];
        var cells = checked(_instruments.Capacity * _stride);
        _dRow = new double[cells];
        _gRow = new double[cells];
        _vRow = new double[cells];

        var pool = options.MaxJointAccounts;
        _slotOf = new int[maxAccounts];
        _slotOf.AsSpan().Fill(-1);
        _free = new int[pool];
        _slotDoubles = Sets * (1 + 3 * _maxFutures) * _stride;
        _vectors = new double[checked(pool * _slotDoubles)];
        _expanded = new double[checked(pool * Sets * _stride)];
        _future = new int[pool * _maxFutures];
        _futureCount = new int[pool];
        _entryInstrument = new int[checked(pool * _maxEntries)];
        _entryPosition = new long[_entryInstrument.Length];
        _entryBuy = new long[_entryInstrument.Length];
        _entrySell = new long[_entryInstrument.Length];
        _entryCount = new int[pool];
        _workingEntries = new int[pool];
        _stampGroupSlot = new int[pool * count];
        _stampGroupSlot.AsSpan().Fill(-1);
        _stampMutation = new long[pool * count];
        _slotEpoch = new long[pool];
        _cacheVersion = new long[pool];
        _cacheVersion.AsSpan().Fill(-1);
        _cacheMutation = new long[pool];
        _slotMutation = new long[pool];
        _cacheRequirement = new double[pool * Sets];
        _cacheShortMinimum = new double[pool * Sets];
        _seen = new bool[_maxEntries];
        _cacheSeed = new double[pool * Sets];
        _lastSeed = new double[pool * Sets];
        _scratch = new double[_stride];
        _top = new double[ExpectedShortfall.ScratchLength(_stride)];
        _equalWeights = ExpectedShortfall.HasEqualWeights(options.Scenarios.RegularWeights);
        PoolCapacity = pool;
    }

    /// <summary>The joint methodology options in force (per-group methodology, α, short option minimum).</summary>
    public JointMarginOptions Options => _options;

    /// <summary>The joint risk arrays (rows of the ES groups are current once their group is anchored).</summary>
    public JointRiskArrayTable Arrays => _table;

    /// <summary>The full-revaluation reference over <see cref="Arrays"/> (tests and reports).</summary>
    public JointMarginCalculator Calculator => _calculator;

    /// <summary>Incremented whenever an ES group is re-anchored or the set is replaced: slots built before are rebuilt lazily.</summary>
    public long Epoch => _epoch;

    /// <summary>
    /// Order checks (equal-weight sets) whose seeded tail filter held fewer losses than the tail needs, so
    /// that the whole candidate vector was selected again (a cost, never a different result).
    /// </summary>
    public long SeedMisses => _seedMisses;

    /// <summary>True when the installed set's regular scenarios all weigh the same (the equal-weight tail path).</summary>
    public bool EqualWeights => _equalWeights;

    /// <summary>Slots: accounts that can hold joint storage at the same time (<see cref="JointEngineOptions.MaxJointAccounts"/>).</summary>
    public int PoolCapacity { get; }

    /// <summary>Slots held by accounts now (released slots do not count).</summary>
    public int PoolUsed => _highWater - _freeCount;

    /// <summary>Slots ever handed out: the peak of <see cref="PoolUsed"/> (a released slot is reused before a new one is taken).</summary>
    public int PoolHighWater => _highWater;

    /// <summary>Slots given back by accounts that no longer hold or work an ES-group instrument, since start-up.</summary>
    public long PoolReleases => _releases;

    /// <summary>Times an account needed a slot and none was free (each answered <see cref="StateStatus.CapacityExhausted"/>).</summary>
    public long PoolExhaustions => _exhausted;

    /// <summary>
    /// Test seam modelling the former pool, where a slot was never given back: while true
    /// <see cref="ReleaseIfIdle"/> keeps every slot.
    /// </summary>
    internal bool KeepIdleSlots { get; set; }

    /// <summary>Bytes of joint storage per pooled account (vectors, expanded cache, entries, stamps and its free-list entry).</summary>
    public long BytesPerAccount => ((long)_slotDoubles + Sets * _stride) * sizeof(double)
        + (long)_maxEntries * (sizeof(int) + 3 * sizeof(long))
        + (long)_maxFutures * sizeof(int)
        + (long)_esGroups.Length * (sizeof(int) + sizeof(long))
        + 4L * Sets * sizeof(double) + 5L * sizeof(long) + 5L * sizeof(int);

    /// <summary>True when the group is margined by Expected Shortfall.</summary>
    public bool IsExpectedShortfall(int group) => _options.IsExpectedShortfall(group);

    /// <summary>True when the account holds joint storage.</summary>
    public bool HasSlot(int account) => _slotOf[account] >= 0;

    /// <summary>
    /// Gives the account's slot back to the pool when the account holds no position and no working
    /// order in any ES-group instrument (its three sets are empty in the <see cref="AccountStore"/>):
    /// the slot is reset to the state of a never-used one and pushed on the free list. Returns true when
    /// a slot was released; false when the account has none, still holds or works an ES-group
    /// instrument, or is out of range. Work: O(ES groups) when nothing is released, O(the slot's used
    /// part) when it is. Deterministic; allocates nothing. Risk thread only.
    /// </summary>
    public bool ReleaseIfIdle(int account)
    {
        if ((uint)account >= (uint)_slotOf.Length)
        {
            return false;
        }

        var slot = _slotOf[account];
        if (slot < 0 || KeepIdleSlots || HoldsJoint(account))
        {
            return false;
        }

        ResetSlot(slot);
        _slotOf[account] = -1;
        _free[_freeCount++] = slot;
        _releases++;
        return true;
    }

    /// <summary>The account's slot, or −1 without one (tests: which slot an account reuses).</summary>
    internal int SlotOf(int account) => _slotOf[account];

    /// <summary>
    /// True when every per-slot value of <paramref name="slot"/> is bit for bit its construction value
    /// (tests: a released slot is exactly a never-used one). O(slot); risk thread only.
    /// </summary>
    internal bool IsPristine(int slot)
    {
        var groups = _esGroups.Length;
        return Zero(new ReadOnlySpan<double>(_vectors, slot * _slotDoubles, _slotDoubles))
            && Zero(new ReadOnlySpan<double>(_expanded, slot * Sets * _stride, Sets * _stride))
            && _future.AsSpan(slot * _maxFutures, _maxFutures).IndexOfAnyExcept(0) < 0
            && _futureCount[slot] == 0
            && _entryInstrument.AsSpan(slot * _maxEntries, _maxEntries).IndexOfAnyExcept(0) < 0
            && _entryPosition.AsSpan(slot * _maxEntries, _maxEntries).IndexOfAnyExcept(0L) < 0
            && _entryBuy.AsSpan(slot * _maxEntries, _maxEntries).IndexOfAnyExcept(0L) < 0
            && _entrySell.AsSpan(slot * _maxEntries, _maxEntries).IndexOfAnyExcept(0L) < 0
            && _entryCount[slot] == 0
            && _workingEntries[slot] == 0
            && _stampGroupSlot.AsSpan(slot * groups, groups).IndexOfAnyExcept(-1) < 0
            && _stampMutation.AsSpan(slot * groups, groups).IndexOfAnyExcept(0L) < 0
            && _slotEpoch[slot] == 0
            && _cacheVersion[slot] == -1
            && _cacheMutation[slot] == 0
            && _slotMutation[slot] == 0
            && Zero(new ReadOnlySpan<double>(_cacheRequirement, slot * Sets, Sets))
            && Zero(new ReadOnlySpan<double>(_cacheShortMinimum, slot * Sets, Sets))
            && Zero(new ReadOnlySpan<double>(_cacheSeed, slot * Sets, Sets))
            && Zero(new ReadOnlySpan<double>(_lastSeed, slot * Sets, Sets));

        // +0.0 bit patterns only (−0.0 is not what a new array holds).
        static bool Zero(ReadOnlySpan<double> values) => MemoryMarshal.Cast<double, long>(values).IndexOfAnyExcept(0L) < 0;
    }

    /// <summary>
    /// Rebuilds the joint rows of every ES group whose scan anchor moved (or that anchored) since its
    /// rows were built, at the current market — which is the anchor, since the engine calls this right
    /// after every market update. Starts a new <see cref="Epoch"/> when anything was rebuilt. Allocates nothing.
    /// </summary>
    public void SyncAnchors()
    {
        foreach (var g in _esGroups)
        {
            var e = _market.Epoch(g);
            if (e != 0 && _rowEpoch[g] != e)
            {
                BuildGroup(g);
                _rowEpoch[g] = e;
                _epoch++;
            }
        }
    }

    /// <summary>
    /// Installs a recalibrated scenario set: the caller re-anchors the ES groups first (so rows and
    /// anchors agree), then this rebuilds every anchored ES group's rows under the new set and starts a
    /// new epoch. Throws when the set does not fit (group count, more scenarios than sized for). Allocates nothing.
    /// </summary>
    public void Replace(JointScenarioSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        _table.Install(set);
        _equalWeights = ExpectedShortfall.HasEqualWeights(set.RegularWeights);
        foreach (var g in _esGroups)
        {
            _rowEpoch[g] = 0;
        }

        SyncAnchors();
        _epoch++;
    }

    /// <summary>
    /// Folds the ES part into a scan-path result <paramref name="margin"/> of the same account and order
    /// (<paramref name="instrument"/> −1 and <paramref name="signedQuantity"/> 0 for the account's
    /// requirement): maintenance = scan + ES (each the worse side of its own), initial and the decision
    /// recomputed as <see cref="IncrementalMargin.CheckOrder"/> does with the same safety buffer.
    /// <paramref name="optimisticScanBefore"/> is the scan path's lowest maintenance before (credits).
    /// Leaves <paramref name="margin"/> untouched for an account with no joint storage and an order
    /// outside the ES groups; sets <see cref="StateStatus.CapacityExhausted"/> when the account needs
    /// joint storage and the pool (or the account's entry / future capacity) is exhausted. Allocates nothing.
    /// </summary>
    public void Combine(int account, int instrument, long signedQuantity, double optimisticScanBefore, double safetyBuffer, ref MarginCheck margin)
    {
        var orderIsJoint = instrument >= 0 && _options.IsExpectedShortfall(_instruments[instrument].Group);
        if (!Evaluate(account, orderIsJoint ? instrument : -1, orderIsJoint ? signedQuantity : 0, out var before, out var after, out var involved))
        {
            margin = default;
            margin.Status = StateStatus.CapacityExhausted;
            return;
        }

        if (!involved)
        {
            return;
        }

        var scan = _market.Options;
        margin.MaintenanceBefore += before;
        margin.MaintenanceAfter += after;
        margin.InitialBefore = MoneyRounding.RoundHalfUp(scan.InitialRatio * margin.MaintenanceBefore, scan.InitialRoundingUnit);
        margin.InitialAfter = MoneyRounding.RoundHalfUp(scan.InitialRatio * margin.MaintenanceAfter, scan.InitialRoundingUnit);
        if (signedQuantity == 0)
        {
            margin.Outcome = margin.InitialBefore <= margin.EquityBefore ? OrderMarginOutcome.Accepted : OrderMarginOutcome.RejectedInsufficientMargin;
            return;
        }

        var buffered = MoneyRounding.RoundHalfUp(scan.InitialRatio * margin.MaintenanceAfter * (1.0 + safetyBuffer), scan.InitialRoundingUnit);
        if (buffered <= margin.EquityAfter)
        {
            margin.Outcome = OrderMarginOutcome.Accepted;
            return;
        }

        var lowest = MoneyRounding.RoundHalfUp(scan.InitialRatio * (optimisticScanBefore + before), scan.InitialRoundingUnit);
        margin.Outcome = buffered < lowest * (1.0 - safetyBuffer) ? OrderMarginOutcome.AcceptedRiskReducing : OrderMarginOutcome.RejectedInsufficientMargin;
    }

    /// <summary>
    /// The ES part (worse side, short option minimum included) of the account before and after an order
    /// of <paramref name="signedQuantity"/> of <paramref name="instrument"/> (an ES-group instrument, or −1
    /// and 0 for none). Returns false when joint storage is exhausted; <paramref name="involved"/> is false
    /// (and both parts 0) when the account has no joint storage and the order is not in an ES group.
    /// Allocates nothing.
    /// </summary>
    public bool Evaluate(int account, int instrument, long signedQuantity, out double before, out double after, out bool involved)
    {
        before = 0;
        after = 0;
        var slot = _slotOf[account];
        if (slot < 0)
        {
            if (instrument < 0 && !HoldsJoint(account))
            {
                involved = false;
                return true;
            }

            slot = Acquire();
            if (slot < 0)
            {
                involved = true;
                return false;
            }

            _slotOf[account] = slot;
        }

        involved = true;
        if (!Sync(account, slot))
        {
            return false;
        }

        var working = _workingEntries[slot] != 0;
        var version = MarketVersion();
        if (_cacheVersion[slot] != version || _cacheMutation[slot] != _slotMutation[slot])
        {
            ExpandSlot(slot, working);
            _cacheVersion[slot] = version;
            _cacheMutation[slot] = _slotMutation[slot];
        }

        var req = new ReadOnlySpan<double>(_cacheRequirement, slot * Sets, Sets);
        before = working ? Math.Max(req[1], req[2]) : req[0];
        if (instrument < 0 || signedQuantity == 0)
        {
            after = before;
            return true;
        }

        var combo = working ? (signedQuantity > 0 ? 1 : 2) : 0;
        var e = FindEntry(slot, instrument);
        long x = 0;
        if (e >= 0)
        {
            var k = slot * _maxEntries + e;
            x = _entryPosition[k] + (combo == 1 ? _entryBuy[k] : combo == 2 ? -_entrySell[k] : 0);
        }

        var f = _instruments[instrument].Underlying;
        var dF = _market.PriceMove(f);
        var baseLoss = new ReadOnlySpan<double>(_expanded, (slot * Sets + combo) * _stride, _stride);
        var offset = instrument * _stride;
        var set = _table.Set!;
        var regular = set.RegularCount;
        var top = FusedOrder(
            _scratch,
            _top,
            baseLoss,
            _table.Losses(instrument),
            new ReadOnlySpan<double>(_dRow, offset, _stride),
            new ReadOnlySpan<double>(_gRow, offset, _stride),
            new ReadOnlySpan<double>(_vRow, offset, _stride),
            signedQuantity,
            dF,
            dF * dF,
            _market.VolMove(f),
            _equalWeights ? regular : 0,
            Math.Min(_cacheSeed[slot * Sets + combo], _lastSeed[slot * Sets + combo]));
        var count = _table.ScenarioCount;
        var candidate = new ReadOnlySpan<double>(_scratch, 0, count);
        double sideAfter;
        if (_equalWeights)
        {
            // The tail of the candidate is almost always among the losses at or above the seed (taken
            // while building it); when it is not, the survivors say so and the whole vector is selected.
            if (!ExpectedShortfall.TryComputeEqualWeightsFromTop(new Span<double>(_top, 0, top), regular, _options.Alpha, out var es, out var valueAtRisk))
            {
                es = ExpectedShortfall.ComputeEqualWeights(candidate[..regular], _options.Alpha, _top, out valueAtRisk);
                _seedMisses++;
            }

            _lastSeed[slot * Sets + combo] = Seed(es, valueAtRisk);
            sideAfter = WithStress(es, candidate, set);
        }
        else
        {
            sideAfter = _calculator.Aggregate(candidate, out _, out _, out _, out _);
        }

        var som = _cacheShortMinimum[slot * Sets + combo];
        ref readonly var inst = ref _instruments[instrument];
        if (inst.IsOption)
        {
            som += _options.ShortOptionMinimum(inst.Group) * (Math.Max(-(x + signedQuantity), 0) - Math.Max(-x, 0));
        }

        sideAfter += som;
        after = working ? Math.Max(sideAfter, req[combo == 1 ? 2 : 1]) : sideAfter;
        return true;
    }

    /// <summary>
    /// Copies the account's cached expanded joint loss vector of set combination <paramref name="combo"/>
    /// (0 positions, 1 + working buys, 2 + working sells) into <paramref name="losses"/> (one per scenario),
    /// after bringing the account up to date. Returns false when the account has no joint storage. Allocates nothing.
    /// </summary>
    public bool CopyLosses(int account, int combo, Span<double> losses)
    {
        var slot = _slotOf[account];
        if (slot < 0 || !Evaluate(account, -1, 0, out _, out _, out _))
        {
            return false;
        }

        if (!(_workingEntries[slot] != 0) && combo != 0)
        {
            combo = 0;
        }

        new ReadOnlySpan<double>(_expanded, (slot * Sets + combo) * _stride, _table.ScenarioCount).CopyTo(losses);
        return true;
    }

    // The store keeps a group slot exactly while the account holds or works an instrument of the group.
    private bool HoldsJoint(int account)
    {
        foreach (var g in _esGroups)
        {
            if (_store.GroupSlot(account, g) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    // A released slot (most recently released first, which is still warm in cache), else a never-used one; −1 when none is left.
    private int Acquire()
    {
        if (_freeCount > 0)
        {
            return _free[--_freeCount];
        }

        if (_highWater < PoolCapacity)
        {
            return _highWater++;
        }

        _exhausted++;
        return -1;
    }

    // Back to the construction state.
    private void ResetSlot(int slot)
    {
        ClearVectors(slot);
        new Span<double>(_expanded, slot * Sets * _stride, Sets * _stride).Clear();
        _future.AsSpan(slot * _maxFutures, _maxFutures).Clear();
        _futureCount[slot] = 0;
        var first = slot * _maxEntries;
        _entryInstrument.AsSpan(first, _maxEntries).Clear();
        _entryPosition.AsSpan(first, _maxEntries).Clear();
        _entryBuy.AsSpan(first, _maxEntries).Clear();
        _entrySell.AsSpan(first, _maxEntries).Clear();
        _entryCount[slot] = 0;
        _workingEntries[slot] = 0;
        var groups = _esGroups.Length;
        _stampGroupSlot.AsSpan(slot * groups, groups).Fill(-1);
        _stampMutation.AsSpan(slot * groups, groups).Clear();
        _slotEpoch[slot] = 0;
        _cacheVersion[slot] = -1;
        _cacheMutation[slot] = 0;
        _slotMutation[slot] = 0;
        _cacheRequirement.AsSpan(slot * Sets, Sets).Clear();
        _cacheShortMinimum.AsSpan(slot * Sets, Sets).Clear();
        _cacheSeed.AsSpan(slot * Sets, Sets).Clear();
        _lastSeed.AsSpan(slot * Sets, Sets).Clear();
    }

    private long MarketVersion()
    {
        long v = _epoch;
        foreach (var g in _esGroups)
        {
            v += _market.Version(g);
        }

        return v;
    }

    // Brings the slot's quantities (and, unless the epoch changed, its vectors) up to the store.
    private bool Sync(int account, int slot)
    {
        var stale = _slotEpoch[slot] != _epoch;
        var groups = _esGroups.Length;
        for (var j = 0; j < groups; j++)
        {
            var g = _esGroups[j];
            var gs = _store.GroupSlot(account, g);
            // Every change moves at least one combination's stamp and stamps only grow, so their sum changes too.
            var mutation = gs >= 0 ? _store.Mutation(account, gs, 0) + _store.Mutation(account, gs, 1) + _store.Mutation(account, gs, 2) : 0;
            var stamp = slot * groups + j;
            if (_stampGroupSlot[stamp] == gs && _stampMutation[stamp] == mutation)
            {
                continue;
            }

            if (!DiffGroup(account, slot, g, !stale))
            {
                return false;
            }

            _stampGroupSlot[stamp] = gs;
            _stampMutation[stamp] = mutation;
            _slotMutation[slot]++;
        }

        if (stale)
        {
            if (!RebuildSlot(slot))
            {
                return false;
            }

            _slotEpoch[slot] = _epoch;
            _slotMutation[slot]++;
        }

        return true;
    }

    private bool DiffGroup(int account, int slot, int group, bool apply)
    {
        var first = slot * _maxEntries;
        var count = _entryCount[slot];
        _seen.AsSpan(0, count).Clear();
        var n = _store.SlotCount(account);
        for (var k = 0; k < n; k++)
        {
            var i = _store.SlotInstrument(account, k);
            if (_instruments[i].Group != group)
            {
                continue;
            }

            var s = _store.FindSlot(account, i);
            var pos = _store.SlotPosition(s);
            var buy = _store.SlotBuy(s);
            var sell = _store.SlotSell(s);
            var e = FindEntry(slot, i);
            if (e < 0)
            {
                if (count == _maxEntries)
                {
                    return false;
                }

                e = count++;
                _entryCount[slot] = count;
                _entryInstrument[first + e] = i;
                _entryPosition[first + e] = 0;
                _entryBuy[first + e] = 0;
                _entrySell[first + e] = 0;
            }

            _seen[e] = true;
            if (!Change(slot, e, pos, buy, sell, apply))
            {
                return false;
            }
        }

        // Entries of the group the store no longer holds: back to zero, then removed.
        for (var e = count - 1; e >= 0; e--)
        {
            if (_seen[e] || _instruments[_entryInstrument[first + e]].Group != group)
            {
                continue;
            }

            if (!Change(slot, e, 0, 0, 0, apply))
            {
                return false;
            }

            count--;
            _entryInstrument[first + e] = _entryInstrument[first + count];
            _entryPosition[first + e] = _entryPosition[first + count];
            _entryBuy[first + e] = _entryBuy[first + count];
            _entrySell[first + e] = _entrySell[first + count];
            _seen[e] = _seen[count];
            _entryCount[slot] = count;
        }

        return true;
    }

    private bool Change(int slot, int e, long pos, long buy, long sell, bool apply)
    {
        var k = slot * _maxEntries + e;
        var dPos = pos - _entryPosition[k];
        var dBuy = buy - _entryBuy[k];
        var dSell = sell - _entrySell[k];
        if (dPos == 0 && dBuy == 0 && dSell == 0)
        {
            return true;
        }

        var wasWorking = _entryBuy[k] != 0 || _entrySell[k] != 0;
        var isWorking = buy != 0 || sell != 0;
        var i = _entryInstrument[k];
        if (apply)
        {
            var fk = FutureSlot(slot, _instruments[i].Underlying);
            if (fk < 0)
            {
                // Futures the account no longer touches keep zero rows until compacted: compact
                // (vectors = Σ entries as recorded, this entry still at its old quantities) and retry.
                if (!RebuildSlot(slot))
                {
                    return false;
                }

                fk = FutureSlot(slot, _instruments[i].Underlying);
                if (fk < 0)
                {
                    return false;
                }
            }

            AddInstrument(slot, 0, fk, i, dPos);
            AddInstrument(slot, 1, fk, i, dBuy);
            AddInstrument(slot, 2, fk, i, -dSell);
        }

        _entryPosition[k] = pos;
        _entryBuy[k] = buy;
        _entrySell[k] = sell;
        _workingEntries[slot] += (isWorking ? 1 : 0) - (wasWorking ? 1 : 0);
        return true;
    }

    private bool RebuildSlot(int slot)
    {
        ClearVectors(slot);
        _futureCount[slot] = 0;
        var first = slot * _maxEntries;
        for (var e = 0; e < _entryCount[slot]; e++)
        {
            var k = first + e;
            var i = _entryInstrument[k];
            if (_entryPosition[k] == 0 && _entryBuy[k] == 0 && _entrySell[k] == 0)
            {
                continue;
            }

            var fk = FutureSlot(slot, _instruments[i].Underlying);
            if (fk < 0)
            {
                return false;
            }

            AddInstrument(slot, 0, fk, i, _entryPosition[k]);
            AddInstrument(slot, 1, fk, i, _entryBuy[k]);
            AddInstrument(slot, 2, fk, i, -_entrySell[k]);
        }

        return true;
    }

    // Zeroes every vector of the slot. Rows of future slots at or past the slot's future count are always
    // zero (AddInstrument only reaches future slots below it, FutureSlot hands out the next one, and this
    // runs before the count is reset), so only the used rows of each set are cleared: O(futures used).
    // With no future slot nothing was added since the last clear (AddInstrument needs one), not even L.
    private void ClearVectors(int slot)
    {
        var futures = _futureCount[slot];
        var used = futures == 0 ? 0 : (1 + 3 * futures) * _stride;
        for (var set = 0; set < Sets; set++)
        {
            new Span<double>(_vectors, SetOffset(slot, set), used).Clear();
        }
    }

    private int FutureSlot(int slot, int future)
    {
        var first = slot * _maxFutures;
        var n = _futureCount[slot];
        var k = _future.AsSpan(first, n).IndexOf(future);
        if (k >= 0)
        {
            return k;
        }

        if (n == _maxFutures)
        {
            return -1;
        }

        _future[first + n] = future;
        _futureCount[slot] = n + 1;
        return n;
    }

    private int FindEntry(int slot, int instrument) => _entryInstrument.AsSpan(slot * _maxEntries, _entryCount[slot]).IndexOf(instrument);

    // Block of set `set`: [L, (D̃, G̃, Ṽ) per future slot].
    private int SetOffset(int slot, int set) => slot * _slotDoubles + set * (1 + 3 * _maxFutures) * _stride;

    private void AddInstrument(int slot, int set, int futureSlot, int instrument, long quantity)
    {
        if (quantity == 0)
        {
            return;
        }

        var baseOffset = SetOffset(slot, set);
        var row = instrument * _stride;
        double q = quantity;
        ScenarioVector.AddScaled(new Span<double>(_vectors, baseOffset, _stride), _table.Losses(instrument), q);
        var f = baseOffset + (1 + 3 * futureSlot) * _stride;
        ScenarioVector.AddScaled(new Span<double>(_vectors, f, _stride), new ReadOnlySpan<double>(_dRow, row, _stride), q);
        ScenarioVector.AddScaled(new Span<double>(_vectors, f + _stride, _stride), new ReadOnlySpan<double>(_gRow, row, _stride), q);
        ScenarioVector.AddScaled(new Span<double>(_vectors, f + 2 * _stride, _stride), new ReadOnlySpan<double>(_vRow, row, _stride), q);
    }

    // Expanded loss vectors and requirements of the combinations the account needs (positions only,
    // or positions + buys and positions + sells), without any order.
    private void ExpandSlot(int slot, bool working)
    {
        var count = _table.ScenarioCount;
        var set = _table.Set!;
        var regular = set.RegularCount;
        var futures = _futureCount[slot];
        for (var combo = working ? 1 : 0; combo <= (working ? 2 : 0); combo++)
        {
            var dst = new Span<double>(_expanded, (slot * Sets + combo) * _stride, _stride);
            new ReadOnlySpan<double>(_vectors, SetOffset(slot, 0), _stride).CopyTo(dst);
            if (combo != 0)
            {
                ScenarioVector.AddScaled(dst, new ReadOnlySpan<double>(_vectors, SetOffset(slot, combo), _stride), 1.0);
            }

            for (var fk = 0; fk < futures; fk++)
            {
                var f = _future[slot * _maxFutures + fk];
                var dF = _market.PriceMove(f);
                var dv = _market.VolMove(f);
                if (dF == 0 && dv == 0)
                {
                    continue;
                }

                ExpandFuture(dst, SetOffset(slot, 0) + (1 + 3 * fk) * _stride, dF, dv);
                if (combo != 0)
                {
                    ExpandFuture(dst, SetOffset(slot, combo) + (1 + 3 * fk) * _stride, dF, dv);
                }
            }

            var som = ShortMinimum(slot, combo);
            _cacheShortMinimum[slot * Sets + combo] = som;
            double es, valueAtRisk;
            if (_equalWeights)
            {
                es = ExpectedShortfall.ComputeEqualWeights(dst[..regular], _options.Alpha, _top, out valueAtRisk);
                _cacheRequirement[slot * Sets + combo] = WithStress(es, dst[..count], set) + som;
            }
            else
            {
                _cacheRequirement[slot * Sets + combo] = _calculator.Aggregate(dst[..count], out es, out valueAtRisk, out _, out _) + som;
            }

            _cacheSeed[slot * Sets + combo] = Seed(es, valueAtRisk);
            _lastSeed[slot * Sets + combo] = _cacheSeed[slot * Sets + combo];
        }
    }

    // Pivot seed for the checks against a vector like this one: VaR − (ES − VaR), a tail's spread below
    // the VaR (about twice the tail for smooth distributions). A check filters at the lower of the seeds of
    // the vector without the order and of the previous check on it: an order that adds risk keeps the
    // tail above the first, a repeated or similar risk-reducing order above the second. A miss costs an
    // unseeded selection; the result is exact either way.
    private static double Seed(double es, double valueAtRisk) => valueAtRisk - (es - valueAtRisk);

    // max(0, ES, worst weighted stress), as JointMarginCalculator.Aggregate, for an ES already selected.
    private static double WithStress(double es, ReadOnlySpan<double> losses, JointScenarioSet set)
    {
        var requirement = es;
        for (var s = set.RegularCount; s < losses.Length; s++)
        {
            var weighted = losses[s] * set.Weight(s);
            if (weighted > requirement)
            {
                requirement = weighted;
            }
        }

        return requirement > 0 ? requirement : 0;
    }

    private void ExpandFuture(Span<double> dst, int offset, double dF, double dv)
    {
        ScenarioVector.AddScaled(dst, new ReadOnlySpan<double>(_vectors, offset, _stride), -dF);
        ScenarioVector.AddScaled(dst, new ReadOnlySpan<double>(_vectors, offset + _stride, _stride), -(dF * dF));
        ScenarioVector.AddScaled(dst, new ReadOnlySpan<double>(_vectors, offset + 2 * _stride, _stride), -dv);
    }

    private double ShortMinimum(int slot, int combo)
    {
        double som = 0;
        var first = slot * _maxEntries;
        for (var e = 0; e < _entryCount[slot]; e++)
        {
            var k = first + e;
            ref readonly var inst = ref _instruments[_entryInstrument[k]];
            if (!inst.IsOption)
            {
                continue;
            }

            var q = _entryPosition[k] + (combo == 1 ? _entryBuy[k] : combo == 2 ? -_entrySell[k] : 0);
            if (q < 0)
            {
                som -= q * _options.ShortOptionMinimum(inst.Group);
            }
        }

        return som;
    }

    // dst = base + q·(loss − D̃·dF − G̃·dF² − Ṽ·dσ), one pass over whole lanes; the first `regular`
    // values at or above `pivot` are also packed into `top` (lanes with none skipped after one compare,
    // the others filtered branch-free). Returns how many were packed.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FusedOrder(Span<double> dst, Span<double> top, ReadOnlySpan<double> baseLoss, ReadOnlySpan<double> loss, ReadOnlySpan<double> d, ReadOnlySpan<double> g, ReadOnlySpan<double> v, double q, double dF, double dF2, double dv, int regular, double pivot)
    {
        var n = dst.Length;
        var count = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var lanes = Vector<double>.Count;
            var vd = MemoryMarshal.Cast<double, Vector<double>>(dst);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(baseLoss[..n]);
            var vl = MemoryMarshal.Cast<double, Vector<double>>(loss[..n]);
            var vdd = MemoryMarshal.Cast<double, Vector<double>>(d[..n]);
            var vg = MemoryMarshal.Cast<double, Vector<double>>(g[..n]);
            var vv = MemoryMarshal.Cast<double, Vector<double>>(v[..n]);
            var vq = new Vector<double>(q);
            var a = new Vector<double>(-dF);
            var b = new Vector<double>(-dF2);
            var c = new Vector<double>(-dv);
            var vp = new Vector<double>(pivot);
            var filtered = regular / lanes;
            var k = 0;
            for (; k < filtered; k++)
            {
                var x = vb[k] + vq * (vl[k] + vdd[k] * a + vg[k] * b + vv[k] * c);
                vd[k] = x;
                if (Vector.GreaterThanOrEqualAny(x, vp))
                {
                    var end = (k + 1) * lanes;
                    for (var j = k * lanes; j < end; j++)
                    {
                        var y = dst[j];
                        top[count] = y;
                        count += y >= pivot ? 1 : 0;
                    }
                }
            }

            for (; k < vd.Length; k++)
            {
                vd[k] = vb[k] + vq * (vl[k] + vdd[k] * a + vg[k] * b + vv[k] * c);
            }

            i = vd.Length * lanes;
        }

        for (; i < n; i++)
        {
            dst[i] = baseLoss[i] + q * (loss[i] - d[i] * dF - g[i] * dF2 - v[i] * dv);
        }

        // Regular scenarios not covered by whole filtered lanes (the tail lanes, or no SIMD).
        for (var j = Vector.IsHardwareAccelerated && n >= Vector<double>.Count ? regular / Vector<double>.Count * Vector<double>.Count : 0; j < regular; j++)
        {
            var y = dst[j];
            top[count] = y;
            count += y >= pivot ? 1 : 0;
        }

        return count;
    }

    private void BuildGroup(int group)
    {
        var set = _table.Set!;
        var count = set.Count;
        for (var f = _instruments.FirstFuture(group); f >= 0; f = _instruments.NextFuture(f))
        {
            BuildRows(f, set, count);
            for (var o = _instruments.FirstOption(f); o >= 0; o = _instruments.NextOption(o))
            {
                BuildRows(o, set, count);
            }
        }
    }

    private void BuildRows(int instrument, JointScenarioSet set, int count)
    {
        _table.Build(instrument, _snapshot);
        ref readonly var inst = ref _instruments[instrument];
        var offset = instrument * _stride;
        var d = new Span<double>(_dRow, offset, _stride);
        var g = new Span<double>(_gRow, offset, _stride);
        var v = new Span<double>(_vRow, offset, _stride);
        d.Clear();
        g.Clear();
        v.Clear();
        var deltas = _table.Deltas(instrument);
        var gammas = _table.Gammas(instrument);
        var vegas = _table.Vegas(instrument);
        var d0 = _table.CentreDelta(instrument);
        var g0 = _table.CentreGamma(instrument);
        var v0 = _table.CentreVega(instrument);
        var group = inst.Group;
        int bucket = 0;
        double fraction = 0, vol = 0;
        if (inst.IsOption)
        {
            set.LocateTenor(inst.ExpiryYears, out bucket, out fraction);
            vol = _snapshot.Smile(instrument)!.Vol(_snapshot.Price(inst.Underlying), inst.Strike);
        }

        for (var s = 0; s < count; s++)
        {
            var k = set.PriceSlope(s, group);
            d[s] = deltas[s] * k - d0;
            g[s] = 0.5 * (gammas[s] * k * k - g0);
            if (inst.IsOption)
            {
                var shock = 1.0 + set.InterpolatedVolShock(s, group, bucket, fraction);
                v[s] = (vol * shock > ScanParameters.MinVol ? vegas[s] * shock : 0) - v0;
            }
        }
    }
}
