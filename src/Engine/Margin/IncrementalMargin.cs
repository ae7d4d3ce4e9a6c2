using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Market;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Margin;

/// <summary>
/// The order-path margin check: an order of q contracts of instrument i is evaluated against the
/// account's <b>cached</b> vectors in O(nodes × futures the account holds), expanded node-wise for the
/// price and vol moves since each group's anchor (DESIGN §5.2), with the calendar spread charge,
/// short option minimum, inter-group credits, initial margin and equity of
/// <see cref="MarginCalculator"/> (the exact reference) reproduced from cached sums.
/// </summary>
/// <remarks>
/// <para><b>Per group</b>, for the combination checked (positions, or positions + working buys /
/// sells), the weighted loss vector is Σ over the account's futures f of
/// <c>RA − dF·D̃ − dF²·G̃ − dσ·Ṽ + w·(Δ₀·dF + ½Γ₀·dF² + ν₀·dσ)</c> over the cached sums (see
/// <see cref="MarketState"/>); the order adds q × the same expansion of its instrument's anchor row to
/// its future only. Futures-equivalent deltas move with the centre gamma (Δ ≈ Δ₀ + Γ₀·dF / m_f);
/// option values with Δ₀, Γ₀, ν₀. At the anchor (dF = dσ = 0) the result is full revaluation up to
/// floating-point summation order.</para>
/// <para><b>Decision</b>: with a safety buffer b, accepted when round(ratio × maintenance after × (1 + b))
/// ≤ equity after; otherwise accepted as risk-reducing when that buffered initial is below (1 − b) × the
/// initial before (both sides are approximations, so the buffer applies to both); otherwise rejected. b absorbs the expansion error so the fast path never accepts what full
/// revaluation rejects; its cost is the false-reject rate reported by the accuracy harness.</para>
/// <para><b>Expansion cache</b>: per (account, group slot, combination) the expanded loss vector, its
/// worst loss and the per-future deltas are kept with the group's market <see cref="MarketState.Version"/>
/// and the slot's mutation count; while neither changed (repeated checks between ticks) a check reads
/// them in place, so a group the order does not touch costs O(futures), and the order's group one fused
/// pass (base + q·expanded row, max over nodes): O(nodes). The cache is direct-mapped with a fixed
/// number of entries tagged by (account, group slot, combination), not one entry per account: with
/// thousands of accounts a per-account table is cold memory that every evaluation after a tick would
/// have to write, while the entries of the account being decided stay hot here. The equity terms per
/// future are cached the same way per (account, group slot). Every cached value is computed by the same arithmetic as without the cache, so decisions are the
/// same bits either way. For an account with working orders, both working combinations of a group are
/// recomputed in one pass that reads the positions rows once (<see cref="ShareWorkingPositions"/>), with
/// each combination's additions in the same order as on its own.</para>
/// <para><b>Epochs</b>: a group slot built at an older epoch is rebuilt from the account's positions
/// in that group on this call (the lazy rebuild, cost ∝ those positions); all other calls are
/// O(nodes × futures).</para>
/// <para>Single owner: the risk thread. Nothing allocates after construction; no interface dispatch.</para>
/// </remarks>
public sealed class IncrementalMargin
{
    /// <summary>
    /// Futures-equivalent delta per option contract, at a move on the edge of the re-anchor limits,
    /// within which a group's net delta is treated as "unknown sign" for inter-group credits (see remarks).
    /// The accuracy harness measures the expanded delta within 0.0012 per contract at the limits; 0.003 keeps a margin.
    /// </summary>
    public const double CreditDeltaBand = 0.003;

    // Direct-mapped expansion cache entries (a power of two, well above groups per account × 3, so one
    // account's entries never evict each other): small enough to stay in the core's cache, where a
    // per-account table would make every evaluation write cold memory.
    private const int CacheEntries = 256;
    private const int EquityEntries = 64;

    private readonly AccountStore _store;
    private readonly MarketState _market;
    private readonly InstrumentTable _instruments;
    private readonly MarginOptions _options;
    private readonly int _stride;
    private readonly int _slots;
    private readonly double[] _zeroLoss;
    private readonly double[] _scanBefore;
    private readonly double[] _scanAfter;
    private readonly double[] _netBefore;
    private readonly double[] _netAfter;
    private readonly double[] _scanSpreadBefore;
    private readonly double[] _scanSpreadAfter;
    private readonly double[] _somBefore;
    private readonly double[] _somAfter;
    private readonly double[] _credit;
    private readonly bool[] _hasBefore;
    private readonly bool[] _hasAfter;
    private readonly double[] _remaining;
    private readonly double[] _bandBefore;
    private readonly double[] _bandAfter;
    private double _optimisticBefore;
    private int _orderSlot = -1;
    private readonly bool _hasCredits;
    private readonly double _roundingUnit;
    private readonly bool _roundingUnitIsOne;
    private readonly double _roundingInverse;
    private readonly bool _roundingByInverse;
    private readonly double _roundingShortcutLimit;
    private readonly int _entrySize;
    private readonly double[] _cacheEntries;
    private readonly int[] _cacheKey;
    private readonly long[] _cacheVersion;
    private readonly long[] _cacheMutation;
    private readonly double[] _equityTerms;
    private readonly int[] _equityKey;
    private readonly long[] _equityVersion;
    private readonly long[] _equityMutation;

    /// <summary>Creates the checker over <paramref name="store"/>.</summary>
    /// <param name="store">Account state (and, through it, the market and its anchors).</param>
    /// <param name="safetyBuffer">Fraction added to the post-trade requirement before the decision, in [0, 1].</param>
    public IncrementalMargin(AccountStore store, double safetyBuffer = 0.0)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!(safetyBuffer is >= 0 and <= 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(safetyBuffer), safetyBuffer, "safety buffer must be in [0, 1].");
        }

        _store = store;
        _market = store.Market;
        _instruments = _market.Instruments;
        _options = _market.Options;
        _stride = _market.NodeStride;
        SafetyBuffer = safetyBuffer;
        _slots = store.MaxGroupsPerAccount + 1;
        _zeroLoss = new double[_stride];
        _scanBefore = new double[_slots];
        _scanAfter = new double[_slots];
        _netBefore = new double[_slots];
        _netAfter = new double[_slots];
        _scanSpreadBefore = new double[_slots];
        _scanSpreadAfter = new double[_slots];
        _somBefore = new double[_slots];
        _somAfter = new double[_slots];
        _credit = new double[_slots];
        _hasBefore = new bool[_slots];
        _hasAfter = new bool[_slots];
        _remaining = new double[_slots];
        _bandBefore = new double[_slots];
        _bandAfter = new double[_slots];
        _hasCredits = _options.Credits.Length > 0;
        _roundingUnit = _options.InitialRoundingUnit;
        _roundingUnitIsOne = _roundingUnit == 1.0;
        _roundingInverse = 1.0 / _roundingUnit;
        _roundingByInverse = _roundingInverse >= 1 && _roundingInverse == Math.Round(_roundingInverse);
        _roundingShortcutLimit = Math.Min(1e300, _roundingUnit * 1e200);
        var maxFutures = _market.MaxFuturesPerGroup;

        // Entry: loss vector (stride), per-future deltas, moved, worst; whole cache lines.
        _entrySize = (_stride + maxFutures + 2 + 7) / 8 * 8;
        _cacheEntries = new double[checked(CacheEntries * _entrySize)];
        _cacheKey = new int[CacheEntries];
        _cacheKey.AsSpan().Fill(-1);
        _cacheVersion = new long[CacheEntries];
        _cacheMutation = new long[CacheEntries];
        _equityTerms = new double[EquityEntries * maxFutures];
        _equityKey = new int[EquityEntries];
        _equityKey.AsSpan().Fill(-1);
        _equityVersion = new long[EquityEntries];
        _equityMutation = new long[EquityEntries];
    }

    /// <summary>The account state checked against.</summary>
    public AccountStore Store => _store;

    /// <summary>Fraction added to the post-trade requirement before deciding.</summary>
    public double SafetyBuffer { get; }

    /// <summary>True when the last check or requirement withheld an inter-group credit because a net delta was inside its band.</summary>
    public bool CreditUncertain { get; private set; }

    /// <summary>
    /// Checks an order of <paramref name="signedQuantity"/> contracts (positive buys) at
    /// <paramref name="price"/> against the account's cached state. Changes no position; may rebuild a
    /// stale group slot. Returns a non-Ok status for an unknown account or instrument, a zero quantity,
    /// a non-finite price, an unanchored group, or when accepting the order could not be recorded
    /// (<see cref="StateStatus.CapacityExhausted"/>). Allocates nothing.
    /// </summary>
    public MarginCheck CheckOrder(int account, int instrument, long signedQuantity, double price)
    {
        MarginCheck result = default;
        result.Status = Validate(account, instrument, signedQuantity, price);
        if (result.Status != StateStatus.Ok)
        {
            return result;
        }

        _orderSlot = _store.FindSlot(account, instrument);
        if (_orderSlot < 0 && _store.WouldExhaustUnheld(account, instrument))
        {
            result.Status = StateStatus.CapacityExhausted;
            return result;
        }

        Evaluate(account, instrument, signedQuantity, ref result);
        ref readonly var inst = ref _instruments[instrument];
        var f = inst.Underlying;
        double q = signedQuantity;
        double orderEquity;
        if (inst.IsOption)
        {
            var dF = _market.PriceMove(f);
            var value = _market.CentreValue(instrument) + _market.CentreDelta(instrument) * dF
                + 0.5 * _market.CentreGamma(instrument) * dF * dF + _market.CentreVega(instrument) * _market.VolMove(f);
            orderEquity = q * (value - price * inst.Multiplier);
        }
        else
        {
            orderEquity = q * (_market.Current.Price(f) - price) * inst.Multiplier;
        }

        result.EquityAfter = result.EquityBefore + orderEquity;
        var unrounded = _options.InitialRatio * result.MaintenanceAfter * (1.0 + SafetyBuffer);
        if (RoundedAtMost(unrounded, result.EquityAfter))
        {
            result.Outcome = OrderMarginOutcome.Accepted;
        }
        else
        {
            var buffered = RoundInitial(unrounded);
            var lowestBefore = _optimisticBefore == result.MaintenanceBefore
                ? result.InitialBefore
                : RoundInitial(_options.InitialRatio * _optimisticBefore);
            result.Outcome = buffered < lowestBefore * (1.0 - SafetyBuffer)
                ? OrderMarginOutcome.AcceptedRiskReducing
                : OrderMarginOutcome.RejectedInsufficientMargin;
        }
        return result;
    }

    /// <summary>
    /// The account's current requirement and equity from its cached state (after = before). Returns
    /// <see cref="StateStatus.UnknownAccount"/> for a bad index. Allocates nothing.
    /// </summary>
    public MarginCheck Requirement(int account)
    {
        MarginCheck result = default;
        if ((uint)account >= (uint)_store.MaxAccounts)
        {
            result.Status = StateStatus.UnknownAccount;
            return result;
        }

        result.Status = StateStatus.Ok;
        Evaluate(account, -1, 0, ref result);
        result.EquityAfter = result.EquityBefore;
        result.Outcome = result.InitialBefore <= result.EquityBefore ? OrderMarginOutcome.Accepted : OrderMarginOutcome.RejectedInsufficientMargin;
        return result;
    }

    // MoneyRounding.RoundHalfUp(amount, InitialRoundingUnit), bit for bit, with the unit's inverse and
    // its test hoisted to construction; a unit of 1 skips the two divisions by 1 (exact in IEEE 754).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double RoundInitial(double amount)
    {
        var quotient = _roundingUnitIsOne ? amount : amount / _roundingUnit;
        var q = Math.Floor(Math.Round(quotient, 9, MidpointRounding.ToEven) + 0.5);
        if (_roundingUnitIsOne)
        {
            return q;
        }

        return _roundingByInverse ? q / _roundingInverse : q * _roundingUnit;
    }

    // RoundInitial(amount) <= limit, decided without rounding when amount is more than a rounding unit
    // (plus a relative 1e-12 for the quotient and conversion errors) away from the limit: rounding moves
    // an amount by at most half a unit plus those errors, so only amounts near the limit are rounded.
    // NaN, infinite and huge amounts (whose quotient by a tiny unit could overflow) take the exact path.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool RoundedAtMost(double amount, double limit)
    {
        if (!(Math.Abs(amount) <= _roundingShortcutLimit))
        {
            return RoundInitial(amount) <= limit;
        }

        var slack = _roundingUnit + Math.Abs(amount) * 1e-12;
        if (amount + slack <= limit)
        {
            return true;
        }

        return !(amount - slack > limit) && RoundInitial(amount) <= limit;
    }

    private StateStatus Validate(int account, int instrument, long signedQuantity, double price)
    {
        if ((uint)account >= (uint)_store.MaxAccounts)
        {
            return StateStatus.UnknownAccount;
        }

        if ((uint)instrument >= (uint)_instruments.Count)
        {
            return StateStatus.UnknownInstrument;
        }

        if (signedQuantity == 0 || signedQuantity == long.MinValue)
        {
            return StateStatus.InvalidQuantity;
        }

        if (!double.IsFinite(price))
        {
            return StateStatus.InvalidPrice;
        }

        return _market.IsAnchored(_instruments[instrument].Group) ? StateStatus.Ok : StateStatus.MarketNotAnchored;
    }

    private void Evaluate(int account, int instrument, long signedQuantity, ref MarginCheck result)
    {
        var maxSlots = _store.MaxGroupsPerAccount;
        for (var gs = 0; gs < maxSlots; gs++)
        {
            if (_store.GroupOfSlot(account, gs) >= 0)
            {
                _store.EnsureFresh(account, gs);
            }
        }

        CreditUncertain = false;
        var orderGroup = instrument < 0 ? -1 : _instruments[instrument].Group;
        var orderCombo = 0;
        if (_store.HasWorking(account))
        {
            if (ShareWorkingPositions)
            {
                ExpandWorkingCombos(account);
            }

            orderCombo = signedQuantity > 0 ? 1 : 2;
            EvaluateCombo(account, 1, orderGroup, instrument, orderCombo == 1 ? signedQuantity : 0, out var buysBefore, out var buysLow, out var buysAfter);
            EvaluateCombo(account, 2, orderGroup, instrument, orderCombo == 2 ? signedQuantity : 0, out var sellsBefore, out var sellsLow, out var sellsAfter);
            result.MaintenanceBefore = Math.Max(buysBefore, sellsBefore);
            result.MaintenanceAfter = Math.Max(buysAfter, sellsAfter);
            _optimisticBefore = Math.Max(buysLow, sellsLow);
        }
        else
        {
            EvaluateCombo(account, 0, orderGroup, instrument, signedQuantity, out result.MaintenanceBefore, out _optimisticBefore, out result.MaintenanceAfter);
        }

        result.InitialBefore = RoundInitial(_options.InitialRatio * result.MaintenanceBefore);
        result.InitialAfter = result.MaintenanceAfter == result.MaintenanceBefore
            ? result.InitialBefore
            : RoundInitial(_options.InitialRatio * result.MaintenanceAfter);
        result.EquityBefore = Equity(account);
    }

    // Cash plus, per future held, QM·F_anchor − cost + the expanded option value. The per-future terms
    // are cached per (account, group slot) with the same stamps as the expansion cache (market version,
    // slot mutation) and summed in the same order, so the result is the same bits as computing them.
    private double Equity(int account)
    {
        var equity = _store.Cash(account);
        var maxSlots = _store.MaxGroupsPerAccount;
        var maxFutures = _market.MaxFuturesPerGroup;
        for (var gs = 0; gs < maxSlots; gs++)
        {
            var g = _store.GroupOfSlot(account, gs);
            if (g < 0)
            {
                continue;
            }

            var ags = account * maxSlots + gs;
            var entry = ags & (EquityEntries - 1);
            var terms = entry * maxFutures;
            var mask = _store.FutureMask(account, gs);
            var version = _market.Version(g);
            var mutation = _store.Mutation(account, gs, 0);
            if (_equityKey[entry] != ags || _equityVersion[entry] != version || _equityMutation[entry] != mutation)
            {
                EquityTerms(account, gs, g, mask, terms);
                _equityKey[entry] = ags;
                _equityVersion[entry] = version;
                _equityMutation[entry] = mutation;
            }

            while (mask != 0)
            {
                var ordinal = BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                equity += _equityTerms[terms + ordinal];
            }
        }

        return equity;
    }

    private void EquityTerms(int account, int gs, int g, ulong mask, int terms)
    {
        while (mask != 0)
        {
            var ordinal = BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            var f = _market.GroupFuture(g, ordinal);
            var dF = _market.PriceMove(f);
            ref readonly var sums = ref _store.Sums(_store.Block(account, gs, ordinal, 0));

            // Futures: QM·F_anchor − cost plus Δ₀·dF (Δ₀ holds q·m) is QM·F − cost exactly.
            _equityTerms[terms + ordinal] = _store.FuturesQuantityMultiplier(account, gs, ordinal) * _market.AnchorPrice(f) - _store.FuturesCost(account, gs, ordinal)
                + sums.Value + sums.Delta * dF + 0.5 * sums.Gamma * dF * dF + sums.Vega * _market.VolMove(f);
        }
    }

    // Maintenance of one combination (0 positions, 1 + working buys, 2 + working sells) before and
    // after adding `quantity` of `instrument` (quantity 0: after = before).
    private void EvaluateCombo(int account, int combo, int orderGroup, int instrument, long quantity, out double before, out double optimisticBefore, out double after)
    {
        var maxSlots = _store.MaxGroupsPerAccount;
        var orderSlot = -1;
        for (var gs = 0; gs < maxSlots; gs++)
        {
            var g = _store.GroupOfSlot(account, gs);
            if (g < 0)
            {
                continue;
            }

            var withOrder = g == orderGroup && quantity != 0;
            if (withOrder)
            {
                orderSlot = gs;
            }

            EvaluateGroup(account, gs, gs, g, combo, withOrder ? instrument : -1, withOrder ? quantity : 0);
        }

        if (orderGroup >= 0 && quantity != 0 && orderSlot < 0)
        {
            // The account does not hold the order's group yet: evaluate it empty plus the order.
            EvaluateGroup(account, -1, maxSlots, orderGroup, combo, instrument, quantity);
        }

        var uncertainSoFar = CreditUncertain;
        CreditUncertain = false;
        before = Maintenance(account, orderGroup, false, false);

        // Only a pair inside its band makes the optimistic credit differ from the reported one.
        optimisticBefore = CreditUncertain ? Maintenance(account, orderGroup, false, true) : before;
        after = quantity == 0 ? before : Maintenance(account, orderGroup, true, false);
        CreditUncertain |= uncertainSoFar;
    }

    private void EvaluateGroup(int account, int groupSlot, int scratch, int group, int combo, int instrument, long quantity)
    {
        if (_excludedGroups is not null && _excludedGroups[group])
        {
            ExcludedScratch(scratch);
            return;
        }

        var p = _options.Groups[group];
        var nodes = p.Scan.Count;
        var n = _market.GroupStride(group);
        var weights = new ReadOnlySpan<double>(_market.Weights, group * _stride, n);
        double longBefore = 0, shortBefore = 0, longAfter = 0, shortAfter = 0, netBefore = 0, netAfter = 0;
        var mask = groupSlot < 0 ? 0UL : _store.FutureMask(account, groupSlot);

        // The group's expanded loss vector and per-future deltas without the order, read in place from
        // the expansion cache; a group the account does not hold yet starts from zero.
        ReadOnlySpan<double> baseLoss = new(_zeroLoss, 0, n);
        ReadOnlySpan<double> baseDelta = default;
        double moved = 0, worstBefore = 0;
        if (groupSlot >= 0)
        {
            var entry = BaseExpansion(account, groupSlot, group, combo, mask, weights, nodes) * _entrySize;
            var maxFutures = _market.MaxFuturesPerGroup;
            baseLoss = new ReadOnlySpan<double>(_cacheEntries, entry, n);
            baseDelta = new ReadOnlySpan<double>(_cacheEntries, entry + _stride, maxFutures);
            moved = _cacheEntries[entry + _stride + maxFutures];
            worstBefore = _cacheEntries[entry + _stride + maxFutures + 1];
        }

        var orderOrdinal = -1;
        var orderDelta = 0.0;
        double orderMove = 0, orderVolMove = 0;
        if (instrument >= 0)
        {
            orderOrdinal = _market.FutureOrdinal(instrument);
            var f = _market.GroupFuture(group, orderOrdinal);
            var dF = _market.PriceMove(f);
            var dv = _market.VolMove(f);
            orderMove = dF;
            orderVolMove = dv;
            moved = MovedTowardsLimits(f, dF, dv, moved);

            orderDelta = quantity * (_market.DeltaEquivalent(instrument) + _market.DeltaEquivalentSlope(instrument) * dF + _market.DeltaEquivalentVolSlope(instrument) * dv);
        }

        var all = orderOrdinal >= 0 ? mask | (1UL << orderOrdinal) : mask;
        while (all != 0)
        {
            var ordinal = BitOperations.TrailingZeroCount(all);
            all &= all - 1;

            // A future the account does not hold yet (only the order's) has no delta before the order.
            var de = (mask & (1UL << ordinal)) != 0 ? baseDelta[ordinal] : 0.0;
            var deAfter = ordinal == orderOrdinal ? de + orderDelta : de;
            netBefore += de;
            netAfter += deAfter;
            if (de > 0)
            {
                longBefore += de;
            }
            else
            {
                shortBefore -= de;
            }

            if (deAfter > 0)
            {
                longAfter += deAfter;
            }
            else
            {
                shortAfter -= deAfter;
            }
        }

        var worstAfter = worstBefore;
        var held = groupSlot < 0 ? 0 : _store.Held(account, groupSlot, combo);
        var shorts = groupSlot < 0 ? 0 : _store.ShortOptions(account, groupSlot, combo);
        var heldAfter = held;
        var shortsAfter = shorts;
        var contracts = groupSlot < 0 ? 0 : _store.OptionContracts(account, groupSlot, combo);
        var contractsAfter = contracts;
        if (instrument >= 0)
        {
            // The order's future is its underlying: the moves read above.
            var dF = orderMove;
            var c0 = _market.CentreDelta(instrument) * dF + 0.5 * _market.CentreGamma(instrument) * dF * dF + _market.CentreVega(instrument) * orderVolMove;
            var offset = _market.RowsOffset(instrument);
            worstAfter = ExpandWorst(
                baseLoss,
                new ReadOnlySpan<double>(_market.Rows, offset, n),
                new ReadOnlySpan<double>(_market.Rows, offset + n, n),
                new ReadOnlySpan<double>(_market.Rows, offset + 2 * n, n),
                new ReadOnlySpan<double>(_market.Rows, offset + 3 * n, n),
                weights,
                quantity,
                dF,
                dF * dF,
                orderVolMove,
                c0,
                nodes);
            var x = ComboQuantity(combo);
            var y = x + quantity;
            heldAfter += (y != 0 ? 1 : 0) - (x != 0 ? 1 : 0);
            if (_instruments[instrument].IsOption)
            {
                shortsAfter += Math.Max(-y, 0) - Math.Max(-x, 0);
                contractsAfter += Math.Abs(y) - Math.Abs(x);
            }
        }

        _bandBefore[scratch] = CreditDeltaBand * contracts * moved;
        _bandAfter[scratch] = CreditDeltaBand * contractsAfter * moved;
        _hasBefore[scratch] = held > 0;
        _hasAfter[scratch] = heldAfter > 0;
        _scanBefore[scratch] = held > 0 ? Math.Max(worstBefore, 0) : 0;
        _scanAfter[scratch] = heldAfter > 0 ? Math.Max(worstAfter, 0) : 0;
        _netBefore[scratch] = held > 0 ? netBefore : 0;
        _netAfter[scratch] = heldAfter > 0 ? netAfter : 0;
        _scanSpreadBefore[scratch] = held > 0 ? _scanBefore[scratch] + p.SpreadRate * Math.Min(longBefore, shortBefore) : 0;
        _scanSpreadAfter[scratch] = heldAfter > 0 ? _scanAfter[scratch] + p.SpreadRate * Math.Min(longAfter, shortAfter) : 0;
        _somBefore[scratch] = held > 0 ? p.ShortOptionMinimum * shorts : 0;
        _somAfter[scratch] = heldAfter > 0 ? p.ShortOptionMinimum * shortsAfter : 0;
    }

    // Joint methodology hook (issue 8): a group margined by Expected Shortfall contributes nothing to
    // the scan part (JointIncrementalMargin adds its requirement); equity still counts its positions.
    private bool[]? _excludedGroups;

    /// <summary>The lowest maintenance before the last evaluated order (credits counted optimistically), for the joint methodology's risk-reducing test.</summary>
    internal double OptimisticMaintenanceBefore => _optimisticBefore;

    /// <summary>Leaves <paramref name="group"/> out of the scan part (it is margined by Expected Shortfall). Start-up only.</summary>
    internal void ExcludeGroup(int group) => (_excludedGroups ??= new bool[_instruments.GroupCount])[group] = true;

    private void ExcludedScratch(int scratch)
    {
        _bandBefore[scratch] = 0;
        _bandAfter[scratch] = 0;
        _hasBefore[scratch] = false;
        _hasAfter[scratch] = false;
        _scanBefore[scratch] = 0;
        _scanAfter[scratch] = 0;
        _netBefore[scratch] = 0;
        _netAfter[scratch] = 0;
        _scanSpreadBefore[scratch] = 0;
        _scanSpreadAfter[scratch] = 0;
        _somBefore[scratch] = 0;
        _somAfter[scratch] = 0;
    }

    /// <summary>
    /// When true (the default), an account with working orders has both working combinations
    /// (positions + buys, positions + sells) of a group expanded in one pass that reads the positions
    /// rows once (<see cref="ExpandWorkingCombos"/>); false expands each combination on its own, as
    /// before. The two give the same bits; tests compare them.
    /// </summary>
    internal bool ShareWorkingPositions { get; set; } = true;

    // Fills the expansion cache entries of combinations 1 and 2 of every group slot whose two entries
    // are both stale, in one pass per future (ExpandShared): the positions rows are loaded and their
    // terms multiplied once for both combinations, and the per-future market reads done once. Each
    // entry gets, element for element, the additions BaseExpansion would make in the same order, so the
    // same bits. A slot with one entry still fresh is left to BaseExpansion (it recomputes only the
    // stale one).
    private void ExpandWorkingCombos(int account)
    {
        var maxSlots = _store.MaxGroupsPerAccount;
        for (var gs = 0; gs < maxSlots; gs++)
        {
            var group = _store.GroupOfSlot(account, gs);
            if (group < 0 || (_excludedGroups is not null && _excludedGroups[group]))
            {
                continue;
            }

            var key = (account * maxSlots + gs) * AccountStore.Sets + 1;
            var cacheBuys = key & (CacheEntries - 1);
            var cacheSells = (key + 1) & (CacheEntries - 1);
            var version = _market.Version(group);
            var mutationBuys = _store.Mutation(account, gs, 1);
            var mutationSells = _store.Mutation(account, gs, 2);
            if (IsCached(cacheBuys, key, version, mutationBuys) || IsCached(cacheSells, key + 1, version, mutationSells))
            {
                continue;
            }

            var n = _market.GroupStride(group);
            if (!Vector.IsHardwareAccelerated || n % Vector<double>.Count != 0)
            {
                continue;
            }

            var weights = new ReadOnlySpan<double>(_market.Weights, group * _stride, n);
            var nodes = _options.Groups[group].Scan.Count;
            var maxFutures = _market.MaxFuturesPerGroup;
            var entryBuys = cacheBuys * _entrySize;
            var entrySells = cacheSells * _entrySize;
            var lossBuys = new Span<double>(_cacheEntries, entryBuys, n);
            var lossSells = new Span<double>(_cacheEntries, entrySells, n);
            var deltasBuys = new Span<double>(_cacheEntries, entryBuys + _stride, maxFutures);
            var deltasSells = new Span<double>(_cacheEntries, entrySells + _stride, maxFutures);
            lossBuys.Clear();
            lossSells.Clear();
            deltasBuys.Clear();
            deltasSells.Clear();
            double moved = 0;
            var vectors = _store.Vectors;
            var mask = _store.FutureMask(account, gs);
            while (mask != 0)
            {
                var ordinal = BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                var f = _market.GroupFuture(group, ordinal);
                var dF = _market.PriceMove(f);
                var dv = _market.VolMove(f);
                moved = MovedTowardsLimits(f, dF, dv, moved);

                // The same set choices as BaseExpansion: empty sets are exactly zero and are skipped.
                var block = _store.Block(account, gs, ordinal, 0);
                var buys = _store.SetCount(block + 1) != 0;
                var sells = _store.SetCount(block + 2) != 0;
                if (_store.SetCount(block) != 0)
                {
                    ExpandShared(lossBuys, lossSells, vectors, block, buys, sells, weights, dF, dF * dF, dv, out deltasBuys[ordinal], out deltasSells[ordinal]);
                }
                else
                {
                    deltasBuys[ordinal] = buys ? ExpandBlock(lossBuys, vectors, block + 1, weights, dF, dF * dF, dv) : 0.0;
                    deltasSells[ordinal] = sells ? ExpandBlock(lossSells, vectors, block + 2, weights, dF, dF * dF, dv) : 0.0;
                }
            }

            StoreEntry(cacheBuys, key, version, mutationBuys, lossBuys, moved, nodes);
            StoreEntry(cacheSells, key + 1, version, mutationSells, lossSells, moved, nodes);
        }
    }

    // One future's positions block added to both working combinations, each followed by its own
    // working set when it holds something: per element and per combination exactly the additions of
    // ExpandBlockPair (or ExpandBlock when that side is empty), in the same order; only the products of
    // the positions rows, which are the same for both, are computed once. The caller checked that the
    // stride is a whole number of SIMD lanes.
    private void ExpandShared(Span<double> lossBuys, Span<double> lossSells, double[] vectors, int positions, bool buys, bool sells, ReadOnlySpan<double> weights, double dF, double dF2, double dv, out double deltaBuys, out double deltaSells)
    {
        var n = lossBuys.Length;
        if (lossSells.Length != n || weights.Length < n)
        {
            ThrowHelper.Argument(nameof(lossBuys), "expansion rows are shorter than the scenario vector.");
        }

        ref readonly var sumsA = ref _store.Sums(positions);
        ref readonly var sumsB = ref _store.Sums(positions + 1);
        ref readonly var sumsS = ref _store.Sums(positions + 2);
        var c0A = sumsA.Delta * dF + 0.5 * sumsA.Gamma * dF2 + sumsA.Vega * dv;
        var c0B = sumsB.Delta * dF + 0.5 * sumsB.Gamma * dF2 + sumsB.Vega * dv;
        var c0S = sumsS.Delta * dF + 0.5 * sumsS.Gamma * dF2 + sumsS.Vega * dv;
        var a = new ReadOnlySpan<double>(vectors, _store.VectorOffset(positions, n), 4 * n);
        var b = new ReadOnlySpan<double>(vectors, _store.VectorOffset(positions + 1, n), 4 * n);
        var c = new ReadOnlySpan<double>(vectors, _store.VectorOffset(positions + 2, n), 4 * n);
        ref var accB = ref MemoryMarshal.GetReference(lossBuys);
        ref var accS = ref MemoryMarshal.GetReference(lossSells);
        ref var rA = ref MemoryMarshal.GetReference(a);
        ref var rB = ref MemoryMarshal.GetReference(b);
        ref var rS = ref MemoryMarshal.GetReference(c);
        ref var rW = ref MemoryMarshal.GetReference(weights);
        var s = new Vector<double>(1.0);
        var bd = new Vector<double>(-1.0 * dF);
        var bg = new Vector<double>(-1.0 * dF2);
        var bv = new Vector<double>(-1.0 * dv);
        var bwA = new Vector<double>(1.0 * c0A);
        var bwB = new Vector<double>(1.0 * c0B);
        var bwS = new Vector<double>(1.0 * c0S);
        var rows = (nuint)n;

        // No vol move: the vega terms are ±0 and change no bit of a non-zero sum, so the vega rows are
        // skipped (as Expand and ExpandBlockPair do).
        var vega = dv != 0;
        for (var i = 0; i < n; i += Vector<double>.Count)
        {
            var o = (nuint)i;
            var w = Vector.LoadUnsafe(ref rW, o);
            var pRa = s * Vector.LoadUnsafe(ref rA, o);
            var pD = bd * Vector.LoadUnsafe(ref rA, o + rows);
            var pG = bg * Vector.LoadUnsafe(ref rA, o + (2 * rows));
            var pW = bwA * w;
            var sumB = Vector.LoadUnsafe(ref accB, o) + pRa + pD + pG;
            var sumS = Vector.LoadUnsafe(ref accS, o) + pRa + pD + pG;
            if (vega)
            {
                var pV = bv * Vector.LoadUnsafe(ref rA, o + (3 * rows));
                sumB += pV;
                sumS += pV;
            }

            sumB += pW;
            sumS += pW;
            if (buys)
            {
                sumB = sumB + s * Vector.LoadUnsafe(ref rB, o) + bd * Vector.LoadUnsafe(ref rB, o + rows) + bg * Vector.LoadUnsafe(ref rB, o + (2 * rows));
                if (vega)
                {
                    sumB += bv * Vector.LoadUnsafe(ref rB, o + (3 * rows));
                }

                sumB += bwB * w;
            }

            if (sells)
            {
                sumS = sumS + s * Vector.LoadUnsafe(ref rS, o) + bd * Vector.LoadUnsafe(ref rS, o + rows) + bg * Vector.LoadUnsafe(ref rS, o + (2 * rows));
                if (vega)
                {
                    sumS += bv * Vector.LoadUnsafe(ref rS, o + (3 * rows));
                }

                sumS += bwS * w;
            }

            sumB.StoreUnsafe(ref accB, o);
            sumS.StoreUnsafe(ref accS, o);
        }

        var deltaA = sumsA.DeltaEquivalent + sumsA.DeltaEquivalentSlope * dF + sumsA.DeltaEquivalentVolSlope * dv;
        deltaBuys = buys ? deltaA + (sumsB.DeltaEquivalent + sumsB.DeltaEquivalentSlope * dF + sumsB.DeltaEquivalentVolSlope * dv) : deltaA;
        deltaSells = sells ? deltaA + (sumsS.DeltaEquivalent + sumsS.DeltaEquivalentSlope * dF + sumsS.DeltaEquivalentVolSlope * dv) : deltaA;
    }

    // The cache entry (index) holding the expanded loss vector, its worst loss and the per-future
    // deltas of one group slot and combination, without the order. Served as is while neither the
    // group's market (price, vol, anchor) nor the account's rows changed since it was computed;
    // otherwise recomputed in place (O(nodes × futures held)), including how far the market moved
    // towards the re-anchor limits (for the credit band).
    private int BaseExpansion(int account, int groupSlot, int group, int combo, ulong mask, ReadOnlySpan<double> weights, int nodes)
    {
        var key = (account * _store.MaxGroupsPerAccount + groupSlot) * AccountStore.Sets + combo;
        var cache = key & (CacheEntries - 1);
        var version = _market.Version(group);
        var mutation = _store.Mutation(account, groupSlot, combo);
        if (IsCached(cache, key, version, mutation))
        {
            return cache;
        }

        var maxFutures = _market.MaxFuturesPerGroup;
        var n = _market.GroupStride(group);
        var entry = cache * _entrySize;
        var loss = new Span<double>(_cacheEntries, entry, n);
        var deltas = new Span<double>(_cacheEntries, entry + _stride, maxFutures);
        loss.Clear();
        deltas.Clear();
        double moved = 0;
        var vectors = _store.Vectors;
        while (mask != 0)
        {
            var ordinal = BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            var f = _market.GroupFuture(group, ordinal);
            var dF = _market.PriceMove(f);
            var dv = _market.VolMove(f);
            moved = MovedTowardsLimits(f, dF, dv, moved);

            // Empty sets are exactly zero (AccountStore.SetCount): adding them would change no bit of a
            // non-zero sum, so only the sets that hold something are read.
            var block = _store.Block(account, groupSlot, ordinal, 0);
            var side = block + combo;
            var positions = _store.SetCount(block) != 0;
            var working = combo != 0 && _store.SetCount(side) != 0;
            var de = positions && working
                ? ExpandBlockPair(loss, vectors, block, side, weights, dF, dF * dF, dv)
                : positions ? ExpandBlock(loss, vectors, block, weights, dF, dF * dF, dv)
                : working ? ExpandBlock(loss, vectors, side, weights, dF, dF * dF, dv)
                : 0.0;

            deltas[ordinal] = de;
        }

        StoreEntry(cache, key, version, mutation, loss, moved, nodes);
        return cache;
    }

    // Whether cache entry `cache` holds (key) expanded at the group's market version and the slot's mutation.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsCached(int cache, int key, long version, long mutation)
        => _cacheKey[cache] == key && _cacheVersion[cache] == version && _cacheMutation[cache] == mutation;

    // How far the market moved towards the re-anchor limits (for the credit band): the larger of
    // `moved` and this future's distance on the drift/vol ellipse; `moved` unchanged without credits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double MovedTowardsLimits(int future, double dF, double dv, double moved)
    {
        if (!_hasCredits)
        {
            return moved;
        }

        var driftRatio = dF / _market.DriftLimit(future);
        var volRatio = dv / _market.Policy.VolLimit;
        return Math.Max(moved, Math.Sqrt(driftRatio * driftRatio + volRatio * volRatio));
    }

    // Completes cache entry `cache` (its loss vector and deltas already written): worst loss, move, stamps.
    private void StoreEntry(int cache, int key, long version, long mutation, ReadOnlySpan<double> loss, double moved, int nodes)
    {
        var tail = (cache * _entrySize) + _stride + _market.MaxFuturesPerGroup;
        _cacheEntries[tail + 1] = Worst(loss, nodes);
        _cacheEntries[tail] = moved;
        _cacheKey[cache] = key;
        _cacheVersion[cache] = version;
        _cacheMutation[cache] = mutation;
    }

    // The order instrument's quantity in a combination, from the slot CheckOrder looked up once.
    private long ComboQuantity(int combo)
    {
        var k = _orderSlot;
        if (k < 0)
        {
            return 0;
        }

        var p = _store.SlotPosition(k);
        return combo switch
        {
            1 => p + _store.SlotBuy(k),
            2 => p - _store.SlotSell(k),
            _ => p,
        };
    }

    // Pessimistic: a pair whose net deltas are within their bands gets no credit. Optimistic: such a
    // pair is credited whatever the signs of the expanded deltas (the most the reference could give).
    private double Maintenance(int account, int orderGroup, bool after, bool optimistic)
    {
        var scanSpread = after ? _scanSpreadAfter : _scanSpreadBefore;
        var som = after ? _somAfter : _somBefore;
        var scan = after ? _scanAfter : _scanBefore;
        var net = after ? _netAfter : _netBefore;
        var has = after ? _hasAfter : _hasBefore;
        var band = after ? _bandAfter : _bandBefore;
        var maxSlots = _store.MaxGroupsPerAccount;
        var virtualSlot = after && orderGroup >= 0 && _store.GroupSlot(account, orderGroup) < 0;
        if (!_hasCredits)
        {
            // No credit pair: every credit is zero, and x − 0 is x bit for bit, so the sum is the
            // same as below without the credit bookkeeping.
            double sum = 0;
            for (var gs = 0; gs < maxSlots; gs++)
            {
                if (has[gs] && _store.GroupOfSlot(account, gs) >= 0)
                {
                    sum += Math.Max(scanSpread[gs], som[gs]);
                }
            }

            if (virtualSlot && has[maxSlots])
            {
                sum += Math.Max(scanSpread[maxSlots], som[maxSlots]);
            }

            return sum;
        }

        for (var gs = 0; gs <= maxSlots; gs++)
        {
            _remaining[gs] = has[gs] ? Math.Abs(net[gs]) : 0;
            _credit[gs] = 0;
        }

        var credits = _options.Credits;
        for (var k = 0; k < credits.Length; k++)
        {
            ref readonly var c = ref credits[k];
            var a = ScratchOf(account, c.GroupA, orderGroup, virtualSlot);
            var b = ScratchOf(account, c.GroupB, orderGroup, virtualSlot);
            if (a < 0 || b < 0 || !has[a] || !has[b])
            {
                continue;
            }

            var uncertain = Math.Abs(net[a]) <= band[a] || Math.Abs(net[b]) <= band[b];
            if (uncertain && !optimistic)
            {
                CreditUncertain = true;
            }

            if (optimistic ? !(net[a] * net[b] < 0 || uncertain) : !(net[a] * net[b] < 0) || uncertain)
            {
                continue;
            }

            var spreads = Math.Min(_remaining[a] / c.DeltaRatioA, _remaining[b] / c.DeltaRatioB);
            if (!(spreads > 0))
            {
                continue;
            }

            var usedA = spreads * c.DeltaRatioA;
            var usedB = spreads * c.DeltaRatioB;
            _remaining[a] -= usedA;
            _remaining[b] -= usedB;
            _credit[a] += c.CreditRate * usedA / Math.Abs(net[a]) * scan[a];
            _credit[b] += c.CreditRate * usedB / Math.Abs(net[b]) * scan[b];
        }

        // A credit never takes a group below its short option minimum (as MarginCalculator).
        double total = 0;
        for (var gs = 0; gs < maxSlots; gs++)
        {
            if (_store.GroupOfSlot(account, gs) >= 0 && has[gs])
            {
                total += Math.Max(scanSpread[gs] - _credit[gs], som[gs]);
            }
        }

        if (virtualSlot && has[maxSlots])
        {
            total += Math.Max(scanSpread[maxSlots] - _credit[maxSlots], som[maxSlots]);
        }

        return total;
    }

    private int ScratchOf(int account, int group, int orderGroup, bool virtualSlot)
    {
        var gs = _store.GroupSlot(account, group);
        if (gs >= 0)
        {
            return gs;
        }

        return virtualSlot && group == orderGroup ? _store.MaxGroupsPerAccount : -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double ExpandBlock(Span<double> loss, double[] vectors, int block, ReadOnlySpan<double> weights, double dF, double dF2, double dv)
    {
        ref readonly var sums = ref _store.Sums(block);
        var c0 = sums.Delta * dF + 0.5 * sums.Gamma * dF2 + sums.Vega * dv;
        var n = loss.Length;
        var offset = _store.VectorOffset(block, n);
        Expand(
            loss,
            new ReadOnlySpan<double>(vectors, offset, n),
            new ReadOnlySpan<double>(vectors, offset + n, n),
            new ReadOnlySpan<double>(vectors, offset + 2 * n, n),
            new ReadOnlySpan<double>(vectors, offset + 3 * n, n),
            weights,
            1.0,
            dF,
            dF2,
            dv,
            c0);
        return sums.DeltaEquivalent + sums.DeltaEquivalentSlope * dF + sums.DeltaEquivalentVolSlope * dv;
    }

    // ExpandBlock(first) then ExpandBlock(second) (positions, then one working side) in one pass over
    // the loss vector: per element the same additions in the same order, so the same bits, with the
    // loss and weights loaded once instead of twice.
    private double ExpandBlockPair(Span<double> loss, double[] vectors, int first, int second, ReadOnlySpan<double> weights, double dF, double dF2, double dv)
    {
        var n = loss.Length;
        if (!Vector.IsHardwareAccelerated || n % Vector<double>.Count != 0 || weights.Length < n)
        {
            return ExpandBlock(loss, vectors, first, weights, dF, dF2, dv) + ExpandBlock(loss, vectors, second, weights, dF, dF2, dv);
        }

        ref readonly var sumsA = ref _store.Sums(first);
        ref readonly var sumsB = ref _store.Sums(second);
        var c0A = sumsA.Delta * dF + 0.5 * sumsA.Gamma * dF2 + sumsA.Vega * dv;
        var c0B = sumsB.Delta * dF + 0.5 * sumsB.Gamma * dF2 + sumsB.Vega * dv;
        var a = new ReadOnlySpan<double>(vectors, _store.VectorOffset(first, n), 4 * n);
        var b = new ReadOnlySpan<double>(vectors, _store.VectorOffset(second, n), 4 * n);
        ref var acc = ref MemoryMarshal.GetReference(loss);
        ref var rA = ref MemoryMarshal.GetReference(a);
        ref var rB = ref MemoryMarshal.GetReference(b);
        ref var rW = ref MemoryMarshal.GetReference(weights);
        var s = new Vector<double>(1.0);
        var bd = new Vector<double>(-1.0 * dF);
        var bg = new Vector<double>(-1.0 * dF2);
        var bv = new Vector<double>(-1.0 * dv);
        var bwA = new Vector<double>(1.0 * c0A);
        var bwB = new Vector<double>(1.0 * c0B);
        var rows = (nuint)n;
        if (dv == 0)
        {
            // No vol move: the vega terms are ±0 and change no bit of a non-zero sum, so the vega rows
            // (a quarter of the memory read) are skipped.
            for (var i = 0; i < n; i += Vector<double>.Count)
            {
                var o = (nuint)i;
                var w = Vector.LoadUnsafe(ref rW, o);
                var sum = Vector.LoadUnsafe(ref acc, o) + s * Vector.LoadUnsafe(ref rA, o) + bd * Vector.LoadUnsafe(ref rA, o + rows)
                    + bg * Vector.LoadUnsafe(ref rA, o + (2 * rows)) + bwA * w;
                sum = sum + s * Vector.LoadUnsafe(ref rB, o) + bd * Vector.LoadUnsafe(ref rB, o + rows)
                    + bg * Vector.LoadUnsafe(ref rB, o + (2 * rows)) + bwB * w;
                sum.StoreUnsafe(ref acc, o);
            }
        }
        else
        {
            for (var i = 0; i < n; i += Vector<double>.Count)
            {
                var o = (nuint)i;
                var w = Vector.LoadUnsafe(ref rW, o);
                var sum = Vector.LoadUnsafe(ref acc, o) + s * Vector.LoadUnsafe(ref rA, o) + bd * Vector.LoadUnsafe(ref rA, o + rows)
                    + bg * Vector.LoadUnsafe(ref rA, o + (2 * rows)) + bv * Vector.LoadUnsafe(ref rA, o + (3 * rows)) + bwA * w;
                sum = sum + s * Vector.LoadUnsafe(ref rB, o) + bd * Vector.LoadUnsafe(ref rB, o + rows)
                    + bg * Vector.LoadUnsafe(ref rB, o + (2 * rows)) + bv * Vector.LoadUnsafe(ref rB, o + (3 * rows)) + bwB * w;
                sum.StoreUnsafe(ref acc, o);
            }
        }

        return sumsA.DeltaEquivalent + sumsA.DeltaEquivalentSlope * dF + sumsA.DeltaEquivalentVolSlope * dv
            + (sumsB.DeltaEquivalent + sumsB.DeltaEquivalentSlope * dF + sumsB.DeltaEquivalentVolSlope * dv);
    }

    // loss += scale · (RA − dF·D̃ − dF²·G̃ − dσ·Ṽ + c0·w), over whole SIMD lanes. The spans all have
    // the node stride (a whole number of lanes), checked once here, so the lane loop loads without
    // per-element bounds checks.
    private static void Expand(Span<double> loss, ReadOnlySpan<double> ra, ReadOnlySpan<double> d, ReadOnlySpan<double> g, ReadOnlySpan<double> v, ReadOnlySpan<double> w, double scale, double dF, double dF2, double dv, double c0)
    {
        var n = loss.Length;
        if (ra.Length < n || d.Length < n || g.Length < n || v.Length < n || w.Length < n)
        {
            ThrowHelper.Argument(nameof(loss), "expansion rows are shorter than the scenario vector.");
        }

        var kd = -scale * dF;
        var kg = -scale * dF2;
        var kv = -scale * dv;
        var kw = scale * c0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            ref var acc = ref MemoryMarshal.GetReference(loss);
            ref var rRa = ref MemoryMarshal.GetReference(ra);
            ref var rD = ref MemoryMarshal.GetReference(d);
            ref var rG = ref MemoryMarshal.GetReference(g);
            ref var rV = ref MemoryMarshal.GetReference(v);
            ref var rW = ref MemoryMarshal.GetReference(w);
            var s = new Vector<double>(scale);
            var bd = new Vector<double>(kd);
            var bg = new Vector<double>(kg);
            var bv = new Vector<double>(kv);
            var bw = new Vector<double>(kw);
            var lanes = n - n % Vector<double>.Count;
            if (kv == 0)
            {
                // No vol move: the vega term is ±0 and changes no bit of a non-zero sum; skip its row.
                for (; i < lanes; i += Vector<double>.Count)
                {
                    var o = (nuint)i;
                    var sum = Vector.LoadUnsafe(ref acc, o) + s * Vector.LoadUnsafe(ref rRa, o) + bd * Vector.LoadUnsafe(ref rD, o)
                        + bg * Vector.LoadUnsafe(ref rG, o) + bw * Vector.LoadUnsafe(ref rW, o);
                    sum.StoreUnsafe(ref acc, o);
                }
            }
            else
            {
                for (; i < lanes; i += Vector<double>.Count)
                {
                    var o = (nuint)i;
                    var sum = Vector.LoadUnsafe(ref acc, o) + s * Vector.LoadUnsafe(ref rRa, o) + bd * Vector.LoadUnsafe(ref rD, o)
                        + bg * Vector.LoadUnsafe(ref rG, o) + bv * Vector.LoadUnsafe(ref rV, o) + bw * Vector.LoadUnsafe(ref rW, o);
                    sum.StoreUnsafe(ref acc, o);
                }
            }
        }

        for (; i < n; i++)
        {
            loss[i] += scale * ra[i] + kd * d[i] + kg * g[i] + kv * v[i] + kw * w[i];
        }
    }

    // max(0, maxₛ (base + scale · (RA − dF·D̃ − dF²·G̃ − dσ·Ṽ + c0·w))[s]) in one pass, without storing
    // the sum: the same per-element arithmetic as Expand followed by Worst (so the same bits), with
    // half the memory traffic. Padding lanes are zero in every row, as in Worst.
    private static double ExpandWorst(ReadOnlySpan<double> baseLoss, ReadOnlySpan<double> ra, ReadOnlySpan<double> d, ReadOnlySpan<double> g, ReadOnlySpan<double> v, ReadOnlySpan<double> w, double scale, double dF, double dF2, double dv, double c0, int nodes)
    {
        var n = baseLoss.Length;
        if (ra.Length < n || d.Length < n || g.Length < n || v.Length < n || w.Length < n || nodes > n)
        {
            ThrowHelper.Argument(nameof(baseLoss), "expansion rows are shorter than the scenario vector.");
        }

        var kd = -scale * dF;
        var kg = -scale * dF2;
        var kv = -scale * dv;
        var kw = scale * c0;
        var worst = 0.0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count && n % Vector<double>.Count == 0)
        {
            ref var rBase = ref MemoryMarshal.GetReference(baseLoss);
            ref var rRa = ref MemoryMarshal.GetReference(ra);
            ref var rD = ref MemoryMarshal.GetReference(d);
            ref var rG = ref MemoryMarshal.GetReference(g);
            ref var rV = ref MemoryMarshal.GetReference(v);
            ref var rW = ref MemoryMarshal.GetReference(w);
            var s = new Vector<double>(scale);
            var bd = new Vector<double>(kd);
            var bg = new Vector<double>(kg);
            var bv = new Vector<double>(kv);
            var bw = new Vector<double>(kw);
            var max = Vector<double>.Zero;
            for (var i = 0; i < n; i += Vector<double>.Count)
            {
                var o = (nuint)i;
                var sum = Vector.LoadUnsafe(ref rBase, o) + s * Vector.LoadUnsafe(ref rRa, o) + bd * Vector.LoadUnsafe(ref rD, o)
                    + bg * Vector.LoadUnsafe(ref rG, o) + bv * Vector.LoadUnsafe(ref rV, o) + bw * Vector.LoadUnsafe(ref rW, o);
                max = Vector.Max(max, sum);
            }

            for (var k = 0; k < Vector<double>.Count; k++)
            {
                worst = Math.Max(worst, max[k]);
            }

            return worst;
        }

        for (var i = 0; i < nodes; i++)
        {
            worst = Math.Max(worst, baseLoss[i] + (scale * ra[i] + kd * d[i] + kg * g[i] + kv * v[i] + kw * w[i]));
        }

        return worst;
    }

    // max(0, maxₛ loss[s]): the padding past the node count is zero (rows are zero-padded), so a
    // whole-lane max gives the scan risk directly.
    private static double Worst(ReadOnlySpan<double> loss, int nodes)
    {
        var worst = 0.0;
        var s = 0;
        if (Vector.IsHardwareAccelerated && loss.Length >= Vector<double>.Count)
        {
            var lanes = MemoryMarshal.Cast<double, Vector<double>>(loss);
            var max = Vector<double>.Zero;
            for (var k = 0; k < lanes.Length; k++)
            {
                max = Vector.Max(max, lanes[k]);
            }

            for (var k = 0; k < Vector<double>.Count; k++)
            {
                worst = Math.Max(worst, max[k]);
            }

            s = lanes.Length * Vector<double>.Count;
        }

        for (; s < nodes; s++)
        {
            worst = Math.Max(worst, loss[s]);
        }

        return worst;
    }
}
