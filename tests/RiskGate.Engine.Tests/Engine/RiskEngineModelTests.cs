using RiskGate.Engine.Checks;
using RiskGate.Engine.Orders;
using RiskGate.Engine.State;
using static RiskGate.Engine.Tests.EngineFixture;

namespace RiskGate.Engine.Tests;

/// <summary>
/// Model-based property test: 100,000 seeded random messages, many invalid, through the engine and a
/// simple reference model; after every message the decision reason and the touched account's state
/// (positions, working quantities, orders, cash) and the trading states agree, every 1,000 messages all
/// accounts are compared, and no exception escapes.
/// </summary>
public sealed class RiskEngineModelTests
{
    private const int Messages = 100_000;

    [Theory]
    [InlineData(false)] // why: IOC/FOK are checked for themselves only (the default)
    [InlineData(true)] // why: IOC/FOK held as working orders (a hold the run never reaches): counts, limits, duplicates, fills, cancels, replaces
    public void RandomMessages_EngineMatchesReferenceModel(bool holdImmediate)
    {
        var limits = new OrderLimits
        {
            MaxOrderQuantity = 100,
            MaxNotional = 30_000_000,
            MaxPosition = 150,
            CollarFraction = 0.02,
            CollarMinimum = 5,
            MaxWorkingOrders = 8,
            MaxOrdersPerWindow = 20,
            MaxCancelsPerWindow = 10,
        };
        var f = new EngineFixture(accounts: 5, cash: 1e13, limits: limits, throttleWindow: 2_000_000, immediateHold: holdImmediate ? long.MaxValue : 0);
        var e = f.Engine;
        var accounts = new uint[] { 1, 2, 3, 4, 5 };
        var model = new ReferenceModel(f, accounts, holdImmediate);
        var instruments = new uint[] { EsZ, EsH, NqZ, f.EsCalls[2], f.EsPuts[1], f.NqOptions[4], 999 };
        var random = new Random(424242);
        var time = 1L;
        var counts = new Dictionary<RejectCode, int>();

        for (var m = 0; m < Messages; m++)
        {
            time += random.Next(4) == 0 ? 0 : random.Next(1, 40_000);
            var account = random.Next(40) == 0 ? 99u : accounts[random.Next(accounts.Length)];
            var kind = random.Next(100);
            RejectCode expected, actual;
            var touchedAll = false;
            if (kind < 50)
            {
                var o = RandomOrder(random, f, model, account, instruments, time);
                expected = model.NewOrder(o);
                actual = e.OnNewOrder(o).Reason;
            }
            else if (kind < 68)
            {
                var id = RandomId(random, model, account);
                var instrument = instruments[random.Next(instruments.Length)];
                if (model.Accounts.TryGetValue(account, out var ma) && ma.Orders.TryGetValue(id, out var working) && random.Next(8) != 0)
                {
                    instrument = working.Instrument;
                }

                var stamp = Stamp(random, time);
                expected = model.Cancel(stamp, account, id, instrument);
                actual = e.OnCancelOrder(m, stamp, account, id, instrument).Reason;
            }
            else if (kind < 80)
            {
                var orig = RandomId(random, model, account);
                var o = RandomOrder(random, f, model, account, instruments, time);
                if (model.Accounts.TryGetValue(account, out var ma) && ma.Orders.TryGetValue(orig, out var old) && random.Next(5) != 0)
                {
                    o.InstrumentId = old.Instrument;
                    o.Side = old.Side;
                    o.Price = OnTickNear(random, f, model, old.Instrument);
                    o.ClientOrderId = random.Next(3) == 0 ? orig : o.ClientOrderId;
                }

                expected = model.Replace(o, orig);
                actual = e.OnReplaceOrder(o, orig).Reason;
            }
            else if (kind < 94)
            {
                var id = RandomId(random, model, account);
                var instrument = instruments[random.Next(instruments.Length)];
                var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
                long quantity = random.Next(-1, 12);
                if (model.Accounts.TryGetValue(account, out var ma) && ma.Orders.TryGetValue(id, out var working) && random.Next(6) != 0)
                {
                    instrument = working.Instrument;
                    side = working.Side;
                    quantity = random.Next(1, (int)Math.Min(working.Leaves, 50) + 2);
                }

                var price = instrument == 999 ? 1 : OnTickNear(random, f, model, instrument);
                if (random.Next(50) == 0)
                {
                    side = (OrderSide)7;
                }

                price = random.Next(30) switch
                {
                    0 => 0, // why: a valid option premium, an invalid futures price
                    1 => long.MinValue, // why: null
                    2 => -price,
                    _ => price,
                };
                expected = model.Fill(account, id, instrument, side, quantity, price);
                actual = e.OnFill(m, Stamp(random, time), account, id, instrument, side, quantity, price).Reason;
            }
            else if (kind < 97)
            {
                var scope = (ControlScope)random.Next(0, 6);
                var state = random.Next(10) < 6 ? TradingState.Active : (TradingState)random.Next(0, 5);
                var group = random.Next(-1, 3);
                var cancel = random.Next(2) == 0;
                expected = model.Control(scope, account, group, state, cancel);
                if (expected != RejectCode.InvalidReferenceData)
                {
                    model.Now = Math.Max(model.Now, time); // why: an invalid control is refused before it moves engine time
                }

                actual = e.OnTradingControl(m, time, scope, account, group, state, cancel).Reason;
                touchedAll = true;
            }
            else if (kind < 99)
            {
                if (random.Next(2) == 0 && model.Accounts.TryGetValue(account, out var ma))
                {
                    var enabled = random.Next(5) != 0;
                    expected = RejectCode.None;
                    ma.Enabled = enabled;
                    actual = e.OnAccountLimits(m, time, account, enabled, OrderLimits.UseDefaults).Reason;
                    model.Now = Math.Max(model.Now, time);
                }
                else
                {
                    expected = RejectCode.UnknownAccount;
                    if (model.Accounts.TryGetValue(account, out var cash))
                    {
                        expected = RejectCode.None;
                        cash.Book.Cash += 1000;
                    }

                    actual = e.OnCollateral(m, Stamp(random, time), account, CollateralAction.Deposit, 1000).Reason; // why: never moves engine time
                }
            }
            else
            {
                var future = new[] { EsZ, EsH, NqZ }[random.Next(3)];
                var mark = P(model.Marks[future] * (1 + ((random.NextDouble() - 0.5) * 0.01)));
                model.Marks[future] = mark * 1e-9;
                model.Now = Math.Max(model.Now, time);
                expected = RejectCode.None;
                actual = e.OnMarketPrice(m, time, future, mark).Reason;
            }

            Assert.True(expected == actual, "message " + m + " (kind " + kind + "): model " + expected + ", engine " + actual);
            counts[actual] = counts.GetValueOrDefault(actual) + 1;
            if (touchedAll || m % 1000 == 0)
            {
                foreach (var a in accounts)
                {
                    Compare(f, model, a, instruments);
                }
            }
            else if (model.Accounts.ContainsKey(account))
            {
                Compare(f, model, account, instruments);
            }

            Assert.Equal(model.Accounts.Values.Sum(x => x.Orders.Count), e.Orders.Count);
        }

        // The run must exercise accepts and the interesting rejects, or it proves little.
        foreach (var reason in new[]
        {
            RejectCode.None, RejectCode.OrderExpired, RejectCode.UnknownAccount, RejectCode.AccountDisabled, RejectCode.UnknownInstrument, RejectCode.TradingHalted,
            RejectCode.ReduceOnly, RejectCode.DuplicateClientOrderId, RejectCode.InvalidQuantity, RejectCode.MaxOrderQuantityExceeded,
            RejectCode.InvalidPrice, RejectCode.PriceNotOnTick, RejectCode.PriceOutsideCollar, RejectCode.MaxNotionalExceeded,
            RejectCode.PositionLimitExceeded, RejectCode.ThrottleExceeded, RejectCode.MaxWorkingOrdersExceeded, RejectCode.UnknownOrder,
            RejectCode.OrderMismatch, RejectCode.InvalidSide, RejectCode.InvalidTimeInForce, RejectCode.InvalidReferenceData,
        })
        {
            Assert.True(counts.GetValueOrDefault(reason) > 0, reason + " never occurred");
        }
    }

    private static void Compare(EngineFixture f, ReferenceModel model, uint accountId, uint[] instruments)
    {
        var e = f.Engine;
        var a = e.AccountIndex(accountId);
        var ma = model.Accounts[accountId];
        foreach (var id in instruments)
        {
            var i = e.InstrumentIndex(id);
            if (i < 0)
            {
                continue;
            }

            Assert.Equal(ma.Book.Quantity(i), e.Store!.Position(a, i));
            Assert.Equal(model.Working(ma, id, OrderSide.Buy), e.Store.Working(a, i, OrderSide.Buy));
            Assert.Equal(model.Working(ma, id, OrderSide.Sell), e.Store.Working(a, i, OrderSide.Sell));
        }

        Assert.True(Math.Abs(ma.Book.Cash - e.Store!.Cash(a)) <= 1e-9 * Math.Abs(ma.Book.Cash), "cash of " + accountId);
        Assert.Equal(ma.Orders.Count, e.Orders.AccountCount(a));
        foreach (var (id, o) in ma.Orders)
        {
            var slot = e.Orders.Find(a, id);
            Assert.True(slot >= 0, "order " + id + " of " + accountId + " missing");
            Assert.Equal(o.Leaves, e.Orders[slot].Leaves);
            Assert.Equal(o.Price, e.Orders[slot].Price);
        }

        Assert.Equal(ma.Enabled, e.IsEnabled(a));
        Assert.Equal(ma.State, e.AccountState(a));
        Assert.Equal(model.Global, e.GlobalState);
        for (var g = 0; g < 2; g++)
        {
            Assert.Equal(model.Groups[g], e.GroupState(g));
            Assert.Equal(ma.GroupStates[g], e.AccountGroupState(a, g));
        }
    }

    private static ulong RandomId(Random random, ReferenceModel model, uint account)
    {
        if (random.Next(4) != 0 && model.Accounts.TryGetValue(account, out var a) && a.Orders.Count > 0)
        {
            return a.Orders.Keys.ElementAt(random.Next(a.Orders.Count));
        }

        return (ulong)random.Next(1, 40);
    }

    private static long OnTickNear(Random random, EngineFixture f, ReferenceModel model, uint instrument)
    {
        var tick = (long)Math.Round(f.Engine.Instruments[f.Engine.InstrumentIndex(instrument)].TickSize * 1e9);
        var reference = model.Reference(instrument);
        var spread = Math.Max(reference * 0.025, 6.0);
        var raw = reference + ((random.NextDouble() * 2) - 1) * spread;
        return Math.Max(tick, (long)Math.Round(raw * 1e9 / tick) * tick);
    }

    // The sender's stamp: usually the message time, sometimes back-dated (the throttle counts it at the
    // account's latest stamp) or ahead (it never moves engine time).
    private static long Stamp(Random random, long time) => random.Next(20) switch
    {
        0 => Math.Max(0, time - random.Next(1, 6_000_000)),
        1 => time + random.Next(1, 6_000_000),
        _ => time,
    };

    private static OrderRequest RandomOrder(Random random, EngineFixture f, ReferenceModel model, uint account, uint[] instruments, long time)
    {
        var instrument = instruments[random.Next(instruments.Length)];
        var stamp = Stamp(random, time);
        var o = new OrderRequest
        {
            Sequence = time,
            Timestamp = stamp,
            AccountId = account,
            InstrumentId = instrument,
            ClientOrderId = (ulong)random.Next(1, 40),
            Side = random.Next(60) == 0 ? (OrderSide)random.Next(3, 9) : random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell,
            Type = random.Next(15) == 0 ? OrderType.Market : random.Next(100) == 0 ? (OrderType)5 : OrderType.Limit,
            TimeInForce = random.Next(10) switch
            {
                0 => TimeInForce.ImmediateOrCancel,
                1 => TimeInForce.FillOrKill,
                2 => TimeInForce.Day,
                3 => random.Next(3) == 0 ? TimeInForce.GoodTillDate : (TimeInForce)random.Next(6, 10),
                _ => TimeInForce.GoodTillCancel,
            },
            Quantity = random.Next(12) switch
            {
                0 => random.Next(-5, 1),
                1 => random.Next(90, 130),
                2 => long.MinValue,
                _ => random.Next(1, 40),
            },
            ExpireTime = random.Next(3) switch
            {
                0 => -1, // why: null on the wire
                1 => random.Next(2) == 0 ? model.Now : stamp, // why: expired at engine time, or at the order's own stamp
                _ => time + 1_000_000_000_000, // why: a GTD that works (it expires after the run: the model has no expiry)
            },
        };
        o.Price = instrument == 999 ? 1 : random.Next(25) switch
        {
            0 => 0,
            1 => -OnTickNear(random, f, model, instrument),
            2 => OnTickNear(random, f, model, instrument) + 1,
            3 => long.MinValue,
            4 => long.MaxValue,
            _ => OnTickNear(random, f, model, instrument),
        };
        if (o.Type == OrderType.Market && random.Next(3) != 0)
        {
            o.Price = long.MinValue; // why: a well-formed market order carries no price
        }

        return o;
    }
}
