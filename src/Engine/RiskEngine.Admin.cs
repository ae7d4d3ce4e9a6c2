using RiskGate.Engine.Checks;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Market;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.State;

namespace RiskGate.Engine;

/// <summary>Reference data, market data, collateral, limits, trading controls, time and margin calls.</summary>
public sealed partial class RiskEngine
{
    /// <summary>
    /// InstrumentDefinition. Before the seal it registers the instrument (futures first; an option names
    /// its registered future). A definition of a known id only updates the tradable flag, at any time.
    /// Rejects: InvalidReferenceData (bad field, option on a non-future, new id after the seal, expiry
    /// not after the valuation time or more than 100 years away), CapacityExhausted (instruments or
    /// futures per group full).
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
    {
        _alerts.Clear();
        var existing = _instrumentIds.Find(instrumentId);
        if (existing >= 0)
        {
            ref readonly var known = ref _instruments[existing];
            if (known.Kind != kind || known.Group != group)
            {
                return EngineDecision.Reject(sequence, RejectCode.InvalidReferenceData, 0, 0);
            }

            _tradable[existing] = tradable;
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
        _tradable[index] = tradable;
        return EngineDecision.Accept(sequence, 0, 0);
    }

    /// <summary>RiskParameters: a group's limit defaults (complete, valid), at any time. Rejects InvalidReferenceData.</summary>
    public EngineDecision OnRiskParameters(long sequence, int group, in OrderLimits defaults)
    {
        _alerts.Clear();
        if ((uint)group >= (uint)_groupCount || !defaults.IsCompleteDefault(_options.ThrottleCapacity))
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidReferenceData, 0, 0);
        }

        _groupLimits[group] = defaults;
        return EngineDecision.Accept(sequence, 0, 0);
    }

    /// <summary>
    /// MarketPrice of a future (PRICE9 mantissa). Updates the mark (collar reference) and the group's
    /// incremental state (may re-anchor the group); anchors a group whose data just became complete.
    /// Rejects: UnknownInstrument, InvalidMarketData (not a future).
    /// </summary>
    public EngineDecision OnMarketPrice(long sequence, long timestamp, uint instrumentId, long price)
    {
        _alerts.Clear();
        var i = _instrumentIds.Find(instrumentId);
        if (i < 0)
        {
            return EngineDecision.Reject(sequence, RejectCode.UnknownInstrument, 0, 0);
        }

        ref readonly var inst = ref _instruments[i];
        if (inst.Kind != InstrumentKind.Future)
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidMarketData, 0, 0);
        }

        if (timestamp > _now)
        {
            _now = timestamp;
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
    /// UnknownInstrument, InvalidMarketData (null smile, not a future).
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
            return EngineDecision.Reject(sequence, RejectCode.InvalidMarketData, 0, 0);
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
    /// or disables it and replaces its overrides (<see cref="OrderLimits.UseDefaults"/> for none).
    /// Rejects InvalidReferenceData for an invalid override (nothing registered).
    /// </summary>
    public EngineDecision OnAccountLimits(long sequence, long timestamp, uint accountId, bool enabled, in OrderLimits overrides)
    {
        Begin(timestamp);
        if (!overrides.IsValidOverride(_options.ThrottleCapacity))
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidReferenceData, accountId, 0);
        }

        var a = _accountIds.GetOrAdd(accountId, out _);
        if (a < 0)
        {
            return EngineDecision.Reject(sequence, RejectCode.CapacityExhausted, accountId, 0);
        }

        _enabled[a] = enabled;
        _accountLimits[a] = overrides;
        return EngineDecision.Accept(sequence, accountId, 0);
    }

    /// <summary>
    /// AccountCollateral: deposit (amount &gt; 0), withdraw (amount &gt; 0; rejected with
    /// WithdrawalExceedsExcess when equity after would be below initial margin), set (amount ≥ 0).
    /// Non-finite amounts or an unknown action: InvalidCollateral. Re-evaluates the margin state.
    /// </summary>
    public EngineDecision OnCollateral(long sequence, long timestamp, uint accountId, CollateralAction action, double amount)
    {
        Begin(timestamp);
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
        if (action == CollateralAction.Withdraw && before.EquityBefore - amount < before.InitialBefore)
        {
            var r = EngineDecision.Reject(sequence, RejectCode.WithdrawalExceedsExcess, accountId, 0);
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
        Begin(timestamp);
        if (state is < TradingState.Active or > TradingState.Halted || scope is < ControlScope.Global or > ControlScope.AccountProductGroup)
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidReferenceData, accountId, 0);
        }

        var needsGroup = scope is ControlScope.ProductGroup or ControlScope.AccountProductGroup;
        if (needsGroup && (uint)group >= (uint)_groupCount)
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidReferenceData, accountId, 0);
        }

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
                _accountState[a] = state;
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
            State = state,
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
            if (g >= 0 && (_groupMoved[g] || _marginCall[account]))
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
        if (called != _marginCall[account])
        {
            _marginCall[account] = called;
            MarginAlert(called ? EngineAlertKind.MarginCall : EngineAlertKind.MarginCallCleared, account, maintenance, equity, sequence);
        }

        var liquidate = equity < _options.LiquidationFraction * maintenance;
        if (liquidate && !_liquidation[account])
        {
            MarginAlert(EngineAlertKind.LiquidationWarning, account, maintenance, equity, sequence);
        }

        _liquidation[account] = liquidate;
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
}
