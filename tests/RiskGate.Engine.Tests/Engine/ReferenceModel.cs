using RiskGate.Engine.Checks;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Orders;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Tests;

/// <summary>
/// A deliberately simple re-statement of the engine's order rules for the model-based test: dictionaries
/// and lists, no pools, no caches. Margin is kept out by generous collateral (every account can afford
/// anything the limits allow), so the margin step always accepts; positions and cash go through
/// <see cref="Portfolio.Trade"/>.
/// </summary>
internal sealed class ReferenceModel
{
    private readonly EngineFixture _f;

    public ReferenceModel(EngineFixture fixture, IEnumerable<uint> accounts, bool holdsImmediate = false)
    {
        _f = fixture;
        HoldsImmediate = holdsImmediate;
        foreach (var a in accounts)
        {
            Accounts[a] = new Account(new Portfolio(fixture.Engine.Instruments) { Cash = fixture.Engine.Store!.Cash(fixture.Engine.AccountIndex(a)) });
        }

        Marks[EngineFixture.EsZ] = 5000;
        Marks[EngineFixture.EsH] = 5050;
        Marks[EngineFixture.NqZ] = 18000;
    }

    public Dictionary<uint, Account> Accounts { get; } = [];

    /// <summary>True when accepted IOC/FOK orders work like resting ones (a hold that never expires in the run); they cannot be replaced.</summary>
    public bool HoldsImmediate { get; }

    public Dictionary<uint, double> Marks { get; } = [];

    public TradingState Global { get; set; } = TradingState.Active;

    public TradingState[] Groups { get; } = [TradingState.Active, TradingState.Active];

    /// <summary>Engine time: moved by the test on time sources only (market prices, limits, controls), never by orders, fills or collateral.</summary>
    public long Now { get; set; }

    public RejectCode NewOrder(in OrderRequest o)
    {
        var reason = Check(o, null, out var account);
        var immediate = o.TimeInForce is TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill;
        if (reason == RejectCode.None && (HoldsImmediate || !immediate))
        {
            account!.Orders[o.ClientOrderId] = new Order(o.InstrumentId, o.Side, o.Quantity, o.Price, immediate);
        }

        return reason;
    }

    public RejectCode Cancel(long timestamp, uint accountId, ulong id, uint instrument)
    {
        if (!Accounts.TryGetValue(accountId, out var a))
        {
            return RejectCode.UnknownAccount;
        }

        if (!Admit(a.Cancels, timestamp, _f.Limits.MaxCancelsPerWindow))
        {
            return RejectCode.ThrottleExceeded;
        }

        if (!a.Orders.TryGetValue(id, out var o))
        {
            return RejectCode.UnknownOrder;
        }

        if (o.Instrument != instrument)
        {
            return RejectCode.OrderMismatch;
        }

        a.Orders.Remove(id);
        return RejectCode.None;
    }

    public RejectCode Replace(in OrderRequest o, ulong originalId)
    {
        if (o.Side is not (OrderSide.Buy or OrderSide.Sell))
        {
            return RejectCode.InvalidSide;
        }

        if (!Accounts.TryGetValue(o.AccountId, out var a))
        {
            return RejectCode.UnknownAccount;
        }

        if (!a.Orders.TryGetValue(originalId, out var old))
        {
            return RejectCode.UnknownOrder;
        }

        if (old.Instrument != o.InstrumentId || old.Side != o.Side)
        {
            return RejectCode.OrderMismatch;
        }

        if (o.TimeInForce is TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill)
        {
            return RejectCode.InvalidTimeInForce;
        }

        if (old.Immediate)
        {
            return RejectCode.UnknownOrder;
        }

        a.Orders.Remove(originalId);
        var reason = Check(o, originalId, out _);
        if (reason == RejectCode.None)
        {
            a.Orders[o.ClientOrderId] = new Order(o.InstrumentId, o.Side, o.Quantity, o.Price);
        }
        else
        {
            a.Orders[originalId] = old;
        }

        return reason;
    }

    public RejectCode Fill(uint accountId, ulong id, uint instrument, OrderSide side, long quantity, long price)
    {
        if (!Accounts.TryGetValue(accountId, out var a))
        {
            return RejectCode.UnknownAccount;
        }

        var i = _f.Engine.InstrumentIndex(instrument);
        if (i < 0)
        {
            return RejectCode.UnknownInstrument;
        }

        if (side is not (OrderSide.Buy or OrderSide.Sell))
        {
            return RejectCode.InvalidSide;
        }

        if (quantity <= 0)
        {
            return RejectCode.InvalidQuantity;
        }

        if (price < 0 || (price == 0 && !_f.Engine.Instruments[i].IsOption))
        {
            return RejectCode.InvalidPrice;
        }

        if (a.Orders.TryGetValue(id, out var o))
        {
            if (o.Instrument != instrument || o.Side != side)
            {
                return RejectCode.OrderMismatch;
            }

            if (quantity > o.Leaves)
            {
                return RejectCode.InvalidQuantity;
            }

            if (quantity == o.Leaves)
            {
                a.Orders.Remove(id);
            }
            else
            {
                a.Orders[id] = o with { Leaves = o.Leaves - quantity };
            }
        }

        a.Book.Trade(i, side == OrderSide.Buy ? quantity : -quantity, price * 1e-9);
        return RejectCode.None;
    }

    public RejectCode Control(ControlScope scope, uint accountId, int group, TradingState state, bool cancel)
    {
        if (state is < TradingState.Active or > TradingState.Halted || scope is < ControlScope.Global or > ControlScope.AccountProductGroup)
        {
            return RejectCode.InvalidReferenceData;
        }

        var needsGroup = scope is ControlScope.ProductGroup or ControlScope.AccountProductGroup;
        if (needsGroup && (uint)group >= 2)
        {
            return RejectCode.InvalidReferenceData;
        }

        Account? target = null;
        if (scope is ControlScope.Account or ControlScope.AccountProductGroup && !Accounts.TryGetValue(accountId, out target))
        {
            return RejectCode.UnknownAccount;
        }

        switch (scope)
        {
            case ControlScope.Global: Global = state; break;
            case ControlScope.ProductGroup: Groups[group] = state; break;
            case ControlScope.Account: target!.State = state; break;
            default: target!.GroupStates[group] = state; break;
        }

        if (cancel)
        {
            foreach (var a in Accounts.Values)
            {
                if (target is not null && a != target)
                {
                    continue;
                }

                foreach (var id in a.Orders.Keys.ToList())
                {
                    if (!needsGroup || GroupOf(a.Orders[id].Instrument) == group)
                    {
                        a.Orders.Remove(id);
                    }
                }
            }
        }

        return RejectCode.None;
    }

    public int GroupOf(uint instrument) => _f.Engine.Instruments[_f.Engine.InstrumentIndex(instrument)].Group;

    public long Working(Account a, uint instrument, OrderSide side)
    {
        long sum = 0;
        foreach (var o in a.Orders.Values)
        {
            if (o.Instrument == instrument && o.Side == side)
            {
                sum += o.Leaves;
            }
        }

        return sum;
    }

    public double Reference(uint instrument)
    {
        ref readonly var inst = ref _f.Engine.Instruments[_f.Engine.InstrumentIndex(instrument)];
        if (!inst.IsOption)
        {
            return Marks[instrument];
        }

        var forward = Marks[inst.Group == 0 ? EngineFixture.EsZ : EngineFixture.NqZ];
        var vol = inst.Group == 0 ? 0.20 : 0.25;
        var t = inst.ExpiryYears - Now / (365.0 * 86_400 * 1e9);
        return Black76.Price(inst.IsCall, forward, inst.Strike, t, _f.Engine.Market!.Current.Rate, vol);
    }

    private RejectCode Check(in OrderRequest o, ulong? replacing, out Account? account)
    {
        account = null;
        if (o.Side is not (OrderSide.Buy or OrderSide.Sell))
        {
            return RejectCode.InvalidSide;
        }

        if (o.Type is not (OrderType.Limit or OrderType.Market))
        {
            return RejectCode.InvalidOrderType;
        }

        if (o.TimeInForce is < TimeInForce.Day or > TimeInForce.GoodTillDate || (o.Type == OrderType.Market && o.TimeInForce is not (TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill)))
        {
            return RejectCode.InvalidTimeInForce;
        }

        if (o.TimeInForce == TimeInForce.GoodTillDate && o.ExpireTime < 0)
        {
            return RejectCode.InvalidTimeInForce;
        }

        if (o.TimeInForce == TimeInForce.GoodTillDate && (o.ExpireTime <= Now || o.ExpireTime <= o.Timestamp))
        {
            return RejectCode.OrderExpired;
        }

        if (!Accounts.TryGetValue(o.AccountId, out var a))
        {
            return RejectCode.UnknownAccount;
        }

        account = a;
        if (!a.Enabled)
        {
            return RejectCode.AccountDisabled;
        }

        var i = _f.Engine.InstrumentIndex(o.InstrumentId);
        if (i < 0)
        {
            return RejectCode.UnknownInstrument;
        }

        var g = GroupOf(o.InstrumentId);
        var state = (TradingState)Math.Max(Math.Max((int)Global, (int)Groups[g]), Math.Max((int)a.State, (int)a.GroupStates[g]));
        var position = a.Book.Quantity(i);
        var buys = Working(a, o.InstrumentId, OrderSide.Buy);
        var sells = Working(a, o.InstrumentId, OrderSide.Sell);
        var isBuy = o.Side == OrderSide.Buy;
        if (state == TradingState.Halted)
        {
            return RejectCode.TradingHalted;
        }

        var q = o.Quantity;
        if (state == TradingState.ReduceOnly)
        {
            var qq = Math.Max(q, 0);
            var reduces = isBuy ? position < 0 && position + buys + qq <= 0 : position > 0 && position - sells - qq >= 0;
            if (!reduces)
            {
                return RejectCode.ReduceOnly;
            }
        }

        if (a.Orders.ContainsKey(o.ClientOrderId) && o.ClientOrderId != replacing)
        {
            return RejectCode.DuplicateClientOrderId;
        }

        var limits = _f.Limits;
        if (q <= 0)
        {
            return RejectCode.InvalidQuantity;
        }

        if (q > limits.MaxOrderQuantity)
        {
            return RejectCode.MaxOrderQuantityExceeded;
        }

        ref readonly var inst = ref _f.Engine.Instruments[i];
        var tick = (long)Math.Round(inst.TickSize * 1e9);
        if (o.Type == OrderType.Limit)
        {
            if (o.Price <= 0)
            {
                return RejectCode.InvalidPrice;
            }

            if (o.Price % tick != 0)
            {
                return RejectCode.PriceNotOnTick;
            }
        }
        else if (o.Price != long.MinValue)
        {
            return RejectCode.InvalidPrice;
        }

        var reference = Reference(o.InstrumentId);
        var band = Math.Max(limits.CollarFraction * Math.Abs(reference), limits.CollarMinimum);
        double notionalPrice;
        if (o.Type == OrderType.Limit)
        {
            notionalPrice = o.Price * 1e-9;
            if (notionalPrice < reference - band || notionalPrice > reference + band)
            {
                return RejectCode.PriceOutsideCollar;
            }
        }
        else
        {
            notionalPrice = reference + band; // the highest price a market order may reach, on either side
        }

        if (q * notionalPrice * inst.Multiplier > limits.MaxNotional)
        {
            return RejectCode.MaxNotionalExceeded;
        }

        if ((isBuy ? position + buys + q : -(position - sells - q)) > limits.MaxPosition)
        {
            return RejectCode.PositionLimitExceeded;
        }

        if (!Admit(a.NewOrders, o.Timestamp, limits.MaxOrdersPerWindow))
        {
            return RejectCode.ThrottleExceeded;
        }

        if ((HoldsImmediate || o.TimeInForce is not (TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill)) && a.Orders.Count >= limits.MaxWorkingOrders)
        {
            return RejectCode.MaxWorkingOrdersExceeded;
        }

        return RejectCode.None;
    }

    private bool Admit(List<long> stamps, long timestamp, int limit)
    {
        // Throttle time never goes back: a stamp before engine time or the latest admitted one counts at it.
        timestamp = Math.Max(Math.Max(timestamp, Now), stamps.Count == 0 ? 0 : stamps.Max());
        var inWindow = 0;
        foreach (var s in stamps)
        {
            if (timestamp - s < _f.Options.ThrottleWindowNanoseconds)
            {
                inWindow++;
            }
        }

        if (inWindow >= limit)
        {
            return false;
        }

        stamps.Add(timestamp);
        if (stamps.Count > 256)
        {
            stamps.RemoveRange(0, 128);
        }

        return true;
    }

    internal sealed record Order(uint Instrument, OrderSide Side, long Leaves, long Price, bool Immediate = false);

    internal sealed class Account(Portfolio book)
    {
        public Portfolio Book { get; } = book;

        public bool Enabled { get; set; } = true;

        public TradingState State { get; set; } = TradingState.Active;

        public TradingState[] GroupStates { get; } = [TradingState.Active, TradingState.Active];

        public Dictionary<ulong, Order> Orders { get; } = [];

        public List<long> NewOrders { get; } = [];

        public List<long> Cancels { get; } = [];
    }
}
