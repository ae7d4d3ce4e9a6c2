using BenchmarkDotNet.Attributes;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Benchmarks.Protocol;

/// <summary>
/// Flyweight codec cost of the order path: encode and decode NewOrder (inbound) and OrderDecision (outbound), and
/// validate-then-dispatch as the gate does. Every operation throws when it fails, so a broken codec cannot report a
/// fast time; <c>CodecBenchmarksTwinTests</c> runs each once.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class CodecBenchmarks
{
    private readonly byte[] _newOrderBuffer = new byte[NewOrderEncoder.Length];
    private readonly byte[] _decisionBuffer = new byte[OrderDecisionEncoder.Length];
    private byte[] _newOrder = [];
    private byte[] _decision = [];
    private ulong _clientOrderId;

    [GlobalSetup]
    public void Setup()
    {
        _newOrder = new byte[NewOrderEncoder.Length];
        EncodeNewOrderInto(_newOrder, 1);
        _decision = new byte[OrderDecisionEncoder.Length];
        EncodeDecisionInto(_decision, 1);
    }

    /// <summary>Writes every field of a limit order.</summary>
    [Benchmark(Baseline = true)]
    public int EncodeNewOrder() => EncodeNewOrderInto(_newOrderBuffer, ++_clientOrderId);

    /// <summary>Validates a NewOrder and reads the fields the risk check reads.</summary>
    [Benchmark]
    public long DecodeNewOrder()
    {
        if (NewOrderDecoder.TryWrap(_newOrder, out var order) != FrameStatus.Ok || order.Side != Side.Buy)
        {
            throw new InvalidOperationException("NewOrder did not decode.");
        }

        return (long)order.ClientOrderId + order.AccountId + order.InstrumentId + order.Quantity + order.Price
            + (long)order.TimeInForce + (long)order.SendingTime;
    }

    /// <summary>Writes every field of a decision.</summary>
    [Benchmark]
    public int EncodeOrderDecision() => EncodeDecisionInto(_decisionBuffer, ++_clientOrderId);

    /// <summary>Validates an OrderDecision and reads every field.</summary>
    [Benchmark]
    public long DecodeOrderDecision()
    {
        if (OrderDecisionDecoder.TryWrap(_decision, out var d) != FrameStatus.Ok || d.Status != DecisionStatus.Rejected)
        {
            throw new InvalidOperationException("OrderDecision did not decode.");
        }

        return (long)d.Sequence + (long)d.InputSequence + (long)d.ClientOrderId + d.AccountId + d.InstrumentId
            + (long)d.RejectReason + d.InitialMarginBefore + d.InitialMarginAfter + d.Equity + d.Excess
            + (long)d.ReceiveTime + (long)d.DecisionTime;
    }

    /// <summary>What the gate does per slot: validate by template, then wrap the matching decoder.</summary>
    [Benchmark]
    public long DispatchNewOrder()
    {
        if (MessageDispatch.Validate(_newOrder, out _) != FrameStatus.Ok
            || !MessageDispatch.TryReadMessageType(_newOrder, out var type)
            || type != MessageType.NewOrder
            || NewOrderDecoder.TryWrap(_newOrder, out var order) != FrameStatus.Ok)
        {
            throw new InvalidOperationException("NewOrder did not dispatch.");
        }

        return order.Quantity;
    }

    private static int EncodeNewOrderInto(byte[] buffer, ulong clientOrderId) =>
        NewOrderEncoder.Wrap(buffer)
            .ClientOrderId(clientOrderId)
            .AccountId(17)
            .InstrumentId(4_001)
            .Quantity(5)
            .Price(4_512_250_000_000)
            .Side(Side.Buy)
            .OrderType(OrderType.Limit)
            .TimeInForce(TimeInForce.Day)
            .SendingTime(1_790_000_000_000_000_000)
            .EncodedLength;

    private static int EncodeDecisionInto(byte[] buffer, ulong clientOrderId) =>
        OrderDecisionEncoder.Wrap(buffer)
            .Sequence(clientOrderId)
            .InputSequence(clientOrderId + 3)
            .ClientOrderId(clientOrderId)
            .AccountId(17)
            .InstrumentId(4_001)
            .Status(DecisionStatus.Rejected)
            .RejectReason(RejectReason.InsufficientMargin)
            .InitialMarginBefore(1_250_000_0000)
            .InitialMarginAfter(1_410_000_0000)
            .Equity(1_300_000_0000)
            .Excess(-110_000_0000)
            .ReceiveTime(1_790_000_000_000_000_000)
            .DecisionTime(1_790_000_000_000_000_350)
            .EncodedLength;
}
