using RiskGate.Engine;
using RiskGate.Engine.Checks;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;
using RiskGate.Gate.Pipeline;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Messages;
using EngineCollateral = RiskGate.Engine.State.CollateralAction;
using EngineKind = RiskGate.Engine.Instruments.InstrumentKind;
using EngineOrderType = RiskGate.Engine.Orders.OrderType;
using EngineScope = RiskGate.Engine.Checks.ControlScope;
using EngineSide = RiskGate.Engine.State.OrderSide;
using EngineState = RiskGate.Engine.Checks.TradingState;
using EngineTif = RiskGate.Engine.Orders.TimeInForce;
using OrderRequest = RiskGate.Engine.Orders.OrderRequest;

namespace RiskGate.Gate.Tests.Pipeline;

/// <summary>What a generated message is, in logical form, so a test can call the engine directly (the oracle).</summary>
internal struct SessionMessage
{
    public MessageType Type;
    public uint Account;
    public uint Instrument;
    public ulong Id;
    public ulong OtherId;
    public long Quantity;
    public long Price;
    public long Time;
    public byte Side;
    public byte Extra;
    public bool Malformed;
}

/// <summary>
/// A deterministic session over two groups: group 0 (future 100 at 5000, multiplier 50, options 200.. at
/// strikes 4800..5200) and group 1 (future 300 at 18000, multiplier 20, options 400..), SVI smiles, N accounts,
/// then an endless seeded mix of new, cancel, replace, fill, market price, collateral, heartbeat, kill switch
/// and malformed messages. Generation allocates nothing after construction.
/// </summary>
internal sealed class GateSession
{
    public const double OptionYears = 0.24;
    public const double FutureYears = 0.25;
    public const long Year = (long)(365.0 * 86_400 * 1e9);

    private readonly Random _random;
    private readonly int _accounts;
    private readonly ulong[] _recent;
    private readonly uint[] _recentInstrument;
    private readonly long[] _futurePrice = [5000_000_000_000, 18000_000_000_000];
    private ulong _nextId = 1;
    private long _time = 1_000_000_000;

    public GateSession(int seed, int accounts = 16)
    {
        _random = new Random(seed);
        _accounts = accounts;
        _recent = new ulong[accounts * 8];
        _recentInstrument = new uint[accounts * 8];
    }

    public static RiskEngineOptions EngineOptions(int maxWorkingOrders = 8192, long immediateHold = 0)
    {
        var scan = new ScanParameters(Spans.Default16, 0.06, Engine.Scenarios.ScanRangeKind.Relative, 0.25, Engine.Scenarios.ScanRangeKind.Relative);
        var margin = new MarginOptions([new GroupRiskParameters(scan, 0, 0), new GroupRiskParameters(scan, 0, 0)], []);
        var limits = new OrderLimits
        {
            MaxOrderQuantity = 100,
            MaxNotional = 1e9,
            MaxPosition = 500,
            CollarFraction = 0.05,
            CollarMinimum = 5,
            MaxWorkingOrders = 200,
            MaxOrdersPerWindow = 60,
            MaxCancelsPerWindow = 60,
        };
        return new RiskEngineOptions(margin, limits, maxAccounts: 64, maxInstruments: 64, maxWorkingOrders: maxWorkingOrders, alertCapacity: 1024) { ImmediateOrderHoldNanoseconds = immediateHold };
    }

    public static GateOptions Options(int ringSize = 1024, GateProducerType producer = GateProducerType.Single) => new()
    {
        Engine = EngineOptions(),
        RingSize = ringSize,
        ProducerType = producer,
        AlertQueueSize = 1 << 14,
        SweepInterval = 64,
        SweepAccounts = 8,
    };

    /// <summary>Reference data, prices, smiles, accounts and cash, in order.</summary>
    public List<(byte[] Bytes, SessionMessage Logical)> Setup()
    {
        var list = new List<(byte[], SessionMessage)>();
        DefineGroup(list, 0, 100, 200, 4800, 100, 50, 250_000_000, 50_000_000);
        DefineGroup(list, 1, 300, 400, 17500, 250, 20, 250_000_000, 250_000_000);
        list.Add(Price(100, _futurePrice[0], 0));
        list.Add(Price(300, _futurePrice[1], 0));
        list.Add(Smile(0));
        list.Add(Smile(1));
        for (var a = 1u; a <= _accounts; a++)
        {
            var buffer = new byte[AccountLimitsEncoder.Length];
            AccountLimitsEncoder.Wrap(buffer).AccountId(a).TradingState(Protocol.Enums.TradingState.Active).SendingTime(1);
            list.Add((buffer, new SessionMessage { Type = MessageType.AccountLimits, Account = a, Time = 1 }));
        }

        for (var a = 1u; a <= _accounts; a++)
        {
            // Some accounts thin on cash so margin rejects and margin calls happen.
            var cash = a % 4 == 0 ? 50_000L : 50_000_000L;
            var buffer = new byte[AccountCollateralEncoder.Length];
            AccountCollateralEncoder.Wrap(buffer).RequestId(a).AccountId(a).Action(Protocol.Enums.CollateralAction.Set).Amount(cash * 10_000).SendingTime(1);
            list.Add((buffer, new SessionMessage { Type = MessageType.AccountCollateral, Account = a, Id = a, Extra = 3, Quantity = cash * 10_000, Time = 1 }));
        }

        return list;
    }

    /// <summary>Encodes the next message of the stream into <paramref name="destination"/> (≥ 96 bytes).</summary>
    public int Next(Span<byte> destination, out SessionMessage m)
    {
        m = default;
        _time += 1_000_000;
        m.Time = _time;
        m.Account = (uint)_random.Next(1, _accounts + 1);
        var roll = _random.Next(1000);
        var slot = ((int)m.Account - 1) * 8;
        if (roll < 500)
        {
            m.Type = MessageType.NewOrder;
            m.Id = _nextId++;
            PickInstrument(ref m);
            _recent[slot + (int)(m.Id & 7)] = m.Id;
            _recentInstrument[slot + (int)(m.Id & 7)] = m.Instrument;
            m.Extra = (byte)_random.Next(1, 6); // time in force 1..5 (GTD gets an expire time)
            var e = NewOrderEncoder.Wrap(destination).ClientOrderId(m.Id).AccountId(m.Account).InstrumentId(m.Instrument)
                .Quantity(m.Quantity).Price(m.Price).Side((Side)m.Side).OrderType(OrderType.Limit).TimeInForce((TimeInForce)m.Extra)
                .SendingTime((ulong)m.Time);
            if (m.Extra == 5)
            {
                m.OtherId = (ulong)(m.Time + 500_000_000);
                e = e.ExpireTime(m.OtherId);
            }

            return e.EncodedLength;
        }

        if (roll < 700)
        {
            m.Type = MessageType.CancelOrder;
            m.Id = _nextId++;
            var recent = slot + _random.Next(8);
            m.OtherId = _recent[recent];
            PickInstrument(ref m);
            if (_random.Next(8) != 0)
            {
                m.Instrument = _recentInstrument[recent]; // mostly the order's own instrument; else a mismatch
            }

            return CancelOrderEncoder.Wrap(destination).ClientOrderId(m.Id).OriginalClientOrderId(m.OtherId).AccountId(m.Account)
                .InstrumentId(m.Instrument).SendingTime((ulong)m.Time).EncodedLength;
        }

        if (roll < 800)
        {
            m.Type = MessageType.ReplaceOrder;
            m.Id = _nextId++;
            var index = slot + _random.Next(8);
            m.OtherId = _recent[index];
            _recent[index] = m.Id;
            PickInstrument(ref m);
            _recentInstrument[index] = m.Instrument;
            return ReplaceOrderEncoder.Wrap(destination).ClientOrderId(m.Id).OriginalClientOrderId(m.OtherId).AccountId(m.Account)
                .InstrumentId(m.Instrument).Quantity(m.Quantity).Price(m.Price).Side((Side)m.Side).SendingTime((ulong)m.Time).EncodedLength;
        }

        if (roll < 900)
        {
            m.Type = MessageType.Fill;
            m.Id = _recent[slot + _random.Next(8)];
            PickInstrument(ref m);
            m.Quantity = _random.Next(1, 3);
            return FillEncoder.Wrap(destination).AccountId(m.Account).InstrumentId(m.Instrument).ClientOrderId(m.Id).Quantity(m.Quantity)
                .Price(m.Price).Side((Side)m.Side).ExecId(_nextId++).TransactTime((ulong)m.Time).LeavesQuantity(0).EncodedLength;
        }

        if (roll < 960)
        {
            var group = _random.Next(2);
            // Random walk, occasionally a jump; on tick.
            var step = (_random.Next(21) - 10) * 250_000_000L * (_random.Next(50) == 0 ? 20 : 1);
            _futurePrice[group] = Math.Max(1000_000_000_000, _futurePrice[group] + step);
            m.Type = MessageType.MarketPrice;
            m.Instrument = group == 0 ? 100u : 300u;
            m.Price = _futurePrice[group];
            return MarketPriceEncoder.Wrap(destination).InstrumentId(m.Instrument).PriceType(MarketPriceType.Mark).Price(m.Price)
                .TransactTime((ulong)m.Time).EncodedLength;
        }

        if (roll < 975)
        {
            m.Type = MessageType.AccountCollateral;
            m.Id = _nextId++;
            m.Extra = (byte)_random.Next(1, 3); // deposit or withdraw
            m.Quantity = _random.Next(1, 2_000_000) * 10_000L;
            return AccountCollateralEncoder.Wrap(destination).RequestId(m.Id).AccountId(m.Account).Action((Protocol.Enums.CollateralAction)m.Extra)
                .Amount(m.Quantity).SendingTime((ulong)m.Time).EncodedLength;
        }

        if (roll < 985)
        {
            m.Type = MessageType.Heartbeat;
            return HeartbeatEncoder.Wrap(destination).SendingTime((ulong)m.Time).Sequence(_nextId++).EncodedLength;
        }

        if (roll < 995)
        {
            m.Type = MessageType.TradingControl;
            m.Id = _nextId++;
            m.Extra = (byte)_random.Next(1, 4); // active, reduce-only, halted
            m.Side = (byte)_random.Next(2); // cancel working orders?
            return TradingControlEncoder.Wrap(destination).RequestId(m.Id).AccountId(m.Account).Scope(Protocol.Enums.ControlScope.Account)
                .State((Protocol.Enums.TradingState)m.Extra).CancelWorkingOrders(m.Side == 1 ? BooleanType.True : BooleanType.False)
                .SendingTime((ulong)m.Time).EncodedLength;
        }

        // Malformed: a valid order with a corrupted header field or a truncated block.
        m.Malformed = true;
        m.Type = MessageType.NewOrder;
        var length = NewOrderEncoder.Wrap(destination).ClientOrderId(_nextId++).AccountId(m.Account).InstrumentId(100).Quantity(1)
            .Price(5000_000_000_000).Side(Side.Buy).OrderType(OrderType.Limit).TimeInForce(TimeInForce.Day).SendingTime((ulong)m.Time).EncodedLength;
        switch (_random.Next(3))
        {
            case 0:
                destination[4] ^= 0xFF; // schema id
                return length;
            case 1:
                destination[2] = 0x7F; // template id unknown
                destination[3] = 0x7F;
                return length;
            default:
                return _random.Next(0, length - 1); // truncated
        }
    }

    /// <summary>The oracle: the same logical message applied to the engine directly.</summary>
    public static EngineDecision Apply(RiskEngine engine, in SessionMessage m, long sequence)
    {
        switch (m.Type)
        {
            case MessageType.NewOrder:
                var order = new OrderRequest
                {
                    Sequence = sequence,
                    Timestamp = m.Time,
                    AccountId = m.Account,
                    InstrumentId = m.Instrument,
                    ClientOrderId = m.Id,
                    Side = (EngineSide)m.Side,
                    Type = EngineOrderType.Limit,
                    TimeInForce = (EngineTif)m.Extra,
                    Quantity = m.Quantity,
                    Price = m.Price,
                    ExpireTime = m.Extra == 5 ? (long)m.OtherId : -1,
                };
                return engine.OnNewOrder(in order);
            case MessageType.CancelOrder:
                return engine.OnCancelOrder(sequence, m.Time, m.Account, m.OtherId, m.Instrument);
            case MessageType.ReplaceOrder:
                // A replace keeps the working order's time in force and GTD expiry (the wire carries neither).
                var a = engine.AccountIndex(m.Account);
                var slot = a >= 0 ? engine.Orders.Find(a, m.OtherId) : -1;
                var tif = slot >= 0 ? engine.Orders[slot].TimeInForce : EngineTif.Day;
                var replace = new OrderRequest
                {
                    Sequence = sequence,
                    Timestamp = m.Time,
                    AccountId = m.Account,
                    InstrumentId = m.Instrument,
                    ClientOrderId = m.Id,
                    Side = (EngineSide)m.Side,
                    Type = EngineOrderType.Limit,
                    TimeInForce = tif,
                    Quantity = m.Quantity,
                    Price = m.Price,
                    ExpireTime = tif == EngineTif.GoodTillDate ? engine.Orders[slot].ExpireNanoseconds : -1,
                };
                return engine.OnReplaceOrder(in replace, m.OtherId);
            case MessageType.Fill:
                return engine.OnFill(sequence, m.Time, m.Account, m.Id, m.Instrument, (EngineSide)m.Side, m.Quantity, m.Price);
            case MessageType.MarketPrice:
                return engine.OnMarketPrice(sequence, m.Time, m.Instrument, m.Price);
            case MessageType.AccountCollateral:
                return engine.OnCollateral(sequence, m.Time, m.Account, (EngineCollateral)m.Extra, m.Quantity / 1e4);
            case MessageType.AccountLimits:
                return engine.OnAccountLimits(sequence, m.Time, m.Account, true, OrderLimits.UseDefaults);
            case MessageType.Heartbeat:
                return engine.OnHeartbeat(sequence, m.Time);
            case MessageType.TradingControl:
                return engine.OnTradingControl(sequence, m.Time, EngineScope.Account, m.Account, -1, (EngineState)m.Extra, m.Side == 1);
            case MessageType.InstrumentDefinition:
                var future = m.OtherId == 0;
                return engine.OnInstrumentDefinition(
                    sequence, m.Instrument, future ? EngineKind.Future : EngineKind.Option, (int)m.Account, future ? uint.MaxValue : (uint)m.OtherId,
                    future ? (long)(FutureYears * Year) : (long)(OptionYears * Year), m.Price, m.Side == 1, m.Quantity, (long)m.Id, true);
            case MessageType.VolSurface:
                var smile = new SviSmile(OptionYears * Year / (double)Year, 0.2 * 0.2 * OptionYears, 0.01, -0.3, 0, 0.2);
                return engine.OnVolSmile(sequence, m.Time, m.Instrument, smile);
            default:
                throw new InvalidOperationException("No oracle for " + m.Type);
        }
    }

    private static (byte[], SessionMessage) Price(uint future, long price, long time)
    {
        var buffer = new byte[MarketPriceEncoder.Length];
        MarketPriceEncoder.Wrap(buffer).InstrumentId(future).PriceType(MarketPriceType.Mark).Price(price).TransactTime((ulong)time);
        return (buffer, new SessionMessage { Type = MessageType.MarketPrice, Instrument = future, Price = price, Time = time });
    }

    private static (byte[], SessionMessage) Smile(int group)
    {
        var buffer = new byte[128];
        var length = VolSurfaceEncoder.Wrap(buffer).ProductGroupId((uint)group).Form(SurfaceForm.Svi).Expiry((ulong)(OptionYears * Year)).SendingTime(0)
            .SviA(0.2 * 0.2 * OptionYears).SviB(0.01).SviRho(-0.3).SviM(0).SviSigma(0.2).EncodedLength;
        return (buffer.AsSpan(0, length).ToArray(), new SessionMessage { Type = MessageType.VolSurface, Instrument = group == 0 ? 100u : 300u, Time = 0 });
    }

    private static void DefineGroup(List<(byte[], SessionMessage)> list, int group, uint future, uint firstOption, int lowStrike, int strikeStep, double multiplier, long futureTick, long optionTick)
    {
        list.Add(Define((uint)group, future, 0, FutureYears, 0, false, multiplier, futureTick));
        var id = firstOption;
        for (var k = 0; k < 5; k++)
        {
            var strike = (lowStrike + (k * strikeStep)) * 1_000_000_000L;
            list.Add(Define((uint)group, id++, future, OptionYears, strike, true, multiplier, optionTick));
            list.Add(Define((uint)group, id++, future, OptionYears, strike, false, multiplier, optionTick));
        }
    }

    /// <summary>The set-up's definition of group 0's future (id 100), re-sent with another trading state.</summary>
    public static byte[] FutureDefinition(Protocol.Enums.TradingState state) => Define(0, 100, 0, FutureYears, 0, false, 50, 250_000_000, state).Item1;

    private static (byte[], SessionMessage) Define(uint group, uint id, uint underlying, double years, long strike, bool call, double multiplier, long tick, Protocol.Enums.TradingState state = Protocol.Enums.TradingState.Active)
    {
        var buffer = new byte[InstrumentDefinitionEncoder.Length];
        var option = underlying != 0;
        var e = InstrumentDefinitionEncoder.Wrap(buffer).InstrumentId(id).ProductGroupId(group)
            .Kind(option ? Protocol.Enums.InstrumentKind.Option : Protocol.Enums.InstrumentKind.Future)
            .TradingState(state).Expiry((ulong)(long)(years * Year)).TickSize(tick).ContractMultiplier(multiplier);
        if (option)
        {
            e.UnderlyingInstrumentId(underlying).PutCall(call ? PutCall.Call : PutCall.Put).Strike(strike);
        }

        return (buffer, new SessionMessage
        {
            Type = MessageType.InstrumentDefinition,
            Account = group,
            Instrument = id,
            OtherId = underlying,
            Price = option ? strike : 0,
            Side = (byte)(call ? 1 : 0),
            Quantity = (long)multiplier,
            Id = (ulong)tick,
        });
    }

    private void PickInstrument(ref SessionMessage m)
    {
        m.Side = (byte)_random.Next(1, 3);
        m.Quantity = _random.Next(1, 11);
        var group = _random.Next(2);
        if (_random.Next(2) == 0)
        {
            m.Instrument = group == 0 ? 100u : 300u;
            m.Price = _futurePrice[group] + ((_random.Next(41) - 20) * 250_000_000L);
        }
        else
        {
            m.Instrument = (uint)((group == 0 ? 200 : 400) + _random.Next(10));
            var tick = group == 0 ? 50_000_000L : 250_000_000L;
            m.Price = _random.Next(1, 4000) * tick;
        }
    }
}
