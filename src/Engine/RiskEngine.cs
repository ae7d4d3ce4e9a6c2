using System.Runtime.CompilerServices;
using RiskGate.Engine.Checks;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Market;
using RiskGate.Engine.Orders;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;

namespace RiskGate.Engine;

/// <summary>
/// The pre-trade risk engine: one method per inbound message kind, each returning an
/// <see cref="EngineDecision"/>; alerts of the call are left in <see cref="Alerts"/>. The order path is
/// <see cref="Check"/>: the controls of DESIGN §6 in their documented order, then the margin step
/// (<see cref="IncrementalMargin.CheckOrder"/>).
/// </summary>
/// <remarks>
/// <para><b>Thread</b>: single writer. Every method is called by one thread, the gate's risk stage (or a
/// direct-mode host's own thread); nothing is synchronised. Deterministic: no clock is read — engine
/// time is the largest timestamp seen on the time sources (<see cref="Now"/>); order-entry messages,
/// fills and collateral requests never move it.</para>
/// <para><b>Phases</b>: reference data first. <see cref="OnInstrumentDefinition(long, uint, InstrumentKind, int, uint, long, long, bool, double, long, TradingState)"/>,
/// <see cref="OnRiskParameters(long, int, in GroupMarginSettings, ReadOnlySpan{ScanPoint}, in OrderLimits)"/>, <see cref="OnMarketPrice(long, long, uint, long)"/> and <see cref="OnVolSmile"/> may arrive
/// before trading; the first message of any other kind (or <see cref="Seal"/>) seals the instrument set
/// and builds the market state and account store (the start-up allocation). A group is anchored as soon
/// as all its futures have a price and all its options a smile; orders in an unanchored group are
/// rejected with <see cref="RejectCode.NoReferencePrice"/>. Defining a new instrument after the seal is
/// rejected with <see cref="RejectCode.InvalidReferenceData"/> (re-sending a definition only changes the
/// instrument's trading state).</para>
/// <para><b>Accounts</b> become known with their first <see cref="OnAccountLimits(long, long, uint, bool, in OrderLimits)"/>, which also
/// enables or disables them and sets their overrides; every other message for an unknown account fails
/// closed with <see cref="RejectCode.UnknownAccount"/>.</para>
/// <para><b>Working orders and time</b>: Day, GTC and GTD orders rest in the <see cref="OrderBook"/>
/// and reserve margin by the worse side; IOC and FOK are checked like any order and never rest, unless
/// <see cref="RiskEngineOptions.ImmediateOrderHoldNanoseconds"/> &gt; 0 holds them as working orders
/// until filled, cancelled or expired at acceptance engine time + the hold. An order whose expiry
/// passed is expired when touched (cancel, replace, fill, a new order with its id) and by a bounded scan of
/// <see cref="RiskEngineOptions.MaxExpiryScanPerCall"/> pool slots on each heartbeat; both report an
/// <see cref="EngineAlertKind.OrderExpired"/> alert.</para>
/// <para><b>Margin calls</b>: an account is re-evaluated (equity against the worse-side maintenance,
/// working orders included) on its next order (free: the margin step's "before" figures), after each of
/// its fills and collateral changes, and by <see cref="Sweep"/>, which the gate calls at the end of a
/// batch with a bound on the accounts examined; market data never walks accounts.</para>
/// <para><b>Throttle</b>: a message is recorded when it reaches the throttle step (so messages rejected
/// earlier do not count, and messages rejected later do).</para>
/// <para><b>Allocation</b>: nothing after the seal, on every path, rejects included.</para>
/// </remarks>
public sealed partial class RiskEngine
{
    private const double Price9 = 1e-9;

    private readonly RiskEngineOptions _options;
    private readonly InstrumentTable _instruments;
    private readonly MarketSnapshot _snapshot;
    private readonly IdIndex _accountIds;
    private readonly IdIndex _instrumentIds;
    private readonly long[] _tick;
    private readonly long[] _expiry;
    private readonly long[] _strike;
    private readonly TradingState[] _instrumentState;
    private readonly int _groupCount;
    private readonly long _immediateHold;

    // The per-account flags every order reads, side by side (one cache line for 16 accounts' flags
    // instead of four lines in four arrays).
    private readonly AccountFlags[] _flags;
    private readonly OrderLimits[] _groupLimits;
    private readonly OrderLimits[] _accountLimits;
    private readonly TradingState[] _groupState;
    private readonly TradingState[] _accountGroupState;
    private readonly bool[] _groupMoved;
    private readonly OrderBook _orders;
    private readonly Throttle _orderThrottle;
    private readonly Throttle _cancelThrottle;
    private readonly AlertBuffer _alerts;
    private TradingState _globalState = TradingState.Active;

    private MarketState? _market;
    private AccountStore? _store;
    private IncrementalMargin? _margin;
    private long _now;
    private int _expiryCursor;
    private int _sweepCursor;

    /// <summary>Creates the engine and pre-allocates everything but the market state and account store (built at <see cref="Seal"/>).</summary>
    public RiskEngine(RiskEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _groupCount = options.GroupCount;
        _immediateHold = options.ImmediateOrderHoldNanoseconds;
        _instruments = new InstrumentTable(options.MaxInstruments, _groupCount);
        _snapshot = new MarketSnapshot(options.MaxInstruments);
        _accountIds = new IdIndex(options.MaxAccounts);
        _instrumentIds = new IdIndex(options.MaxInstruments);
        _tick = new long[options.MaxInstruments];
        _expiry = new long[options.MaxInstruments];
        _strike = new long[options.MaxInstruments];
        _instrumentState = new TradingState[options.MaxInstruments];
        _flags = new AccountFlags[options.MaxAccounts];
        _groupLimits = new OrderLimits[_groupCount];
        _groupLimits.AsSpan().Fill(options.DefaultLimits);
        _accountWideDefaults = options.DefaultLimits;
        _accountLimits = new OrderLimits[options.MaxAccounts];
        _accountLimits.AsSpan().Fill(OrderLimits.UseDefaults);
        _groupState = new TradingState[_groupCount];
        _groupState.AsSpan().Fill(TradingState.Active);
        _flags.AsSpan().Fill(new AccountFlags { State = TradingState.Active });
        _accountGroupState = new TradingState[checked(options.MaxAccounts * _groupCount)];
        _accountGroupState.AsSpan().Fill(TradingState.Active);
        _groupMoved = new bool[_groupCount];
        _orders = new OrderBook(options.MaxWorkingOrders, options.MaxAccounts);
        _orderThrottle = new Throttle(options.MaxAccounts, options.ThrottleCapacity, options.ThrottleWindowNanoseconds);
        _cancelThrottle = new Throttle(options.MaxAccounts, options.ThrottleCapacity, options.ThrottleWindowNanoseconds);
        _alerts = new AlertBuffer(options.AlertCapacity);
        _now = options.ValuationTimeNanoseconds;
        _marginOptions = options.Margin.CopyForEngine(options.MaxScanNodes);
        _groupInitialRatio = new double[_groupCount];
        _groupInitialRatio.AsSpan().Fill(options.Margin.InitialRatio);
        _groupLiquidation = new double[_groupCount];
        _groupLiquidation.AsSpan().Fill(options.LiquidationFraction);
        _groupConfidence = new double[_groupCount];
        _groupConfidence.AsSpan().Fill(double.NaN);
        _liquidationFraction = options.LiquidationFraction;
        _scopedLimits = new ScopedLimitTable(options.MaxScopedLimits, options.MaxAccounts);
    }

    /// <summary>The options.</summary>
    public RiskEngineOptions Options => _options;

    /// <summary>Alerts of the last call (cleared at the start of every call).</summary>
    public AlertBuffer Alerts => _alerts;

    /// <summary>True once the instrument set is sealed and trading state exists.</summary>
    public bool IsSealed => _store is not null;

    /// <summary>
    /// Engine time: the largest timestamp seen on a time source — Heartbeat, MarketPrice, VolSurface and
    /// the admin messages AccountLimits and TradingControl — starting at the valuation time. NewOrder,
    /// CancelOrder, ReplaceOrder, Fill and AccountCollateral never move it: their stamps are one
    /// sender's claim, and engine time expires instruments and every account's GTD and Day orders.
    /// </summary>
    public long Now => _now;

    /// <summary>The instruments (dense indices).</summary>
    public InstrumentTable Instruments => _instruments;

    /// <summary>The market state (null before the seal).</summary>
    public MarketState? Market => _market;

    /// <summary>The account store (null before the seal).</summary>
    public AccountStore? Store => _store;

    /// <summary>The margin step (null before the seal).</summary>
    public IncrementalMargin? Margin => _margin;

    /// <summary>The working orders.</summary>
    public OrderBook Orders => _orders;

    /// <summary>Global trading state.</summary>
    public TradingState GlobalState => _globalState;

    /// <summary>Dense index of an external account id, or −1.</summary>
    public int AccountIndex(uint accountId) => _accountIds.Find(accountId);

    /// <summary>Dense index of an external instrument id, or −1.</summary>
    public int InstrumentIndex(uint instrumentId) => _instrumentIds.Find(instrumentId);

    /// <summary>The external id of the instrument at dense index <paramref name="index"/> (the inverse of <see cref="InstrumentIndex"/>), e.g. for <see cref="WorkingOrder.Instrument"/>.</summary>
    public uint InstrumentId(int index) => _instrumentIds.External(index);

    /// <summary>Accounts registered.</summary>
    public int AccountCount => _accountIds.Count;

    /// <summary>True when the account (dense) is enabled.</summary>
    public bool IsEnabled(int account) => _flags[account].Enabled;

    /// <summary>The account-wide limit overrides of <paramref name="account"/> (an index); unset fields (negative, NaN collar) use the group defaults.</summary>
    public OrderLimits AccountOverrides(int account) => _accountLimits[account];

    /// <summary>Trading state set on a group.</summary>
    public TradingState GroupState(int group) => _groupState[group];

    /// <summary>Trading state set on an account by TradingControl (0: never set).</summary>
    public TradingState AccountState(int account) => _flags[account].State;

    /// <summary>The account's trading state set by AccountLimits (0: never set; Active or ReduceOnly), kept apart from <see cref="AccountState"/> so neither lifts the other.</summary>
    public TradingState AccountLimitsState(int account) => _flags[account].LimitsState;

    /// <summary>Trading state set on an account in a group.</summary>
    public TradingState AccountGroupState(int account, int group) => _accountGroupState[account * _groupCount + group];

    /// <summary>True while the account is under a margin call (reduce-only).</summary>
    public bool IsMarginCalled(int account) => _flags[account].MarginCall;

    /// <summary>Group limit defaults.</summary>
    public ref readonly OrderLimits GroupLimits(int group) => ref _groupLimits[group];

    /// <summary>
    /// Seals the instrument set: builds the market state (anchoring every group whose prices and smiles
    /// are complete) and the account store. Idempotent. Allocates (start-up only).
    /// </summary>
    public void Seal()
    {
        if (_store is not null)
        {
            return;
        }

        _market = new MarketState(_instruments, _marginOptions, _snapshot, _options.Policy, _options.ValuationTimeNanoseconds, _options.MaxFuturesPerGroup);
        for (var g = 0; g < _groupCount; g++)
        {
            TryAnchor(g);
        }

        _store = new AccountStore(_market, new AccountStoreOptions(_options.MaxAccounts, _options.MaxPositionsPerAccount, _options.MaxGroupsPerAccount));
        _margin = new IncrementalMargin(_store, _options.SafetyBuffer);
        SealJoint();
    }

    /// <summary>
    /// Starts loading (software prefetch) the state a later message for <paramref name="accountId"/>
    /// will touch, first of two steps: the account's controls, the working-order lookup of
    /// <paramref name="clientOrderId"/> (the order a cancel, replace or fill names), throttle and store
    /// headers. Returns the account's index for <see cref="PrefetchRows"/>, which a host calls one
    /// message later (when these lines have arrived) to start loading the positions and cached margin
    /// vectors; −1 for an unknown account or before the seal. A host that knows its next messages (a
    /// ring stage's batch, the frames of one network read) runs the two steps two messages and one
    /// message ahead, so the misses overlap the current message's work. Changes nothing and decides
    /// nothing: decisions are the same with or without it.
    /// </summary>
    public int Prefetch(uint accountId, uint instrumentId, ulong clientOrderId)
    {
        var store = _store;
        var a = _accountIds.Find(accountId);
        if (store is null || a < 0)
        {
            return -1;
        }

        UnsafePrefetch.One(_flags, a);
        UnsafePrefetch.One(_accountLimits, a);
        var i = _instrumentIds.Find(instrumentId);
        if (i >= 0)
        {
            UnsafePrefetch.One(_accountGroupState, (a * _groupCount) + _instruments[i].Group);
        }

        _orders.Prefetch(a, clientOrderId);
        _orderThrottle.PrefetchHeader(a);
        _cancelThrottle.PrefetchHeader(a);
        store.PrefetchHeaders(a);
        return a;
    }

    /// <summary>Second prefetch step for an account index <see cref="Prefetch"/> returned (any other value does nothing). Changes nothing.</summary>
    public void PrefetchRows(int account)
    {
        var store = _store;
        if (store is null || (uint)account >= (uint)_accountIds.Count)
        {
            return;
        }

        _orderThrottle.PrefetchStamps(account);
        _cancelThrottle.PrefetchStamps(account);
        store.PrefetchRows(account);
    }

    /// <summary>
    /// The order path: runs the controls in DESIGN §6 order for a new order (or the new side of a
    /// replace, with <paramref name="replacing"/> the pool slot of the order it replaces, whose
    /// reservation the caller has already released; −1 for a new order) and returns the first failure,
    /// or <see cref="RejectCode.None"/> with the margin result in <paramref name="margin"/>. Changes no
    /// order or position (but expires, as a touch, an expired working order of the same id); records
    /// the message in the throttle when it reaches that step.
    /// </summary>
    /// <remarks>
    /// Order: (0) message shape — side, type, time in force, a market order only as IOC/FOK, a GTD with
    /// an expire time (else InvalidTimeInForce) not already expired; (1) account known, enabled;
    /// (2) instrument known, not halted, not expired; (3) trading state — the most severe of global,
    /// group, account, account+group, the instrument's own state (reduce-only) and a margin call
    /// (reduce-only); (4) duplicate client order id among the account's working orders (held IOC/FOK
    /// included, <see cref="RiskEngineOptions.ImmediateOrderHoldNanoseconds"/>) — a working order of that
    /// id whose time has passed is expired instead (lazy expiry on touch, the one change this method
    /// makes to the book; its <see cref="EngineAlertKind.OrderExpired"/> alert joins the call's alerts) and
    /// the order is checked again from the start; (5) quantity;
    /// (6) price: a limit price &gt; 0 and on tick, a market order without a price (else InvalidPrice),
    /// reference price exists, a limit price inside the collar, a market order only where a finite collar
    /// bounds its price (else InvalidOrderType); (7) notional, a market order's at the top of the collar
    /// (reference + band) on either side; (8) position limit; (9) throttle; (10) working-order count and
    /// pool capacity (IOC/FOK only when the engine holds them); (11) margin, a market order at the collar edge against the account (buy: top,
    /// sell: bottom).
    /// <para>Time: the order is judged at the later of engine time and its own timestamp — expiry of the
    /// instrument and of a GTD order, and the throttle (where the account's latest stamp also clamps it,
    /// <see cref="Throttle"/>) — so a client's stamp can only ever reject its own account's orders; it
    /// never moves engine time.</para>
    /// </remarks>
    public RejectCode Check(in OrderRequest order, int replacing, out int account, out int instrument, out MarginCheck margin)
    {
        margin = default;
        account = -1;
        instrument = -1;

        // (0) Shape: fields that make the rest meaningless.
        if (order.Side is not (OrderSide.Buy or OrderSide.Sell))
        {
            return RejectCode.InvalidSide;
        }

        if (order.Type is not (OrderType.Limit or OrderType.Market))
        {
            return RejectCode.InvalidOrderType;
        }

        var tif = order.TimeInForce;
        if (tif is < TimeInForce.Day or > TimeInForce.GoodTillDate || (order.Type == OrderType.Market && tif is not (TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill)))
        {
            return RejectCode.InvalidTimeInForce;
        }

        // The order's own stamp may only make the checks stricter; engine time comes from trusted sources.
        var at = Math.Max(_now, order.Timestamp);
        if (tif == TimeInForce.GoodTillDate)
        {
            // Null (2^64 − 1 on the wire) and any stamp past 2^63 read as negative: no usable expire time.
            if (order.ExpireTime < 0)
            {
                return RejectCode.InvalidTimeInForce;
            }

            if (order.ExpireTime <= at)
            {
                return RejectCode.OrderExpired;
            }
        }

        // (1) Account.
        var a = _accountIds.Find(order.AccountId);
        if (a < 0)
        {
            return RejectCode.UnknownAccount;
        }

        account = a;
        if (!_flags[a].Enabled)
        {
            return RejectCode.AccountDisabled;
        }

        // (2) Instrument.
        var i = _instrumentIds.Find(order.InstrumentId);
        if (i < 0)
        {
            return RejectCode.UnknownInstrument;
        }

        instrument = i;
        var instrumentState = _instrumentState[i];
        if (instrumentState == TradingState.Halted)
        {
            return RejectCode.InstrumentNotTradable;
        }

        if (_expiry[i] <= at)
        {
            return RejectCode.InstrumentExpired;
        }

        ref readonly var inst = ref _instruments[i];
        var g = inst.Group;
        var store = _store!;
        var slot = store.FindSlot(a, i);
        long position = 0, buys = 0, sells = 0;
        if (slot >= 0)
        {
            position = store.SlotPosition(slot);
            buys = store.SlotBuy(slot);
            sells = store.SlotSell(slot);
        }

        var isBuy = order.Side == OrderSide.Buy;
        var q = order.Quantity;

        // (3) Trading state.
        var state = Max(EffectiveState(a, g), instrumentState);
        if (state == TradingState.Halted)
        {
            return RejectCode.TradingHalted;
        }

        if (state == TradingState.ReduceOnly && !Reduces(isBuy, position, buys, sells, q))
        {
            return RejectCode.ReduceOnly;
        }

        // (4) Duplicate client order id; a working order of this id whose time has passed is expired
        // instead (a touch, as for cancel, replace and fill) and the order checked again without it.
        var existing = _orders.Find(a, order.ClientOrderId);
        if (existing >= 0 && existing != replacing)
        {
            return IsExpired(in _orders[existing])
                ? ExpireAndCheck(existing, order, replacing, out account, out instrument, out margin)
                : RejectCode.DuplicateClientOrderId;
        }

        // (5) Quantity.
        ref readonly var accountLimits = ref Overrides(a, g, i);
        ref readonly var groupLimits = ref _groupLimits[g];
        if (q <= 0)
        {
            return RejectCode.InvalidQuantity;
        }

        if (q > Pick(accountLimits.MaxOrderQuantity, groupLimits.MaxOrderQuantity))
        {
            return RejectCode.MaxOrderQuantityExceeded;
        }

        // (6) Price.
        double price, notionalPrice;
        if (order.Type == OrderType.Limit)
        {
            if (order.Price <= 0)
            {
                return RejectCode.InvalidPrice;
            }

            if (order.Price % _tick[i] != 0)
            {
                return RejectCode.PriceNotOnTick;
            }
        }
        else if (order.Price != long.MinValue)
        {
            return RejectCode.InvalidPrice;
        }

        var reference = ReferencePrice(i);
        if (double.IsNaN(reference))
        {
            return RejectCode.NoReferencePrice;
        }

        var fraction = double.IsNaN(accountLimits.CollarFraction) || accountLimits.CollarFraction < 0 ? groupLimits.CollarFraction : accountLimits.CollarFraction;
        var minimum = accountLimits.CollarMinimum >= 0 ? accountLimits.CollarMinimum : groupLimits.CollarMinimum;
        var band = Math.Max(fraction * Math.Abs(reference), minimum);
        if (order.Type == OrderType.Limit)
        {
            price = order.Price * Price9;
            if (price < reference - band || price > reference + band)
            {
                return RejectCode.PriceOutsideCollar;
            }

            notionalPrice = price;
        }
        else
        {
            // A market order may execute anywhere in the collar: its notional is taken at the highest
            // plausible price on either side, its margin at the edge that is worse for the account.
            // Without a finite collar neither is bounded.
            notionalPrice = reference + band;
            if (!double.IsFinite(notionalPrice))
            {
                return RejectCode.InvalidOrderType;
            }

            price = isBuy ? notionalPrice : Math.Max(reference - band, 0);
        }

        // (7) Notional.
        var maxNotional = accountLimits.MaxNotional >= 0 ? accountLimits.MaxNotional : groupLimits.MaxNotional;
        if (q * notionalPrice * inst.Multiplier > maxNotional)
        {
            return RejectCode.MaxNotionalExceeded;
        }

        // (8) Position limit: position + same-side working + order.
        var maxPosition = Pick(accountLimits.MaxPosition, groupLimits.MaxPosition);
        var projected = isBuy ? (Int128)position + buys + q : -((Int128)position - sells - q);
        if (projected > maxPosition)
        {
            return RejectCode.PositionLimitExceeded;
        }

        // (9) Throttle (new orders and replaces share one window; cancels have their own).
        var perWindow = accountLimits.MaxOrdersPerWindow >= 0 ? accountLimits.MaxOrdersPerWindow : _accountWideDefaults.MaxOrdersPerWindow;
        if (!_orderThrottle.TryAdmit(a, at, perWindow))
        {
            return RejectCode.ThrottleExceeded;
        }

        // (10) Working orders (IOC/FOK do not rest, so they take no slot unless the engine holds them).
        var rests = _immediateHold > 0 || tif is not (TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill);
        if (rests)
        {
            var maxWorking = accountLimits.MaxWorkingOrders >= 0 ? accountLimits.MaxWorkingOrders : _accountWideDefaults.MaxWorkingOrders;
            var working = _orders.AccountCount(a) - (replacing >= 0 ? 1 : 0);
            if (working >= maxWorking)
            {
                return RejectCode.MaxWorkingOrdersExceeded;
            }

            if (replacing < 0 && _orders.Count == _orders.Capacity)
            {
                return RejectCode.CapacityExhausted;
            }
        }

        // (11) Margin.
        margin = CheckMargin(a, i, isBuy ? q : -q, price);
        if (margin.Status != StateStatus.Ok)
        {
            return margin.Status == StateStatus.CapacityExhausted ? RejectCode.CapacityExhausted : RejectCode.NoReferencePrice;
        }

        UpdateMarginState(a, margin.MaintenanceBefore, margin.EquityBefore, order.Sequence);
        return margin.Outcome == OrderMarginOutcome.RejectedInsufficientMargin ? RejectCode.InsufficientMargin : RejectCode.None;
    }

    // Rare path of step (4): nothing before it records anything (the throttle is step 9), so checking
    // again from the start after the expiry gives the decision as if the order had expired earlier.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private RejectCode ExpireAndCheck(int expired, in OrderRequest order, int replacing, out int account, out int instrument, out MarginCheck margin)
    {
        Expire(expired, order.Sequence);
        return Check(order, replacing, out account, out instrument, out margin);
    }

    /// <summary>
    /// Reduce-only rule: a buy passes only against a short position, and only while position + working
    /// buys + the order stays ≤ 0 (a sell mirrors it); working orders on the order's side count, so a
    /// set of reducing orders cannot together flip the position.
    /// </summary>
    internal static bool Reduces(bool isBuy, long position, long buys, long sells, long quantity)
    {
        var q = Math.Max(quantity, 0);
        return isBuy
            ? position < 0 && (Int128)position + buys + q <= 0
            : position > 0 && (Int128)position - sells - q >= 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Pick(long accountValue, long groupValue) => accountValue >= 0 ? accountValue : groupValue;

    private TradingState EffectiveState(int account, int group)
    {
        var s = _globalState;
        s = Max(s, _groupState[group]);
        s = Max(s, _flags[account].State);
        s = Max(s, _flags[account].LimitsState);
        s = Max(s, _accountGroupState[account * _groupCount + group]);
        return _flags[account].MarginCall ? Max(s, TradingState.ReduceOnly) : s;
    }

    private static TradingState Max(TradingState a, TradingState b) => a > b ? a : b;

    /// <summary>
    /// The collar reference: a future's last mark; an option's theoretical value (Black-76 on its
    /// future's mark with its smile, time to expiry at engine time). NaN when missing or the group is
    /// not anchored.
    /// </summary>
    internal double ReferencePrice(int instrument)
    {
        ref readonly var inst = ref _instruments[instrument];
        if (!_market!.IsAnchored(inst.Group))
        {
            return double.NaN;
        }

        var forward = _snapshot.Price(inst.Underlying);
        if (!inst.IsOption)
        {
            return forward;
        }

        var smile = _snapshot.Smile(instrument);
        var t = inst.ExpiryYears - (_now - _options.ValuationTimeNanoseconds) / MarketState.NanosecondsPerYear;
        if (smile is null || !double.IsFinite(forward) || !(t > 0))
        {
            return double.NaN;
        }

        return Black76.Price(inst.IsCall, forward, inst.Strike, t, _snapshot.Rate, smile.Vol(forward, inst.Strike));
    }

    private struct AccountFlags
    {
        public bool Enabled;
        public TradingState State;
        public TradingState LimitsState;
        public bool MarginCall;
        public bool Liquidation;
    }
}
