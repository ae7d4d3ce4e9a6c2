using System.Threading.Channels;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Scenarios;
using RiskGate.Host.Simulate;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Messages;

namespace RiskGate.Perf.Gate;

/// <summary>
/// The gate a .NET developer would write first, as the harness's baseline: every message copied into a
/// new array and written to an unbounded <see cref="Channel{T}"/>; one reader task decodes it, keeps
/// accounts and orders in <see cref="Dictionary{TKey, TValue}"/>s of objects and margins every order by
/// full revaluation (<see cref="MarginCalculator.ComputeFullRevaluation"/> then
/// <see cref="MarginCalculator.EvaluateOrder"/>), the same reference margin the engine is tested against.
/// Producers: any thread; the decision callback (input index, intended send time, accepted) runs on the reader task.
/// </summary>
internal sealed class BaselineGate
{
    private readonly Channel<Item> _channel = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<uint, int> _instrumentIndex = [];
    private readonly Dictionary<uint, Portfolio> _accounts = [];
    private readonly Dictionary<(uint Account, ulong ClientOrderId), Order> _orders = [];
    private readonly InstrumentTable _table;
    private readonly MarketSnapshot _market;
    private readonly MarginCalculator _calculator;
    private readonly RiskArrayTable _arrays;
    private readonly MarginOptions _margin;
    private readonly MarginBreakdown _before;
    private readonly Action<long, long, bool> _onDecision;
    private readonly Task _reader;

    /// <summary>Builds the product set of <paramref name="universe"/> and starts the reader task.</summary>
    public BaselineGate(SessionUniverse universe, Action<long, long, bool> onDecision)
    {
        _onDecision = onDecision;
        _table = new InstrumentTable(universe.Instruments.Count, universe.GroupCount);
        var futureIndex = new int[universe.Futures.Count];
        foreach (var s in universe.Instruments)
        {
            var years = (s.ExpiryNanoseconds - SessionUniverse.Start) / (365.0 * SessionUniverse.Day);
            var index = s.Kind == Engine.Instruments.InstrumentKind.Future
                ? futureIndex[s.FutureSlot] = _table.AddFuture(s.Group, years, s.Multiplier, s.Tick)
                : _table.AddOption(futureIndex[s.FutureSlot], s.IsCall, s.Strike, years, s.Multiplier, s.Tick);
            _instrumentIndex[s.Id] = index;
        }

        _market = new MarketSnapshot(_table.Capacity);
        for (var f = 0; f < universe.Futures.Count; f++)
        {
            _market.SetPrice(futureIndex[f], universe.InitialPrice(f));
            if (universe.OptionCount(f) > 0)
            {
                var smile = universe.Smile(f).ToSmile();
                for (var o = 0; o < universe.OptionCount(f); o++)
                {
                    _market.SetSmile(_instrumentIndex[universe.Instruments[universe.FirstOption(f) + o].Id], smile);
                }
            }
        }

        _margin = universe.Margin;
        _arrays = new RiskArrayTable(_table, _margin.MaxNodes);
        _calculator = new MarginCalculator(_table, _arrays, _margin);
        _calculator.Revalue(_market);
        _before = _calculator.CreateBreakdown();
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Copies the message and queues it; never blocks (the channel is unbounded).</summary>
    public void Submit(ReadOnlySpan<byte> message, long index, long intendedNs) => _channel.Writer.TryWrite(new Item(message.ToArray(), index, intendedNs));

    /// <summary>No more messages; waits until every queued message is decided.</summary>
    public void Complete()
    {
        _channel.Writer.Complete();
        _reader.GetAwaiter().GetResult();
    }

    private async Task ReadAsync()
    {
        await foreach (var item in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            _onDecision(item.Index, item.IntendedNs, Decide(item.Message));
        }
    }

    private bool Decide(byte[] message)
    {
        if (!MessageDispatch.TryReadMessageType(message, out var type))
        {
            return false;
        }

        switch (type)
        {
            case MessageType.NewOrder:
                {
                    if (NewOrderDecoder.TryWrap(message, out var d) != Protocol.Framing.FrameStatus.Ok)
                    {
                        return false;
                    }

                    var ok = Check(d.AccountId, d.InstrumentId, d.Side, d.Quantity, d.Price);
                    if (ok && d.TimeInForce != Protocol.Enums.TimeInForce.ImmediateOrCancel)
                    {
                        _orders[(d.AccountId, d.ClientOrderId)] = new Order(d.InstrumentId, d.Side, d.Quantity);
                    }

                    return ok;
                }

            case MessageType.ReplaceOrder:
                {
                    if (ReplaceOrderDecoder.TryWrap(message, out var d) != Protocol.Framing.FrameStatus.Ok
                        || !_orders.Remove((d.AccountId, d.OriginalClientOrderId), out var old))
                    {
                        return false;
                    }

                    var ok = Check(d.AccountId, d.InstrumentId, d.Side, d.Quantity, d.Price);
                    _orders[(d.AccountId, ok ? d.ClientOrderId : d.OriginalClientOrderId)] = ok ? new Order(d.InstrumentId, d.Side, d.Quantity) : old;
                    return ok;
                }

            case MessageType.CancelOrder:
                return CancelOrderDecoder.TryWrap(message, out var c) == Protocol.Framing.FrameStatus.Ok && _orders.Remove((c.AccountId, c.OriginalClientOrderId));
            case MessageType.Fill:
                {
                    if (FillDecoder.TryWrap(message, out var f) != Protocol.Framing.FrameStatus.Ok
                        || !_orders.TryGetValue((f.AccountId, f.ClientOrderId), out var order)
                        || !_accounts.TryGetValue(f.AccountId, out var portfolio))
                    {
                        return false;
                    }

                    portfolio.Trade(_instrumentIndex[f.InstrumentId], f.Side == Side.Buy ? f.Quantity : -f.Quantity, f.Price * 1e-9);
                    var leaves = order.Leaves - f.Quantity;
                    if (leaves <= 0)
                    {
                        _orders.Remove((f.AccountId, f.ClientOrderId));
                    }
                    else
                    {
                        _orders[(f.AccountId, f.ClientOrderId)] = order with { Leaves = leaves };
                    }

                    return true;
                }

            case MessageType.MarketPrice:
                {
                    if (MarketPriceDecoder.TryWrap(message, out var m) != Protocol.Framing.FrameStatus.Ok || !_instrumentIndex.TryGetValue(m.InstrumentId, out var i))
                    {
                        return false;
                    }

                    _market.SetPrice(i, m.Price * 1e-9);
                    return true;
                }

            case MessageType.AccountCollateral:
                {
                    if (AccountCollateralDecoder.TryWrap(message, out var a) != Protocol.Framing.FrameStatus.Ok)
                    {
                        return false;
                    }

                    if (!_accounts.TryGetValue(a.AccountId, out var portfolio))
                    {
                        portfolio = new Portfolio(_table);
                        _accounts[a.AccountId] = portfolio;
                    }

                    var amount = a.Amount * 1e-4;
                    portfolio.Cash = a.Action switch
                    {
                        Protocol.Enums.CollateralAction.Set => amount,
                        Protocol.Enums.CollateralAction.Deposit => portfolio.Cash + amount,
                        _ => portfolio.Cash - amount,
                    };
                    return true;
                }

            default:
                return true;
        }
    }

    private bool Check(uint account, uint instrumentId, Side side, long quantity, long price)
    {
        if (!_accounts.TryGetValue(account, out var portfolio) || !_instrumentIndex.TryGetValue(instrumentId, out var instrument) || quantity <= 0)
        {
            return false;
        }

        _calculator.ComputeFullRevaluation(portfolio, _market, _before);
        _arrays.Build(instrument, _margin.Groups[_table[instrument].Group].Scan, _market);
        var signed = side == Side.Buy ? quantity : -quantity;
        return _calculator.EvaluateOrder(portfolio, _market, _before, instrument, signed, price * 1e-9).Accepted;
    }

    private readonly record struct Item(byte[] Message, long Index, long IntendedNs);

    private readonly record struct Order(uint InstrumentId, Side Side, long Leaves);
}
