using RiskGate.Engine.Checks;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Orders;
using RiskGate.Engine.State;

namespace RiskGate.Engine;

/// <summary>Order lifecycle: new, cancel, replace, fill, expiry.</summary>
public sealed partial class RiskEngine
{
    /// <summary>
    /// NewOrder: runs <see cref="Check"/>; on accept a Day/GTC/GTD order becomes a working order that
    /// reserves margin on its side (worse side of positions + all buys / + all sells); an IOC/FOK order is
    /// accepted without resting (its fill arrives as a fill with no working order), unless
    /// <see cref="RiskEngineOptions.ImmediateOrderHoldNanoseconds"/> &gt; 0: then it is held as a working
    /// order like a resting one until its fills bring its leaves to 0, a cancel names it, or engine time
    /// reaches acceptance engine time + the hold. The order's timestamp never moves engine time
    /// (see <see cref="Now"/>).
    /// </summary>
    /// <returns>
    /// The decision; on accept <see cref="EngineDecision.LeavesQuantity"/> is the quantity the engine now
    /// holds working: the order's quantity for Day/GTC/GTD and for a held IOC/FOK (the engine's
    /// reservation, not a claim that the venue rests it), 0 for an IOC/FOK that is not held.
    /// </returns>
    public EngineDecision OnNewOrder(in OrderRequest order)
    {
        Begin();
        var reason = Check(order, -1, out var a, out var i, out var margin);
        if (reason != RejectCode.None)
        {
            ReleaseIdleJoint(a);
            return OrderDecision(order, reason, margin, 0);
        }

        var leaves = 0L;
        if (_immediateHold > 0 || order.TimeInForce is not (TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill))
        {
            var status = _store!.AddWorking(a, i, order.Side, order.Quantity);
            if (status != StateStatus.Ok)
            {
                ReleaseIdleJoint(a);
                return OrderDecision(order, status == StateStatus.CapacityExhausted ? RejectCode.CapacityExhausted : RejectCode.InternalError, margin, 0);
            }

            var slot = _orders.Add(a, order.ClientOrderId);
            Fill(ref _orders[slot], i, order);
            leaves = order.Quantity;
        }

        return OrderDecision(order, RejectCode.None, margin, leaves);
    }

    /// <summary>
    /// CancelOrder: account known (a disabled account may still cancel), cancel throttle (at the later
    /// of engine time and <paramref name="timestamp"/>, which never moves engine time), the order working (else
    /// UnknownOrder) and on <paramref name="instrumentId"/> (else OrderMismatch, nothing released);
    /// releases its reservation. Margin fields: requirement before and after.
    /// </summary>
    public EngineDecision OnCancelOrder(long sequence, long timestamp, uint accountId, ulong clientOrderId, uint instrumentId)
    {
        Begin();
        var a = _accountIds.Find(accountId);
        if (a < 0)
        {
            return EngineDecision.Reject(sequence, RejectCode.UnknownAccount, accountId, clientOrderId);
        }

        var perWindow = _accountLimits[a].MaxCancelsPerWindow >= 0 ? _accountLimits[a].MaxCancelsPerWindow : _accountWideDefaults.MaxCancelsPerWindow;
        if (!_cancelThrottle.TryAdmit(a, Math.Max(_now, timestamp), perWindow))
        {
            return EngineDecision.Reject(sequence, RejectCode.ThrottleExceeded, accountId, clientOrderId);
        }

        var slot = FindLive(a, clientOrderId, sequence);
        if (slot < 0)
        {
            return EngineDecision.Reject(sequence, RejectCode.UnknownOrder, accountId, clientOrderId);
        }

        // A venue that checks the instrument refuses such a cancel and keeps the order working: so does the gate.
        if (_orders[slot].Instrument != _instrumentIds.Find(instrumentId))
        {
            return EngineDecision.Reject(sequence, RejectCode.OrderMismatch, accountId, clientOrderId);
        }

        var before = AccountRequirement(a);
        Release(slot);
        var after = AccountRequirement(a);
        var d = EngineDecision.Accept(sequence, accountId, clientOrderId);
        d.InitialBefore = before.InitialBefore;
        d.InitialAfter = after.InitialBefore;
        d.Equity = after.EquityBefore;
        d.Excess = after.EquityBefore - after.InitialBefore;
        return d;
    }

    /// <summary>
    /// ReplaceOrder, atomic: the side must be Buy or Sell (else InvalidSide, checked first as for a new
    /// order); the order (account, <paramref name="originalClientOrderId"/>) must work and match the
    /// request's instrument and side (else UnknownOrder / OrderMismatch). Its reservation is released,
    /// the request is checked as a new order (its quantity is the new remaining (leaves) quantity, not a
    /// total including what already filled; IOC/FOK are refused with InvalidTimeInForce), and either the
    /// order takes the new id, quantity, price and time in force, or the old reservation is restored
    /// untouched. A held IOC/FOK (<see cref="RiskEngineOptions.ImmediateOrderHoldNanoseconds"/>) cannot
    /// be replaced: UnknownOrder, as without the hold, and its hold stays. The request's timestamp never
    /// moves engine time.
    /// </summary>
    public EngineDecision OnReplaceOrder(in OrderRequest order, ulong originalClientOrderId)
    {
        Begin();
        if (order.Side is not (OrderSide.Buy or OrderSide.Sell))
        {
            return OrderDecision(order, RejectCode.InvalidSide, default, 0);
        }

        var a = _accountIds.Find(order.AccountId);
        if (a < 0)
        {
            return OrderDecision(order, RejectCode.UnknownAccount, default, 0);
        }

        var slot = FindLive(a, originalClientOrderId, order.Sequence);
        if (slot < 0)
        {
            return OrderDecision(order, RejectCode.UnknownOrder, default, 0);
        }

        ref var old = ref _orders[slot];
        var i = _instrumentIds.Find(order.InstrumentId);
        if (i != old.Instrument || order.Side != old.Side)
        {
            return OrderDecision(order, RejectCode.OrderMismatch, default, old.Leaves);
        }

        if (order.TimeInForce is TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill)
        {
            return OrderDecision(order, RejectCode.InvalidTimeInForce, default, old.Leaves);
        }

        // A held IOC/FOK is a reservation, not an order the venue rests: there is nothing to replace
        // (as without the hold), and it keeps its hold.
        if (old.TimeInForce is TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill)
        {
            return OrderDecision(order, RejectCode.UnknownOrder, default, 0);
        }

        var store = _store!;
        var oldLeaves = old.Leaves;
        store.RemoveWorking(a, i, old.Side, oldLeaves);
        var reason = Check(order, slot, out _, out _, out var margin);
        if (reason == RejectCode.None)
        {
            var status = store.AddWorking(a, i, order.Side, order.Quantity);
            if (status == StateStatus.Ok)
            {
                if (order.ClientOrderId != old.ClientOrderId)
                {
                    _orders.Rename(slot, order.ClientOrderId);
                }

                Fill(ref _orders[slot], i, order);
                return OrderDecision(order, RejectCode.None, margin, order.Quantity);
            }

            reason = status == StateStatus.CapacityExhausted ? RejectCode.CapacityExhausted : RejectCode.InternalError;
        }

        // Rejected: the old order keeps working exactly as it was.
        store.AddWorking(a, i, old.Side, oldLeaves);
        return OrderDecision(order, reason, margin, oldLeaves);
    }

    /// <summary>
    /// Fill (a fact, never refused for risk): account and instrument known, side valid, quantity &gt; 0,
    /// price given and valid (&gt; 0 for a future, ≥ 0 for an option premium; else InvalidPrice, nothing
    /// booked). <paramref name="timestamp"/> (the execution time) never moves engine time: a fill is
    /// account-scoped, and one bad stamp must not expire other accounts' orders or instruments.
    /// With a working order (account, id): instrument and side must match and the quantity not exceed
    /// its leaves; the reservation converts into a position and cash (premium for options, realised
    /// P&amp;L for futures) and the leaves shrink (the order leaves the pool at zero). Without one (an IOC/FOK not held,
    /// or an expired order) the trade is applied directly. The account's margin state is re-evaluated.
    /// </summary>
    public EngineDecision OnFill(long sequence, long timestamp, uint accountId, ulong clientOrderId, uint instrumentId, OrderSide side, long quantity, long price)
        => OnFill(sequence, timestamp, accountId, clientOrderId, instrumentId, side, quantity, price, orderDone: false);

    /// <summary>
    /// Fill with the venue's word on whether the order is done (the wire Fill's leaves quantity 0 or its
    /// OrderComplete flag): as <see cref="OnFill(long, long, uint, ulong, uint, OrderSide, long, long)"/>,
    /// and when <paramref name="orderDone"/> and the order is a held IOC/FOK
    /// (<see cref="RiskEngineOptions.ImmediateOrderHoldNanoseconds"/>), the remainder the venue did not
    /// fill is released with the fill: an IOC's unfilled part never rests. Resting orders keep their
    /// reservation until their own cancel or expiry whatever the flag says.
    /// </summary>
    public EngineDecision OnFill(long sequence, long timestamp, uint accountId, ulong clientOrderId, uint instrumentId, OrderSide side, long quantity, long price, bool orderDone)
    {
        Begin();
        var a = _accountIds.Find(accountId);
        if (a < 0)
        {
            return EngineDecision.Reject(sequence, RejectCode.UnknownAccount, accountId, clientOrderId);
        }

        var i = _instrumentIds.Find(instrumentId);
        if (i < 0)
        {
            return EngineDecision.Reject(sequence, RejectCode.UnknownInstrument, accountId, clientOrderId);
        }

        if (side is not (OrderSide.Buy or OrderSide.Sell))
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidSide, accountId, clientOrderId);
        }

        if (quantity <= 0 || quantity > OrderLimits.MaxQuantity)
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidQuantity, accountId, clientOrderId);
        }

        // Null (long.MinValue) is negative: refused for both kinds.
        if (_instruments[i].IsOption ? price < 0 : price <= 0)
        {
            return EngineDecision.Reject(sequence, RejectCode.InvalidPrice, accountId, clientOrderId);
        }

        if (!_market!.IsAnchored(_instruments[i].Group))
        {
            return EngineDecision.Reject(sequence, RejectCode.NoReferencePrice, accountId, clientOrderId);
        }

        var store = _store!;
        var slot = FindLive(a, clientOrderId, sequence);
        long leaves = 0;
        if (slot >= 0)
        {
            ref var o = ref _orders[slot];
            if (o.Instrument != i || o.Side != side)
            {
                return EngineDecision.Reject(sequence, RejectCode.OrderMismatch, accountId, clientOrderId);
            }

            if (quantity > o.Leaves)
            {
                return EngineDecision.Reject(sequence, RejectCode.InvalidQuantity, accountId, clientOrderId);
            }

            // A held IOC/FOK the venue reports done gives back what it did not fill along with the fill.
            var released = orderDone && o.TimeInForce is TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill ? o.Leaves - quantity : 0;
            store.RemoveWorking(a, i, side, quantity + released);
            o.Leaves -= quantity + released;
            leaves = o.Leaves;
            if (o.Leaves == 0)
            {
                _orders.Remove(slot);
            }
        }
        else if (store.WouldExhaust(a, i))
        {
            return EngineDecision.Reject(sequence, RejectCode.CapacityExhausted, accountId, clientOrderId);
        }

        var before = AccountRequirement(a);
        store.ApplyFill(a, i, side == OrderSide.Buy ? quantity : -quantity, price * Price9);
        var after = AccountRequirement(a);
        ReleaseIdleJoint(a);
        UpdateMarginState(a, after.MaintenanceBefore, after.EquityBefore, sequence);
        var d = EngineDecision.Accept(sequence, accountId, clientOrderId);
        d.InitialBefore = before.InitialBefore;
        d.InitialAfter = after.InitialBefore;
        d.Equity = after.EquityBefore;
        d.Excess = after.EquityBefore - after.InitialBefore;
        d.LeavesQuantity = leaves;
        return d;
    }

    private void Fill(ref WorkingOrder o, int instrument, in OrderRequest order)
    {
        o.Instrument = instrument;
        o.Group = _instruments[instrument].Group;
        o.Side = order.Side;
        o.TimeInForce = order.TimeInForce;
        o.Price = order.Price;
        o.Leaves = order.Quantity;
        o.ExpireNanoseconds = order.TimeInForce switch
        {
            TimeInForce.GoodTillDate => order.ExpireTime,
            TimeInForce.Day => _options.SessionEndNanoseconds,
            TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill => HoldUntil(),
            _ => long.MaxValue,
        };
    }

    // A held IOC/FOK expires at acceptance engine time + the hold, saturating (never wraps to the past).
    private long HoldUntil() => _now > long.MaxValue - _immediateHold ? long.MaxValue : _now + _immediateHold;

    // The working order (account, id), expiring it first when its time has passed (lazy expiry on touch).
    private int FindLive(int account, ulong clientOrderId, long sequence)
    {
        var slot = _orders.Find(account, clientOrderId);
        if (slot >= 0 && IsExpired(in _orders[slot]))
        {
            Expire(slot, sequence);
            return -1;
        }

        return slot;
    }

    private bool IsExpired(in WorkingOrder o) => o.ExpireNanoseconds <= _now;

    private void Expire(int slot, long sequence)
    {
        ref readonly var o = ref _orders[slot];
        _alerts.TryAdd(new EngineAlert
        {
            Kind = EngineAlertKind.OrderExpired,
            AccountId = _accountIds.External(o.Account),
            Group = o.Group,
            ClientOrderId = o.ClientOrderId,
            Sequence = sequence,
        });
        Release(slot);
    }

    // Releases a working order's reservation and frees its slot.
    private void Release(int slot)
    {
        ref readonly var o = ref _orders[slot];
        _store!.RemoveWorking(o.Account, o.Instrument, o.Side, o.Leaves);
        ReleaseIdleJoint(o.Account);
        _orders.Remove(slot);
    }

    /// <summary>Examines up to <see cref="RiskEngineOptions.MaxExpiryScanPerCall"/> pool slots (round robin) and expires the orders whose time has passed.</summary>
    private int ScanExpiries(long sequence)
    {
        var expired = 0;
        var capacity = _orders.Capacity;
        var n = Math.Min(_options.MaxExpiryScanPerCall, capacity);
        for (var k = 0; k < n; k++)
        {
            var slot = _expiryCursor;
            _expiryCursor = slot + 1 == capacity ? 0 : slot + 1;
            ref readonly var o = ref _orders[slot];
            if (o.InUse && IsExpired(in o))
            {
                Expire(slot, sequence);
                expired++;
            }
        }

        return expired;
    }

    private static EngineDecision OrderDecision(in OrderRequest order, RejectCode reason, in MarginCheck margin, long leaves)
    {
        var d = reason == RejectCode.None
            ? EngineDecision.Accept(order.Sequence, order.AccountId, order.ClientOrderId)
            : EngineDecision.Reject(order.Sequence, reason, order.AccountId, order.ClientOrderId);
        d.LeavesQuantity = leaves;
        if (margin.Status == StateStatus.Ok)
        {
            d.InitialBefore = margin.InitialBefore;
            d.InitialAfter = margin.InitialAfter;
            d.Equity = margin.EquityBefore;
            d.Excess = margin.EquityBefore - margin.InitialAfter;
        }

        return d;
    }

    // Start of every call: seal if needed, clear the alerts. Engine time stays: the order-entry
    // messages, fills and collateral requests carry one sender's stamp, which must not expire every
    // account's orders and instruments.
    private void Begin()
    {
        if (_store is null)
        {
            Seal();
        }

        _alerts.Clear();
    }

    // Start of a call from a time source (heartbeat, reference and admin messages): Begin, then advance
    // engine time to the message's timestamp when it is later.
    private void Begin(long timestamp)
    {
        Begin();
        if (timestamp > _now)
        {
            _now = timestamp;
        }
    }
}
