using RiskGate.Engine.Joint;
using RiskGate.Engine.Pricing;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Messages;

namespace RiskGate.Host.Simulate;

/// <summary>
/// Generates a realistic, deterministic session from a seed (xoshiro256**, `RiskGate.Engine.Joint.Xoshiro256StarStar`): start-of-day limits and
/// cash for every account, then a stream of new orders, cancels, replaces, fills, futures prices on a
/// correlated path with jumps, collateral changes and kill switches, all encoded with the protocol
/// encoders. The generator tracks the orders it has sent (not what the gate decided), so some fills,
/// cancels and replaces target orders that were rejected and are themselves rejected, as on a real
/// venue link. Single thread; allocates the session once.
/// </summary>
internal static class SessionGenerator
{
    private const long MessageSpacing = 20_000; // 50,000 messages per second of message time
    private const int MaxLive = 1 << 18;

    /// <summary>Generates <paramref name="messages"/> messages (at least the account setup) for <paramref name="accounts"/> accounts.</summary>
    public static SimulatedSession Generate(ulong seed, int accounts, int messages)
    {
        var universe = new SessionUniverse();
        var setup = accounts * 2;
        var total = Math.Max(messages, setup + 1);
        var session = new SimulatedSession(universe, seed, accounts, total);
        var state = new GeneratorState(session, seed);
        state.Run(total);
        return session;
    }

    private struct LiveOrder
    {
        public uint Account;
        public int Instrument;
        public ulong ClientOrderId;
        public Side Side;
        public long Leaves;
        public double Price;
    }

    private sealed class GeneratorState
    {
        private readonly SimulatedSession _s;
        private readonly SessionUniverse _u;
        private readonly LiveOrder[] _live = new LiveOrder[MaxLive];
        private readonly double[] _cash;
        private readonly int[] _haltedUntil;
        private readonly bool[] _legToggle;
        private readonly int[] _home;
        private Xoshiro256StarStar _rng;
        private int _liveCount;
        private int _offset;
        private long _time = SessionUniverse.Start;
        private ulong _nextOrderId = 1;
        private ulong _nextExec = 1;
        private ulong _nextRequest = 1;

        public GeneratorState(SimulatedSession session, ulong seed)
        {
            _s = session;
            _u = session.Universe;
            _rng = new Xoshiro256StarStar(seed);
            _cash = new double[session.Accounts];
            _haltedUntil = new int[session.Accounts];
            _legToggle = new bool[session.Accounts];
            _home = new int[session.Accounts];
            for (var f = 0; f < _u.Futures.Count; f++)
            {
                session.FinalPrices[f] = _u.InitialPrice(f);
                session.FinalVolFactors[f] = 1.0;
            }
        }

        public void Run(int total)
        {
            SetupAccounts();
            _s.SetupCount = _s.Count;
            while (_s.Count < total)
            {
                var room = total - _s.Count;
                var r = _rng.NextDouble();
                if (r < 0.03 && room >= 4)
                {
                    MarketMove();
                }
                else if (r < 0.50 || _liveCount == 0)
                {
                    NewOrder(room);
                }
                else if (r < 0.78)
                {
                    Cancel();
                }
                else if (r < 0.86)
                {
                    Replace();
                }
                else if (r < 0.975)
                {
                    FillOne();
                }
                else if (r < 0.9995)
                {
                    CollateralChange();
                }
                else
                {
                    KillSwitch();
                }
            }
        }

        private void SetupAccounts()
        {
            for (var a = 0; a < _s.Accounts; a++)
            {
                var r = _rng.NextDouble();
                var style = r switch
                {
                    < 0.10 => AccountStyle.MarketMaker,
                    < 0.55 => AccountStyle.Directional,
                    < 0.70 => AccountStyle.CoveredCall,
                    < 0.85 => AccountStyle.ProtectivePut,
                    _ => AccountStyle.UnderCollateralised,
                };
                _s.Styles[a] = style;
                _home[a] = _rng.Next(_u.GroupCount);
                _cash[a] = style switch
                {
                    AccountStyle.MarketMaker => 20_000_000,
                    AccountStyle.Directional => 2_000_000 + (_rng.Next(8) * 500_000),
                    AccountStyle.UnderCollateralised => 5_000 + (_rng.Next(20) * 1_000),
                    _ => 3_000_000,
                };
                var id = (uint)(a + 1);
                var limits = AccountLimitsEncoder.Wrap(Slot()).AccountId(id).TradingState(TradingState.Active).SendingTime((ulong)_time);
                if (style == AccountStyle.MarketMaker)
                {
                    limits.MaxWorkingOrders(256).ThrottleMessages(250);
                }

                Commit(AccountLimitsEncoder.Length, SessionMessageKind.AccountSetup);
                AccountCollateralEncoder.Wrap(Slot()).RequestId(_nextRequest++).AccountId(id).Action(Protocol.Enums.CollateralAction.Set)
                    .Amount(Money4(_cash[a])).SendingTime((ulong)_time);
                Commit(AccountCollateralEncoder.Length, SessionMessageKind.Collateral);
            }
        }

        private void MarketMove()
        {
            // One common factor drives both groups (correlation ≈ 0.6); the crypto group moves four
            // times as much and jumps more often. Smiles stay as set at start of day: a VolSurface is
            // larger than a slot and the gate takes it on the start-up path only (vol moves are
            // exercised by the accuracy analysis instead).
            var common = _rng.NextGaussian();
            for (var g = 0; g < _u.GroupCount; g++)
            {
                var own = _rng.NextGaussian();
                var stepVol = g == 0 ? 0.0008 : 0.0002;
                var move = stepVol * ((0.77 * common) + (0.64 * own));
                if (_rng.Chance(g == 0 ? 0.004 : 0.001))
                {
                    move += (_rng.Chance(0.5) ? 1 : -1) * (g == 0 ? 0.04 : 0.015);
                }

                for (var f = 0; f < _u.Futures.Count; f++)
                {
                    var spec = _u.Instruments[_u.Futures[f]];
                    if (spec.Group != g || _s.Count >= _s.Lengths.Length)
                    {
                        continue;
                    }

                    var price = _s.FinalPrices[f] * Math.Exp(move);
                    price = Math.Max(spec.Tick, Math.Round(price / spec.Tick) * spec.Tick);
                    _s.FinalPrices[f] = price;
                    MarketPriceEncoder.Wrap(Slot()).InstrumentId(spec.Id).PriceType(MarketPriceType.Mark).Price(SessionUniverse.Price9(price)).TransactTime((ulong)_time);
                    Commit(MarketPriceEncoder.Length, SessionMessageKind.MarketData);
                }
            }
        }

        private void NewOrder(int room)
        {
            var a = _rng.Next(_s.Accounts);
            var id = (uint)(a + 1);
            var group = _home[a];
            switch (_s.Styles[a])
            {
                case AccountStyle.MarketMaker:
                    {
                        var option = PickOption(group, 0.5);
                        var theo = Theo(option);
                        var tick = _u.Instruments[option].Tick;
                        var half = Math.Max(tick, Math.Round(theo * 0.01 / tick) * tick);
                        var qty = 1 + _rng.Next(20);
                        Send(id, option, Side.Buy, qty, Math.Max(tick, RoundDown(theo - half, tick)));
                        if (room > 1)
                        {
                            Send(id, option, Side.Sell, qty, RoundUp(theo + half, tick));
                        }

                        break;
                    }

                case AccountStyle.Directional:
                    {
                        var f = PickFuture(group);
                        var side = _rng.Chance(0.5) ? Side.Buy : Side.Sell;
                        Send(id, f, side, 1 + _rng.Next(20), Aggressive(f, side, _rng.Next(5)));
                        break;
                    }

                case AccountStyle.CoveredCall:
                case AccountStyle.ProtectivePut:
                    {
                        var f = PickFuture(group);
                        var slot = _u.Instruments[f].FutureSlot;
                        var qty = 1 + _rng.Next(10);
                        _legToggle[a] = !_legToggle[a];
                        if (_legToggle[a] || _u.OptionCount(slot) == 0)
                        {
                            Send(id, f, Side.Buy, qty, Aggressive(f, Side.Buy, 1));
                        }
                        else
                        {
                            var call = _s.Styles[a] == AccountStyle.CoveredCall;
                            var option = OutOfTheMoney(slot, call);
                            var tick = _u.Instruments[option].Tick;
                            var theo = Theo(option);
                            Send(id, option, call ? Side.Sell : Side.Buy, qty, Math.Max(tick, Math.Round(theo / tick) * tick));
                        }

                        break;
                    }

                default:
                    {
                        // Sells far-out options or big futures on almost no cash: margin rejects, and the
                        // orders that do pass become margin calls when the market moves.
                        if (_rng.Chance(0.5))
                        {
                            var option = PickOption(group, 0.3);
                            var tick = _u.Instruments[option].Tick;
                            Send(id, option, Side.Sell, 5 + _rng.Next(50), Math.Max(tick, Math.Round(Theo(option) / tick) * tick));
                        }
                        else
                        {
                            var f = PickFuture(group);
                            var side = _rng.Chance(0.5) ? Side.Buy : Side.Sell;
                            Send(id, f, side, 1 + _rng.Next(5), Aggressive(f, side, 0));
                        }

                        break;
                    }
            }
        }

        private void Send(uint account, int instrument, Side side, long quantity, double price)
        {
            var spec = _u.Instruments[instrument];
            var clientOrderId = _nextOrderId++;
            var tif = _rng.Chance(0.1) ? Protocol.Enums.TimeInForce.ImmediateOrCancel : Protocol.Enums.TimeInForce.GoodTillCancel;
            NewOrderEncoder.Wrap(Slot()).ClientOrderId(clientOrderId).AccountId(account).InstrumentId(spec.Id).Quantity(quantity)
                .Price(SessionUniverse.Price9(price)).Side(side).OrderType(Protocol.Enums.OrderType.Limit).TimeInForce(tif).SendingTime((ulong)_time);
            Commit(NewOrderEncoder.Length, SessionMessageKind.NewOrder);
            if (tif == Protocol.Enums.TimeInForce.GoodTillCancel && _liveCount < MaxLive)
            {
                _live[_liveCount++] = new LiveOrder { Account = account, Instrument = instrument, ClientOrderId = clientOrderId, Side = side, Leaves = quantity, Price = price };
            }
        }

        private void Cancel()
        {
            var k = PickLive();
            ref var o = ref _live[k];
            CancelOrderEncoder.Wrap(Slot()).ClientOrderId(_nextOrderId++).OriginalClientOrderId(o.ClientOrderId).AccountId(o.Account)
                .InstrumentId(_u.Instruments[o.Instrument].Id).SendingTime((ulong)_time);
            Commit(CancelOrderEncoder.Length, SessionMessageKind.Cancel);
            Remove(k);
        }

        private void Replace()
        {
            var k = PickLive();
            ref var o = ref _live[k];
            var spec = _u.Instruments[o.Instrument];
            var price = Math.Max(spec.Tick, o.Price + ((_rng.Next(5) - 2) * spec.Tick));
            var quantity = Math.Max(1, o.Leaves + _rng.Next(5) - 2);
            var clientOrderId = _nextOrderId++;
            ReplaceOrderEncoder.Wrap(Slot()).ClientOrderId(clientOrderId).OriginalClientOrderId(o.ClientOrderId).AccountId(o.Account)
                .InstrumentId(spec.Id).Quantity(quantity).Price(SessionUniverse.Price9(price)).Side(o.Side).SendingTime((ulong)_time);
            Commit(ReplaceOrderEncoder.Length, SessionMessageKind.Replace);
            o.ClientOrderId = clientOrderId;
            o.Price = price;
            o.Leaves = quantity;
        }

        private void FillOne()
        {
            var k = PickLive();
            ref var o = ref _live[k];
            var quantity = _rng.Chance(0.7) ? o.Leaves : 1 + _rng.Next((int)Math.Max(1, o.Leaves - 1));
            quantity = Math.Min(quantity, o.Leaves);
            var leaves = o.Leaves - quantity;
            FillEncoder.Wrap(Slot()).AccountId(o.Account).InstrumentId(_u.Instruments[o.Instrument].Id).ClientOrderId(o.ClientOrderId)
                .Quantity(quantity).Price(SessionUniverse.Price9(o.Price)).Side(o.Side)
                .Attributes(leaves == 0 ? FillAttributes.OrderComplete : FillAttributes.None).ExecId(_nextExec++)
                .TransactTime((ulong)_time).LeavesQuantity(leaves);
            Commit(FillEncoder.Length, SessionMessageKind.Fill);
            if (leaves == 0)
            {
                Remove(k);
            }
            else
            {
                o.Leaves = leaves;
            }
        }

        private void CollateralChange()
        {
            var a = _rng.Next(_s.Accounts);
            var withdraw = _rng.Chance(0.4);
            var amount = Math.Round(_cash[a] * (0.02 + (0.2 * _rng.NextDouble())), 2);
            AccountCollateralEncoder.Wrap(Slot()).RequestId(_nextRequest++).AccountId((uint)(a + 1))
                .Action(withdraw ? Protocol.Enums.CollateralAction.Withdraw : Protocol.Enums.CollateralAction.Deposit)
                .Amount(Money4(amount)).SendingTime((ulong)_time);
            Commit(AccountCollateralEncoder.Length, SessionMessageKind.Collateral);
        }

        private void KillSwitch()
        {
            var a = _rng.Next(_s.Accounts);
            var halt = _haltedUntil[a] == 0;
            _haltedUntil[a] = halt ? 1 : 0;
            TradingControlEncoder.Wrap(Slot()).RequestId(_nextRequest++).AccountId((uint)(a + 1)).SendingTime((ulong)_time)
                .Scope(Protocol.Enums.ControlScope.Account).State(halt ? Protocol.Enums.TradingState.Halted : Protocol.Enums.TradingState.Active)
                .CancelWorkingOrders(halt ? BooleanType.True : BooleanType.False);
            Commit(TradingControlEncoder.Length, SessionMessageKind.KillSwitch);
        }

        private int PickLive() => _rng.Next(_liveCount);

        private void Remove(int k) => _live[k] = _live[--_liveCount];

        private int PickFuture(int group)
        {
            while (true)
            {
                var f = _u.Futures[_rng.Next(_u.Futures.Count)];
                if (_u.Instruments[f].Group == group)
                {
                    return f;
                }
            }
        }

        private int PickOption(int group, double nearMoney)
        {
            while (true)
            {
                var slot = _u.Instruments[PickFuture(group)].FutureSlot;
                var n = _u.OptionCount(slot);
                if (n == 0)
                {
                    continue;
                }

                // Strikes near the money most of the time, anywhere on the chain otherwise.
                var strikes = SessionUniverse.StrikesPerExpiry;
                var k = _rng.Chance(nearMoney) ? (strikes / 2) - 3 + _rng.Next(7) : _rng.Next(strikes);
                return _u.FirstOption(slot) + (2 * k) + _rng.Next(2);
            }
        }

        private int OutOfTheMoney(int slot, bool call)
        {
            var strikes = SessionUniverse.StrikesPerExpiry;
            var offset = 2 + _rng.Next(4);
            var k = call ? (strikes / 2) + offset : (strikes / 2) - offset;
            return _u.FirstOption(slot) + (2 * k) + (call ? 0 : 1);
        }

        private double Theo(int option)
        {
            var spec = _u.Instruments[option];
            var forward = _s.FinalPrices[spec.FutureSlot];
            var t = (spec.ExpiryNanoseconds - _time) / (365.0 * SessionUniverse.Day);
            var svi = _u.Smile(spec.FutureSlot).Scaled(_s.FinalVolFactors[spec.FutureSlot]);
            var k = Math.Log(spec.Strike / forward);
            var w = svi.A + (svi.B * ((svi.Rho * (k - svi.M)) + Math.Sqrt(((k - svi.M) * (k - svi.M)) + (svi.Sigma * svi.Sigma))));
            var vol = Math.Sqrt(Math.Max(w, 1e-8) / svi.TimeToExpiry);
            return Black76.Price(spec.IsCall, forward, spec.Strike, Math.Max(t, 1e-6), 0.0, vol);
        }

        private double Aggressive(int future, Side side, int ticks)
        {
            var spec = _u.Instruments[future];
            var mark = _s.FinalPrices[spec.FutureSlot];
            return Math.Max(spec.Tick, mark + ((side == Side.Buy ? ticks : -ticks) * spec.Tick));
        }

        private static double RoundDown(double price, double tick) => Math.Floor(price / tick) * tick;

        private static double RoundUp(double price, double tick) => Math.Ceiling(price / tick) * tick;

        private static long Money4(double amount) => (long)Math.Round(amount * 1e4);

        private Span<byte> Slot() => _s.Buffer.AsSpan(_offset, SimulatedSession.Stride);

        private void Commit(int length, SessionMessageKind kind)
        {
            var i = _s.Count++;
            _s.Offsets[i] = _offset;
            _s.Lengths[i] = (short)length;
            _s.Kinds[i] = kind;
            _offset += length;
            _time += MessageSpacing;
        }
    }
}
