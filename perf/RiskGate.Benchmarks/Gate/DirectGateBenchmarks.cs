using BenchmarkDotNet.Attributes;
using RiskGate.Engine;
using RiskGate.Engine.Checks;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Orders;
using RiskGate.Engine.Scenarios;
using RiskGate.Gate.Api;
using RiskGate.Gate.Pipeline;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Messages;
using EngineOrderType = RiskGate.Engine.Orders.OrderType;
using EngineSide = RiskGate.Engine.State.OrderSide;
using EngineTif = RiskGate.Engine.Orders.TimeInForce;

namespace RiskGate.Benchmarks.Gate;

/// <summary>
/// Direct mode: one NewOrder (accepted, on a future) and its CancelOrder per operation, as binary messages
/// through <see cref="DirectGate.Submit"/>, against the same two calls made on the engine directly (the
/// baseline): the difference is the gate's decode, mapping and decision conversion.
/// </summary>
[MemoryDiagnoser]
public class DirectGateBenchmarks
{
    private const int Accounts = 64;
    private readonly byte[] _order = new byte[NewOrderEncoder.Length];
    private readonly byte[] _cancel = new byte[CancelOrderEncoder.Length];
    private DirectGate _gate = null!;
    private DirectGate _engineSide = null!;
    private RiskEngine _engine = null!;
    private long _time;
    private ulong _id;

    [GlobalSetup]
    public void Setup()
    {
        _gate = new DirectGate(new GateOptions { Engine = EngineOptions() });
        _engineSide = new DirectGate(new GateOptions { Engine = EngineOptions() });
        _engine = _engineSide.Engine; // same reference data, then called directly
        var buffer = new byte[96];
        Both(buffer, InstrumentDefinitionEncoder.Wrap(buffer).InstrumentId(100).ProductGroupId(0).Kind(global::RiskGate.Protocol.Enums.InstrumentKind.Future)
            .TradingState(global::RiskGate.Protocol.Enums.TradingState.Active).Expiry((ulong)(0.25 * 365 * 86_400 * 1e9)).TickSize(250_000_000).ContractMultiplier(50).EncodedLength);
        Both(buffer, MarketPriceEncoder.Wrap(buffer).InstrumentId(100).PriceType(MarketPriceType.Mark).Price(5000_000_000_000).TransactTime(1).EncodedLength);
        for (var a = 1u; a <= Accounts; a++)
        {
            Both(buffer, AccountLimitsEncoder.Wrap(buffer).AccountId(a).TradingState(global::RiskGate.Protocol.Enums.TradingState.Active).SendingTime(1).EncodedLength);
            Both(buffer, AccountCollateralEncoder.Wrap(buffer).RequestId(a).AccountId(a).Action(global::RiskGate.Protocol.Enums.CollateralAction.Set).Amount(10_000_000L * 10_000).SendingTime(1).EncodedLength);
        }

        _time = 1_000_000_000;
        GateNewCancel(); // fails loudly here if the path does not accept
        EngineNewCancel();
    }

    [Benchmark(Baseline = true)]
    public void EngineNewCancel()
    {
        var account = (uint)(_id % Accounts) + 1;
        _time += 1_000_000;
        var order = new OrderRequest
        {
            Sequence = 1,
            Timestamp = _time,
            AccountId = account,
            InstrumentId = 100,
            ClientOrderId = ++_id,
            Side = EngineSide.Buy,
            Type = EngineOrderType.Limit,
            TimeInForce = EngineTif.GoodTillCancel,
            Quantity = 2,
            Price = 4990_000_000_000,
            ExpireTime = -1,
        };
        var d = _engine.OnNewOrder(in order);
        var c = _engine.OnCancelOrder(2, _time, account, _id, order.InstrumentId);
        if (!d.Accepted || !c.Accepted)
        {
            throw new InvalidOperationException("engine path rejected: " + d.Reason + " / " + c.Reason);
        }
    }

    [Benchmark]
    public void GateNewCancel()
    {
        var account = (uint)(_id % Accounts) + 1;
        _time += 1_000_000;
        var id = ++_id;
        NewOrderEncoder.Wrap(_order).ClientOrderId(id).AccountId(account).InstrumentId(100).Quantity(2).Price(4990_000_000_000)
            .Side(Side.Buy).OrderType(global::RiskGate.Protocol.Enums.OrderType.Limit).TimeInForce(global::RiskGate.Protocol.Enums.TimeInForce.GoodTillCancel).SendingTime((ulong)_time);
        CancelOrderEncoder.Wrap(_cancel).ClientOrderId(id + (1UL << 40)).OriginalClientOrderId(id).AccountId(account).InstrumentId(100).SendingTime((ulong)_time);
        var d = _gate.Submit(_order, _time);
        var c = _gate.Submit(_cancel, _time);
        if (!d.IsAccepted || !c.IsAccepted)
        {
            throw new InvalidOperationException("gate path rejected: " + d.Reason + " / " + c.Reason);
        }
    }

    private static RiskEngineOptions EngineOptions()
    {
        var scan = new ScanParameters(Spans.Default16, 0.06, global::RiskGate.Engine.Scenarios.ScanRangeKind.Relative, 0.25, global::RiskGate.Engine.Scenarios.ScanRangeKind.Relative);
        var margin = new MarginOptions([new GroupRiskParameters(scan, 0, 0)], []);
        var limits = new OrderLimits
        {
            MaxOrderQuantity = 100,
            MaxNotional = 1e12,
            MaxPosition = 1000,
            CollarFraction = 0.05,
            CollarMinimum = 5,
            MaxWorkingOrders = 100,
            MaxOrdersPerWindow = 1000,
            MaxCancelsPerWindow = 1000,
        };
        return new RiskEngineOptions(margin, limits, maxAccounts: Accounts, maxInstruments: 8, maxWorkingOrders: 4096, throttleCapacity: 1000);
    }

    private void Both(byte[] buffer, int length)
    {
        var d = _gate.Submit(buffer.AsSpan(0, length), 0);
        var e = _engineSide.Submit(buffer.AsSpan(0, length), 0);
        if (!d.IsAccepted || !e.IsAccepted)
        {
            throw new InvalidOperationException("setup rejected: " + d.Reason);
        }
    }
}
