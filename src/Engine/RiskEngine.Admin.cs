using System.Runtime.CompilerServices;
using RiskGate.Engine.Checks;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Market;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;

namespace RiskGate.Engine;

/// <summary>Reference data, market data, collateral, limits, trading controls, time and margin calls.</summary>
public sealed partial class RiskEngine
{
    // Reference data that RiskParameters and scoped AccountLimits change at run time (assigned in the constructor).
    private readonly MarginOptions _marginOptions;
    private readonly double[] _groupInitialRatio;
    private readonly double[] _groupLiquidation;
    private readonly double[] _groupConfidence;
    private readonly ScopedLimitTable _scopedLimits;
    private double _liquidationFraction;
    private OrderLimits _mergedLimits;
    private ReferenceDataError _lastReferenceDataError;

    // The account-wide limits (working orders, throttles) an account without its own override gets: the
    // smallest over the groups' defaults (assigned in the constructor from the engine's DefaultLimits).
    private OrderLimits _accountWideDefaults;

    /// <summary>
    /// InstrumentDefinition with a tradable flag: <see cref="TradingState.Active"/> when true,
    /// <see cref="TradingState.Halted"/> when false; see the overload taking a <see cref="TradingState"/>.
    /// </summary>
    /// <param name="sequence">Input sequence number.</param>
    /// <param name="instrumentId">External id.</param>
    /// <param name="kind">Future or option.</param>
    /// <param name="group">Product group index in [0, group count).</param>
    /// <param name="underlyingId">External id of the future an option delivers (ignored for a future).</param>
    /// <param name="expiryNanoseconds">Expiry, message-time nanoseconds.</param>
    /// <param name="strike">Option strike as a PRICE9 mantissa.</param>
    /// <param name="isCall">Call or put.</param>
    /// <param name="multiplier">Money per price point per contract.</param>
    /// <param name="tickSize">Tick size as a PRICE9 mantissa, &gt; 0.</param>
    /// <param name="tradable">False to define it halted for orders.</param>
    public EngineDecision OnInstrumentDefinition(long sequence, uint instrumentId, InstrumentKind kind, int group, uint underlyingId, long expiryNanoseconds, long strike, bool isCall, double multiplier, long tickSize, bool tradable)
        => OnInstrumentDefinition(sequence, instrumentId, kind, group, underlyingId, expiryNanoseconds, strike, isCall, multiplier, tickSize, tradable ? TradingState.Active : TradingState.Halted);

    /// <summary>
    /// InstrumentDefinition. Before the seal it registers the instrument (futures first; an option names
    /// its registered future). A definition of a known id may change only the instrument's trading state,
    /// at any time: every other field (kind, group, expiry, tick size, multiplier and, for an option,
    /// underlying, strike and call/put) must equal the registered one, compared with the values it was
    /// registered from, else InvalidReferenceData and nothing changes.
    /// <see cref="TradingState.Halted"/> rejects its orders with InstrumentNotTradable,
    /// <see cref="TradingState.ReduceOnly"/> (close-only) passes only orders that reduce the position, as
    /// the other reduce-only scopes.
    /// Rejects: InvalidReferenceData (bad field, the null id <see cref="uint.MaxValue"/>, option on a
    /// non-future, new id after the seal, expiry not after the valuation time or more than 100 years away,
    /// a re-sent definition that differs), CapacityExhausted (instruments or futures per group full).
    /// </summary>
    /// <param name="sequence">Input sequence number.</param>
    /// <param name="instrumentId">External id.</param>
    /// <param name="kind">Future or option.</param>
    /// <param name="group">Product group index in [0, group count).</param>
    /// <param name="underlyingId">External id of the future an option delivers (ignored for a future).</param>
    /// <param name="expiryNanoseconds">Expiry, message-time nanoseconds.</param>
    /// <param name="strike">Option strike as a PRICE9 mantissa.</param>
    /// <param name="isCall">Call or put.</param>
    /// <param name="multiplier">Money per price point per contract.</param>
    /// <param name="tickSize">Tick size as a PRICE9 mantissa, &gt; 0.</param>
    /// <param name="state">Active, ReduceOnly or Halted (anything else: InvalidReferenceData).</param>
    public EngineDecision OnInstrumentDefinition(long sequence, uint instrumentId, InstrumentKind kind, int group, uint underlyingId, long expiryNanoseconds, long strike, bool isCall, double multiplier, long tickSize, TradingState state)
    {
        _alerts.Clear();
        if (state is not (TradingState.Active or TradingState.ReduceOnly or TradingState.Halted) || instrumentId == uint.MaxValue)
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidReferenceData, 0, 0);
        }

        var existing = _instrumentIds.Find(instrumentId);
        if (existing >= 0)
        {
            if (!SameDefinition(existing, kind, group, underlyingId, expiryNanoseconds, strike, isCall, multiplier, tickSize))
            {
                return EngineDecision.Reject(sequence, RejectCode.InvalidReferenceData, 0, 0);
            }

            _instrumentState[existing] = state;
            return EngineDecision.Accept(sequence, 0, 0);
        }

        var years = (expiryNanoseconds - (double)_options.ValuationTimeNanoseconds) / MarketState.NanosecondsPerYear;
        if (_store is not null || (uint)group >= (uint)_groupCount || kind is not (InstrumentKind.Future or InstrumentKind.Option)
            || tickSize <= 0 || !(multiplier > 0) || !double.IsFinite(multiplier) || !(years > 0 && years < 100))
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidReferenceData, 0, 0);
        }

        if (_instruments.Count == _instruments.Capacity)
        {
            return EngineDecision.Reject(sequence, RejectCode.CapacityExhausted, 0, 0);
        }

        int index;
        if (kind == InstrumentKind.Future)
        {
            if (_instruments.FutureCount(group) >= _options.MaxFuturesPerGroup)
            {
                return EngineDecision.Reject(sequence, RejectCode.CapacityExhausted, 0, 0);
            }

            _instrumentIds.GetOrAdd(instrumentId, out _);
            index = _instruments.AddFuture(group, years, multiplier, tickSize * Price9);
        }
        else
        {
            var u = _instrumentIds.Find(underlyingId);
            if (u < 0 || _instruments[u].Kind != InstrumentKind.Future || _instruments[u].Group != group || strike <= 0 || years > _instruments[u].ExpiryYears)
            {
                return EngineDecision.Reject(sequence, RejectCode.InvalidReferenceData, 0, 0);
            }

            _instrumentIds.GetOrAdd(instrumentId, out _);
            index = _instruments.AddOption(u, isCall, strike * Price9, years, multiplier, tickSize * Price9);
        }

        _tick[index] = tickSize;
        _expiry[index] = expiryNanoseconds;
        _strike[index] = kind == InstrumentKind.Option ? strike : 0;
        _instrumentState[index] = state;
        return EngineDecision.Accept(sequence, 0, 0);
    }

    /// <summary>The expiry an instrument (dense index) was defined with, message-time nanoseconds, exactly as given.</summary>
    public long InstrumentExpiryNanoseconds(int instrument) => _expiry[instrument];

    // A re-sent definition may change the trading state only: every other field must be the one the
    // instrument was registered from (wire values: tick, expiry and strike as given, the multiplier's bits).
    private bool SameDefinition(int existing, InstrumentKind kind, int group, uint underlyingId, long expiryNanoseconds, long strike, bool isCall, double multiplier, long tickSize)
    {
        ref readonly var known = ref _instruments[existing];
        if (known.Kind != kind || known.Group != group || _expiry[existing] != expiryNanoseconds || _tick[existing] != tickSize
            || BitConverter.DoubleToInt64Bits(known.Multiplier) != BitConverter.DoubleToInt64Bits(multiplier))
        {
            return false;
        }

        return kind != InstrumentKind.Option
            || (known.Underlying == _instrumentIds.Find(underlyingId) && _strike[existing] == strike && known.IsCall == isCall);
    }

    /// <summary>The engine's own margin parameters (a copy of <see cref="RiskEngineOptions.Margin"/> that RiskParameters update).</summary>
    public MarginOptions MarginParameters => _marginOptions;

    /// <summary>The field that made the last reference-data call (RiskParameters, AccountLimits) fail, or <see cref="ReferenceDataError.None"/>.</summary>
    public ReferenceDataError LastReferenceDataError => _lastReferenceDataError;

    /// <summary>The initial / maintenance ratio a group's RiskParameters set (the engine applies the largest over the groups).</summary>
    public double GroupInitialRatio(int group) => _groupInitialRatio[group];

    /// <summary>The liquidation ratio a group's RiskParameters set (NaN: none); the engine applies the largest over the groups.</summary>
    public double GroupLiquidationRatio(int group) => _groupLiquidation[group];

    /// <summary>The Expected Shortfall confidence level a group's RiskParameters carried (NaN: none). Stored for the ES methodology.</summary>
    public double GroupConfidenceLevel(int group) => _groupConfidence[group];

    /// <summary>The liquidation-warning threshold in force, as a fraction of maintenance (NaN: no warning).</summary>
    public double LiquidationFraction => _liquidationFraction;

    /// <summary>The group- and instrument-scoped account limit overrides.</summary>
    public ScopedLimitTable ScopedLimits => _scopedLimits;

    /// <summary>The margin methodology a group is configured with: <see cref="RiskEngineOptions.Joint"/> when given, otherwise <see cref="MarginMethodology.Scan"/>.</summary>
    public MarginMethodology ConfiguredMethodology(int group)
    {
        var joint = _options.Joint;
        return joint is not null && (uint)group < (uint)joint.Methodology.Length ? joint.Methodology[group] : MarginMethodology.Scan;
    }

    /// <summary>RiskParameters, limits only: a group's limit defaults (complete, valid), at any time. Rejects InvalidReferenceData.</summary>
    public EngineDecision OnRiskParameters(long sequence, int group, in OrderLimits defaults)
    {
        _alerts.Clear();
        _lastReferenceDataError = (uint)group >= (uint)_groupCount ? ReferenceDataError.UnknownGroup
            : !defaults.IsCompleteDefault(_options.ThrottleCapacity) ? ReferenceDataError.Limits
            : ReferenceDataError.None;
        if (_lastReferenceDataError != ReferenceDataError.None)
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidReferenceData, 0, 0);
        }

        _groupLimits[group] = defaults;
        ApplyAccountWideDefaults();
        return EngineDecision.Accept(sequence, 0, 0);
    }

    /// <summary>
    /// RiskParameters: a group's complete margin set-up and limit defaults, before the seal or at run
    /// time. Everything is validated first; on any failure nothing changes and the decision is
    /// InvalidReferenceData with the failing field in <see cref="LastReferenceDataError"/>.
    /// </summary>
    /// <remarks>
    /// <para><b>Scan set</b> (points, ranges, kinds, look-ahead): when it differs from the one in force the
    /// group gets a new <see cref="ScanParameters"/> and, once anchored, is re-anchored on this message
    /// (new epoch: risk arrays rebuilt by full revaluation; each account rebuilds its vectors for the group
    /// lazily on its next event). More points than the node capacity
    /// (<see cref="RiskEngineOptions.MaxScanNodes"/>) are rejected, never truncated.</para>
    /// <para><b>Rate</b>: the engine prices with one discount rate (<see cref="MarketSnapshot.Rate"/>); a
    /// different <see cref="GroupMarginSettings.RiskFreeRate"/> replaces it and re-anchors every anchored
    /// group.</para>
    /// <para><b>Initial ratio and liquidation ratio</b> are account-level in the margin model (an account's
    /// requirement nets its groups): each group's value is stored and the engine applies the largest over
    /// the groups (the most conservative), from the next check. Spread charge and short option minimum
    /// apply from the next check.</para>
    /// <para><b>Methodology</b> must be the group's configured one (<see cref="ConfiguredMethodology"/>);
    /// the confidence level is validated ((0.5, 1), required for Expected Shortfall) and stored.</para>
    /// <para><b>Allocation</b>: a changed scan set or spread/minimum allocates the new immutable parameter
    /// objects (admin path, once per change); a re-sent identical message allocates nothing.</para>
    /// </remarks>
    public EngineDecision OnRiskParameters(long sequence, int group, in GroupMarginSettings settings, ReadOnlySpan<ScanPoint> points, in OrderLimits defaults)
    {
        _alerts.Clear();
        _lastReferenceDataError = ValidateRiskParameters(group, in settings, points, in defaults);
        if (_lastReferenceDataError != ReferenceDataError.None)
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidReferenceData, 0, 0);
        }

        var current = _marginOptions.Groups[group];
        var scan = current.Scan;
        var scanChanged = !SameScan(scan, in settings, points);
        if (scanChanged)
        {
            scan = new ScanParameters(points, settings.PriceScanRange, settings.PriceScanKind, settings.VolScanRange, settings.VolScanKind, settings.LookAheadYears, scan.VolShockTenorExponent, scan.VolShockReferenceYears);
        }

        if (scanChanged || current.SpreadRate != settings.SpreadRate || current.ShortOptionMinimum != settings.ShortOptionMinimum)
        {
            _marginOptions.SetGroup(group, new GroupRiskParameters(scan, settings.SpreadRate, settings.ShortOptionMinimum));
        }

        _groupLimits[group] = defaults;
        ApplyAccountWideDefaults();
        _groupInitialRatio[group] = settings.InitialRatio;
        _groupLiquidation[group] = settings.LiquidationRatio;
        _groupConfidence[group] = settings.ConfidenceLevel;
        ApplyAccountLevelRatios();

        var rateChanged = _snapshot.Rate != settings.RiskFreeRate;
        _snapshot.Rate = settings.RiskFreeRate;
        if (_market is not null)
        {
            for (var g = 0; g < _groupCount; g++)
            {
                if (rateChanged || (scanChanged && g == group))
                {
                    _market.ApplyScanChange(g);
                    _groupMoved[g] = true;
                }
            }
        }

        return EngineDecision.Accept(sequence, 0, 0);
    }

    /// <summary>
    /// MarketPrice of a future (PRICE9 mantissa): a mark or settlement price, which sets the future's
    /// price (collar reference, margin) — see <see cref="OnMarketPrice(long, long, uint, long, bool)"/>.
    /// </summary>
    public EngineDecision OnMarketPrice(long sequence, long timestamp, uint instrumentId, long price)
        => OnMarketPrice(sequence, timestamp, instrumentId, price, true);

    /// <summary>
    /// MarketPrice of a future (PRICE9 mantissa, &gt; 0). With <paramref name="setsReference"/> (a mark or
    /// settlement price) it updates the future's price — the collar reference and the margin price — and
    /// the group's incremental state (may re-anchor the group), and anchors a group whose data just became
    /// complete. Without it (a trade print) the price is validated and engine time advances, but no price
    /// changes: a single print, a fat finger included, never moves margins or collars.
    /// Rejects (nothing changes): UnknownInstrument, InvalidMarketData (not a future, price ≤ 0 or null).
    /// </summary>
    public EngineDecision OnMarketPrice(long sequence, long timestamp, uint instrumentId, long price, bool setsReference)
    {
        _alerts.Clear();
        var i = _instrumentIds.Find(instrumentId);
        if (i < 0)
        {
            return EngineDecision.Reject(sequence, RejectCode.UnknownInstrument, 0, 0);
        }

        ref readonly var inst = ref _instruments[i];
        if (inst.Kind != InstrumentKind.Future || price <= 0)
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidMarketData, 0, 0);
        }

        if (timestamp > _now)
        {
            _now = timestamp;
        }

        if (!setsReference)
        {
            return EngineDecision.Accept(sequence, 0, 0);
        }

        if (_market is null)
        {
            _snapshot.SetPrice(i, price * Price9);
        }
        else
        {
            _market.SetFuturePrice(i, price * Price9, timestamp);
            TryAnchor(inst.Group);
            SyncJointAnchors();
            _groupMoved[inst.Group] = true;
        }

        return EngineDecision.Accept(sequence, 0, 0);
    }

    /// <summary>
    /// VolSurface: the smile of every option on the future <paramref name="futureId"/> (one expiry of the
    /// group's surface). The smile object is built by the caller off the order path. Rejects:
    /// UnknownInstrument, InvalidReferenceData (null smile, not a future).
    /// </summary>
    public EngineDecision OnVolSmile(long sequence, long timestamp, uint futureId, VolSmile? smile)
    {
        _alerts.Clear();
        var i = _instrumentIds.Find(futureId);
        if (i < 0)
        {
            return EngineDecision.Reject(sequence, RejectCode.UnknownInstrument, 0, 0);
        }

        if (smile is null || _instruments[i].Kind != InstrumentKind.Future)
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidReferenceData, 0, 0);
        }

        if (timestamp > _now)
        {
            _now = timestamp;
        }

        if (_market is null)
        {
            for (var o = _instruments.FirstOption(i); o >= 0; o = _instruments.NextOption(o))
            {
                _snapshot.SetSmile(o, smile);
            }
        }
        else
        {
            _market.SetSmile(i, smile, timestamp);
            TryAnchor(_instruments[i].Group);
            SyncJointAnchors();
            _groupMoved[_instruments[i].Group] = true;
        }

        return EngineDecision.Accept(sequence, 0, 0);
    }

    /// <summary>
    /// AccountLimits: registers the account on its first message (CapacityExhausted when full), enables
    /// or disables it and replaces its overrides (<see cref="OrderLimits.UseDefaults"/> for none); the
    /// account's trading state is left unchanged. Rejects InvalidReferenceData for an invalid override
    /// (nothing registered).
    /// </summary>
    public EngineDecision OnAccountLimits(long sequence, long timestamp, uint accountId, bool enabled, in OrderLimits overrides)
        => OnAccountLimits(sequence, timestamp, accountId, enabled, in overrides, default);

    /// <summary>
    /// AccountLimits with an account trading state (the wire field <c>tradingState</c>): as
    /// <see cref="OnAccountLimits(long, long, uint, bool, in OrderLimits)"/>, then
    /// <see cref="TradingState.ReduceOnly"/> makes the account reduce-only and
    /// <see cref="TradingState.Active"/> lifts the reduce-only state an earlier AccountLimits set;
    /// <c>default</c> (0) leaves it unchanged. This state is kept apart from the one
    /// <see cref="OnTradingControl"/> sets at account scope (ReduceOnly or Halted), which AccountLimits
    /// never lifts or weakens: the account scope is the more severe of the two
    /// (<see cref="AccountLimitsState"/>, <see cref="AccountState"/>). A change of that account-scope
    /// state raises <see cref="EngineAlertKind.TradingStateChanged"/>, as TradingControl does. Rejects
    /// InvalidReferenceData (nothing changes, engine time included) for any other state, an invalid
    /// override (<see cref="OrderLimits.IsValidOverride"/>) or the null id <see cref="uint.MaxValue"/>.
    /// </summary>
    public EngineDecision OnAccountLimits(long sequence, long timestamp, uint accountId, bool enabled, in OrderLimits overrides, TradingState accountState)
    {
        _alerts.Clear();
        if (!overrides.IsValidOverride(_options.ThrottleCapacity) || accountState is not (0 or TradingState.Active or TradingState.ReduceOnly) || accountId == uint.MaxValue)
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidReferenceData, accountId, 0);
        }

        Begin(timestamp);

        var a = _accountIds.GetOrAdd(accountId, out _);
        if (a < 0)
        {
            return EngineDecision.Reject(sequence, RejectCode.CapacityExhausted, accountId, 0);
        }

        _flags[a].Enabled = enabled;
        _accountLimits[a] = overrides;
        if (accountState != 0)
        {
            // Kept apart from the TradingControl state: the account scope is the more severe of the two.
            var before = Max(Max(_flags[a].State, _flags[a].LimitsState), TradingState.Active);
            _flags[a].LimitsState = accountState;
            var after = Max(_flags[a].State, accountState);
            if (after != before)
            {
                _alerts.TryAdd(new EngineAlert
                {
                    Kind = EngineAlertKind.TradingStateChanged,
                    AccountId = accountId,
                    Group = -1,
                    State = after,
                    Scope = ControlScope.Account,
                    Sequence = sequence,
                });
            }
        }

        return EngineDecision.Accept(sequence, accountId, 0);
    }

    /// <summary>
    /// AccountLimits scoped to one product group (<paramref name="group"/> ≥ 0) or one instrument
    /// (<paramref name="instrumentId"/>): replaces that scope's overrides (negative / NaN fields inherit).
    /// Precedence, field by field: instrument scope &gt; group scope &gt; account-wide override &gt; group
    /// default. Working-order and throttle limits are account-wide and must be unset here. Rejects:
    /// UnknownAccount (register the account with an account-wide AccountLimits first), UnknownInstrument,
    /// InvalidReferenceData (bad group, both scopes, an account-wide field, a bad value), CapacityExhausted
    /// (the scoped table, <see cref="RiskEngineOptions.MaxScopedLimits"/>, is full). The field is in
    /// <see cref="LastReferenceDataError"/>.
    /// </summary>
    public EngineDecision OnScopedAccountLimits(long sequence, long timestamp, uint accountId, int group, uint instrumentId, in OrderLimits overrides)
    {
        // An invalid message changes nothing, engine time included: time advances only when the scope is stored.
        _alerts.Clear();
        var byInstrument = instrumentId != uint.MaxValue;
        ReferenceDataError error;
        var a = _accountIds.Find(accountId);
        var id = group;
        if (byInstrument && group >= 0)
        {
            error = ReferenceDataError.AmbiguousScope;
        }
        else if (!byInstrument && (uint)group >= (uint)_groupCount)
        {
            error = ReferenceDataError.UnknownGroup;
        }
        else if (overrides.MaxWorkingOrders >= 0 || overrides.MaxOrdersPerWindow >= 0 || overrides.MaxCancelsPerWindow >= 0)
        {
            error = ReferenceDataError.AccountWideField;
        }
        else if (!overrides.IsValidOverride(_options.ThrottleCapacity))
        {
            error = ReferenceDataError.Limits;
        }
        else if (a < 0)
        {
            error = ReferenceDataError.UnknownAccount;
        }
        else if (byInstrument && (id = _instrumentIds.Find(instrumentId)) < 0)
        {
            error = ReferenceDataError.UnknownInstrument;
        }
        else
        {
            error = _scopedLimits.TrySet(a, byInstrument, id, in overrides) ? ReferenceDataError.None : ReferenceDataError.ScopedLimitCapacity;
            if (error == ReferenceDataError.None)
            {
                Begin(timestamp);
            }
        }

        _lastReferenceDataError = error;
        var code = error switch
        {
            ReferenceDataError.None => RejectCode.None,
            ReferenceDataError.UnknownAccount => RejectCode.UnknownAccount,
            ReferenceDataError.UnknownInstrument => RejectCode.UnknownInstrument,
            ReferenceDataError.ScopedLimitCapacity => RejectCode.CapacityExhausted,
            _ => RejectCode.InvalidReferenceData,
        };
        return code == RejectCode.None ? EngineDecision.Accept(sequence, accountId, 0) : EngineDecision.Reject(sequence, code, accountId, 0);
    }

    /// <summary>
    /// The overrides that apply to an order of <paramref name="account"/> on <paramref name="instrument"/>
    /// (group <paramref name="group"/>): the account-wide entry, or — when the account has scoped entries —
    /// a field-by-field merge (instrument &gt; group &gt; account) in a scratch value valid until the next call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref readonly OrderLimits Overrides(int account, int group, int instrument)
    {
        if (_scopedLimits.AccountScopes(account) == 0)
        {
            return ref _accountLimits[account];
        }

        return ref MergeScoped(account, group, instrument);
    }

    private ref readonly OrderLimits MergeScoped(int account, int group, int instrument)
    {
        _mergedLimits = _accountLimits[account];
        ref readonly var byGroup = ref _scopedLimits.Find(account, false, group);
        if (!Unsafe.IsNullRef(in byGroup))
        {
            Overlay(ref _mergedLimits, in byGroup);
        }

        ref readonly var byInstrument = ref _scopedLimits.Find(account, true, instrument);
        if (!Unsafe.IsNullRef(in byInstrument))
        {
            Overlay(ref _mergedLimits, in byInstrument);
        }

        return ref _mergedLimits;
    }

    private static void Overlay(ref OrderLimits target, in OrderLimits scoped)
    {
        if (scoped.MaxOrderQuantity >= 0)
        {
            target.MaxOrderQuantity = scoped.MaxOrderQuantity;
        }

        if (scoped.MaxNotional >= 0)
        {
            target.MaxNotional = scoped.MaxNotional;
        }

        if (scoped.MaxPosition >= 0)
        {
            target.MaxPosition = scoped.MaxPosition;
        }

        if (scoped.CollarFraction >= 0)
        {
            target.CollarFraction = scoped.CollarFraction;
        }

        if (scoped.CollarMinimum >= 0)
        {
            target.CollarMinimum = scoped.CollarMinimum;
        }
    }

    /// <summary>
    /// AccountCollateral: deposit (amount &gt; 0), withdraw (amount &gt; 0; rejected with
    /// WithdrawalExceedsExcess when equity after would be below initial margin), set (amount ≥ 0).
    /// Non-finite amounts or an unknown action: InvalidCollateral. Re-evaluates the margin state.
    /// </summary>
    public EngineDecision OnCollateral(long sequence, long timestamp, uint accountId, CollateralAction action, double amount)
    {
        Begin(); // account-scoped: its stamp never moves engine time (see Now)
        var a = _accountIds.Find(accountId);
        if (a < 0)
        {
            return EngineDecision.Reject(sequence, RejectCode.UnknownAccount, accountId, 0);
        }

        var valid = double.IsFinite(amount) && action switch
        {
            CollateralAction.Deposit or CollateralAction.Withdraw => amount > 0,
            CollateralAction.Set => amount >= 0,
            _ => false,
        };
        if (!valid)
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidCollateral, accountId, 0);
        }

        var store = _store!;
        var before = AccountRequirement(a);
        if (action == CollateralAction.Withdraw && (before.EquityBefore - amount < before.InitialBefore || before.Status != StateStatus.Ok))
        {
            // A requirement that could not be computed in full (the ES pool is exhausted) never lets cash out.
            var r = EngineDecision.Reject(sequence, before.Status == StateStatus.CapacityExhausted ? RejectCode.CapacityExhausted : RejectCode.WithdrawalExceedsExcess, accountId, 0);
            r.InitialBefore = before.InitialBefore;
            r.InitialAfter = before.InitialBefore;
            r.Equity = before.EquityBefore;
            r.Excess = before.EquityBefore - before.InitialBefore;
            return r;
        }

        var cashBefore = store.Cash(a);
        if (action == CollateralAction.Set)
        {
            store.SetCash(a, amount);
        }
        else
        {
            store.Deposit(a, action == CollateralAction.Deposit ? amount : -amount);
        }

        var equity = before.EquityBefore + (store.Cash(a) - cashBefore);
        UpdateMarginState(a, before.MaintenanceBefore, equity, sequence);
        var d = EngineDecision.Accept(sequence, accountId, 0);
        d.InitialBefore = before.InitialBefore;
        d.InitialAfter = before.InitialBefore;
        d.Equity = equity;
        d.Excess = equity - before.InitialBefore;
        return d;
    }

    /// <summary>
    /// TradingControl (kill switch): sets <paramref name="state"/> on the scope and, when
    /// <paramref name="cancelOrders"/>, cancels exactly that scope's working orders, one
    /// <see cref="EngineAlertKind.OrdersCancelledByKillSwitch"/> alert each (alerts past the buffer are
    /// counted as dropped; the cancels still happen). Work: O(account's orders) for an account scope,
    /// O(accounts + working orders) for a group or global scope. Rejects: InvalidReferenceData (bad
    /// scope, state or group), UnknownAccount.
    /// </summary>
    public EngineDecision OnTradingControl(long sequence, long timestamp, ControlScope scope, uint accountId, int group, TradingState state, bool cancelOrders)
    {
        // Invalid fields change nothing, engine time included.
        _alerts.Clear();
        if (state is < TradingState.Active or > TradingState.Halted || scope is < ControlScope.Global or > ControlScope.AccountProductGroup)
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidReferenceData, accountId, 0);
        }

        var needsGroup = scope is ControlScope.ProductGroup or ControlScope.AccountProductGroup;
        if (needsGroup && (uint)group >= (uint)_groupCount)
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidReferenceData, accountId, 0);
        }

        Begin(timestamp);

        var a = -1;
        if (scope is ControlScope.Account or ControlScope.AccountProductGroup)
        {
            a = _accountIds.Find(accountId);
            if (a < 0)
            {
                return EngineDecision.Reject(sequence, RejectCode.UnknownAccount, accountId, 0);
            }
        }

        switch (scope)
        {
            case ControlScope.Global:
                _globalState = state;
                break;
            case ControlScope.ProductGroup:
                _groupState[group] = state;
                break;
            case ControlScope.Account:
                _flags[a].State = state;
                break;
            default:
                _accountGroupState[a * _groupCount + group] = state;
                break;
        }

        _alerts.TryAdd(new EngineAlert
        {
            Kind = EngineAlertKind.TradingStateChanged,
            AccountId = a >= 0 ? accountId : 0,
            Group = needsGroup ? group : -1,

            // The account scope is the more severe of this state and the one AccountLimits set.
            State = scope == ControlScope.Account ? Max(state, _flags[a].LimitsState) : state,
            Scope = scope,
            Sequence = sequence,
        });

        if (cancelOrders)
        {
            if (a >= 0)
            {
                CancelAccount(a, needsGroup ? group : -1, scope, sequence);
            }
            else
            {
                for (var k = 0; k < _accountIds.Count; k++)
                {
                    CancelAccount(k, needsGroup ? group : -1, scope, sequence);
                }
            }
        }

        return EngineDecision.Accept(sequence, accountId, 0);
    }

    /// <summary>Heartbeat: advances engine and market time (may re-anchor groups by age) and runs the bounded expiry scan.</summary>
    public EngineDecision OnHeartbeat(long sequence, long timestamp)
    {
        Begin(timestamp);
        _market!.AdvanceTime(timestamp);
        SyncJointAnchors();
        ScanExpiries(sequence);
        return EngineDecision.Accept(sequence, 0, 0);
    }

    /// <summary>
    /// Bounded margin-call sweep the gate calls at the end of a batch: examines up to
    /// <paramref name="maxAccounts"/> accounts round robin and re-evaluates those holding a position in
    /// a group whose market moved since the previous full pass (one requirement each, O(their groups ×
    /// nodes)). Alerts go to <see cref="Alerts"/> (cleared first). Returns the accounts re-evaluated.
    /// </summary>
    public int Sweep(int maxAccounts)
    {
        if (_store is null)
        {
            return 0;
        }

        _alerts.Clear();
        var count = _accountIds.Count;
        if (count == 0)
        {
            return 0;
        }

        var evaluated = 0;
        var n = Math.Min(maxAccounts, count);
        for (var k = 0; k < n; k++)
        {
            var a = _sweepCursor;
            _sweepCursor = a + 1 >= count ? 0 : a + 1;
            if (_sweepCursor == 0)
            {
                // A full pass has seen every account since these groups moved.
                _groupMoved.AsSpan().Clear();
            }

            if (_store.SlotCount(a) == 0 || !HoldsMovedGroup(a))
            {
                continue;
            }

            var r = AccountRequirement(a);
            UpdateMarginState(a, r.MaintenanceBefore, r.EquityBefore, -1);
            evaluated++;
        }

        return evaluated;
    }

    private bool HoldsMovedGroup(int account)
    {
        var store = _store!;
        for (var gs = 0; gs < store.MaxGroupsPerAccount; gs++)
        {
            var g = store.GroupOfSlot(account, gs);
            if (g >= 0 && (_groupMoved[g] || _flags[account].MarginCall))
            {
                return true;
            }
        }

        return false;
    }

    private void CancelAccount(int account, int group, ControlScope scope, long sequence)
    {
        var slot = _orders.FirstOfAccount(account);
        while (slot >= 0)
        {
            var next = _orders.NextInAccount(slot);
            ref readonly var o = ref _orders[slot];
            if (group < 0 || o.Group == group)
            {
                _alerts.TryAdd(new EngineAlert
                {
                    Kind = EngineAlertKind.OrdersCancelledByKillSwitch,
                    AccountId = _accountIds.External(account),
                    Group = o.Group,
                    ClientOrderId = o.ClientOrderId,
                    Scope = scope,
                    Sequence = sequence,
                });
                Release(slot);
            }

            slot = next;
        }
    }

    // Margin call / cleared / liquidation warning transitions (DESIGN §6).
    private void UpdateMarginState(int account, double maintenance, double equity, long sequence)
    {
        var called = equity < maintenance;
        if (called != _flags[account].MarginCall)
        {
            _flags[account].MarginCall = called;
            MarginAlert(called ? EngineAlertKind.MarginCall : EngineAlertKind.MarginCallCleared, account, maintenance, equity, sequence);
        }

        var liquidate = equity < _liquidationFraction * maintenance;
        if (liquidate && !_flags[account].Liquidation)
        {
            MarginAlert(EngineAlertKind.LiquidationWarning, account, maintenance, equity, sequence);
        }

        _flags[account].Liquidation = liquidate;
    }

    private void MarginAlert(EngineAlertKind kind, int account, double maintenance, double equity, long sequence)
        => _alerts.TryAdd(new EngineAlert
        {
            Kind = kind,
            AccountId = _accountIds.External(account),
            Group = -1,
            Equity = equity,
            Maintenance = maintenance,
            Sequence = sequence,
        });

    // Anchors a not-yet-anchored group once every future has a finite price and every option a smile.
    private void TryAnchor(int group)
    {
        var market = _market!;
        if (market.IsAnchored(group) || _instruments.FutureCount(group) == 0)
        {
            return;
        }

        for (var f = _instruments.FirstFuture(group); f >= 0; f = _instruments.NextFuture(f))
        {
            if (!double.IsFinite(_snapshot.Price(f)))
            {
                return;
            }

            for (var o = _instruments.FirstOption(f); o >= 0; o = _instruments.NextOption(o))
            {
                if (_snapshot.Smile(o) is null)
                {
                    return;
                }
            }
        }

        market.Reanchor(group);
    }

    private ReferenceDataError ValidateRiskParameters(int group, in GroupMarginSettings p, ReadOnlySpan<ScanPoint> points, in OrderLimits defaults)
    {
        if ((uint)group >= (uint)_groupCount)
        {
            return ReferenceDataError.UnknownGroup;
        }

        if (p.Methodology != ConfiguredMethodology(group))
        {
            return ReferenceDataError.MethodologyMismatch;
        }

        if (points.Length is < 1 or > ScanParameters.MaxPoints)
        {
            return ReferenceDataError.ScanPointCount;
        }

        // After the seal each group's cached vectors hold its stride of nodes; before it, the arrays are
        // sized later from the scan in force, up to the engine's node capacity.
        if (points.Length > (_market is { } market ? market.GroupStride(group) : _marginOptions.MaxNodes))
        {
            return ReferenceDataError.ScanPointCapacity;
        }

        if (p.PriceScanKind is not (ScanRangeKind.Relative or ScanRangeKind.Absolute) || p.VolScanKind is not (ScanRangeKind.Relative or ScanRangeKind.Absolute))
        {
            return ReferenceDataError.ScanRangeKind;
        }

        if (!(p.PriceScanRange > 0) || !double.IsFinite(p.PriceScanRange))
        {
            return ReferenceDataError.PriceScanRange;
        }

        if (!(p.VolScanRange >= 0) || !(p.VolScanRange < (p.VolScanKind == ScanRangeKind.Relative ? 1.0 : 5.0)))
        {
            return ReferenceDataError.VolScanRange;
        }

        // The same bounds ScanParameters enforces, checked here so bad wire input is a reject, never a throw.
        foreach (ref readonly var point in points)
        {
            if (!double.IsFinite(point.PriceMove) || Math.Abs(point.PriceMove) > 100 || !double.IsFinite(point.VolMove) || Math.Abs(point.VolMove) > 10 || !(point.Weight is > 0 and <= 1))
            {
                return ReferenceDataError.ScanPoint;
            }

            if (p.PriceScanKind == ScanRangeKind.Relative && !(Math.Abs(point.PriceMove) * p.PriceScanRange < 1))
            {
                return ReferenceDataError.PriceScanRange;
            }
        }

        if (!(p.LookAheadYears is >= 0 and <= 1))
        {
            return ReferenceDataError.LookAhead;
        }

        if (!(p.InitialRatio is >= 1 and <= 10))
        {
            return ReferenceDataError.InitialRatio;
        }

        if (!(p.SpreadRate >= 0) || !double.IsFinite(p.SpreadRate))
        {
            return ReferenceDataError.SpreadChargeRate;
        }

        if (!(p.ShortOptionMinimum >= 0) || !double.IsFinite(p.ShortOptionMinimum))
        {
            return ReferenceDataError.ShortOptionMinimum;
        }

        if (!(p.RiskFreeRate is >= -1 and <= 1))
        {
            return ReferenceDataError.RiskFreeRate;
        }

        var needsConfidence = p.Methodology == MarginMethodology.ExpectedShortfall;
        if (double.IsNaN(p.ConfidenceLevel) ? needsConfidence : !(p.ConfidenceLevel is > 0.5 and < 1))
        {
            return ReferenceDataError.ConfidenceLevel;
        }

        if (!double.IsNaN(p.LiquidationRatio) && !(p.LiquidationRatio is > 0 and <= 1))
        {
            return ReferenceDataError.LiquidationRatio;
        }

        return defaults.IsCompleteDefault(_options.ThrottleCapacity) ? ReferenceDataError.None : ReferenceDataError.Limits;
    }

    private static bool SameScan(ScanParameters scan, in GroupMarginSettings p, ReadOnlySpan<ScanPoint> points)
    {
        if (scan.PriceScanRange != p.PriceScanRange || scan.PriceScanKind != p.PriceScanKind || scan.VolScanRange != p.VolScanRange
            || scan.VolScanKind != p.VolScanKind || scan.LookAheadYears != p.LookAheadYears || scan.Count != points.Length)
        {
            return false;
        }

        var current = scan.Points;
        for (var s = 0; s < points.Length; s++)
        {
            if (current[s].PriceMove != points[s].PriceMove || current[s].VolMove != points[s].VolMove || current[s].Weight != points[s].Weight)
            {
                return false;
            }
        }

        return true;
    }

    // Working-order and throttle limits are account-wide while their defaults come per group (RiskParameters):
    // an account without its own override gets the smallest over the groups (fail closed), as the ratios below.
    private void ApplyAccountWideDefaults()
    {
        var working = int.MaxValue;
        var orders = int.MaxValue;
        var cancels = int.MaxValue;
        for (var g = 0; g < _groupCount; g++)
        {
            working = Math.Min(working, _groupLimits[g].MaxWorkingOrders);
            orders = Math.Min(orders, _groupLimits[g].MaxOrdersPerWindow);
            cancels = Math.Min(cancels, _groupLimits[g].MaxCancelsPerWindow);
        }

        _accountWideDefaults.MaxWorkingOrders = working;
        _accountWideDefaults.MaxOrdersPerWindow = orders;
        _accountWideDefaults.MaxCancelsPerWindow = cancels;
    }

    // Initial and liquidation ratios are account-level (an account nets its groups): the largest over the groups applies.
    private void ApplyAccountLevelRatios()
    {
        var ratio = 1.0;
        var liquidation = double.NaN;
        for (var g = 0; g < _groupCount; g++)
        {
            ratio = Math.Max(ratio, _groupInitialRatio[g]);
            var l = _groupLiquidation[g];
            if (!double.IsNaN(l) && (double.IsNaN(liquidation) || l > liquidation))
            {
                liquidation = l;
            }
        }

        _marginOptions.SetInitialRatio(ratio);
        _liquidationFraction = liquidation;
    }
}
