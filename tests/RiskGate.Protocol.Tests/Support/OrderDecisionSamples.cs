using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Support;

/// <summary>Sample <c>OrderDecision</c> messages: every field set to a distinct value, or the optional ones null.</summary>
public static class OrderDecisionSamples
{
    /// <summary>Every field set.</summary>
    public static int EncodeFull(Span<byte> buffer)
    {
        var encoder = OrderDecisionEncoder.Wrap(buffer)
            .Sequence(17293822569109258240UL)
            .InputSequence(17293822569109258241UL)
            .ClientOrderId(17293822569109258242UL)
            .AccountId(2147509251u)
            .InstrumentId(2147509252u)
            .Status(DecisionStatus.Rejected)
            .RejectReason(RejectReason.InsufficientMargin)
            .InitialMarginBefore(-98765532107L)
            .InitialMarginAfter(-98765532108L)
            .Equity(-98765532109L)
            .Excess(-98765532110L)
            .ReceiveTime(1790000000000100011UL)
            .DecisionTime(1790000000000100012UL);
        return encoder.EncodedLength;
    }

    /// <summary>Only required fields set; optional ones left as Wrap initialised them.</summary>
    public static int EncodeRequiredOnly(Span<byte> buffer) => OrderDecisionEncoder.Wrap(buffer)
            .Sequence(17293822569109258240UL)
            .InputSequence(17293822569109258241UL)
            .ClientOrderId(17293822569109258242UL)
            .AccountId(2147509251u)
            .Status(DecisionStatus.Rejected)
            .RejectReason(RejectReason.InsufficientMargin)
            .ReceiveTime(1790000000000100011UL)
            .DecisionTime(1790000000000100012UL)
            .EncodedLength;

    /// <summary>Sets required fields to the full sample's values and every optional field explicitly to null.</summary>
    public static int EncodeExplicitNulls(Span<byte> buffer) => OrderDecisionEncoder.Wrap(buffer)
            .Sequence(17293822569109258240UL)
            .InputSequence(17293822569109258241UL)
            .ClientOrderId(17293822569109258242UL)
            .AccountId(2147509251u)
            .InstrumentId(WireNull.Id)
            .Status(DecisionStatus.Rejected)
            .RejectReason(RejectReason.InsufficientMargin)
            .InitialMarginBefore(WireNull.Money)
            .InitialMarginAfter(WireNull.Money)
            .Equity(WireNull.Money)
            .Excess(WireNull.Money)
            .ReceiveTime(1790000000000100011UL)
            .DecisionTime(1790000000000100012UL)
            .EncodedLength;

    /// <summary>Asserts the message is the full sample.</summary>
    public static void AssertFull(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, OrderDecisionDecoder.TryWrap(message, out var d));
        Assert.Equal(17293822569109258240UL, d.Sequence);
        Assert.Equal(17293822569109258241UL, d.InputSequence);
        Assert.Equal(17293822569109258242UL, d.ClientOrderId);
        Assert.Equal(2147509251u, d.AccountId);
        Assert.Equal(2147509252u, d.InstrumentId);
        Assert.Equal(DecisionStatus.Rejected, d.Status);
        Assert.Equal(RejectReason.InsufficientMargin, d.RejectReason);
        Assert.Equal(-98765532107L, d.InitialMarginBefore);
        Assert.Equal(-98765532108L, d.InitialMarginAfter);
        Assert.Equal(-98765532109L, d.Equity);
        Assert.Equal(-98765532110L, d.Excess);
        Assert.Equal(1790000000000100011UL, d.ReceiveTime);
        Assert.Equal(1790000000000100012UL, d.DecisionTime);
    }

    /// <summary>Asserts the message carries the required sample values and null in every optional field.</summary>
    public static void AssertNulls(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, OrderDecisionDecoder.TryWrap(message, out var d));
        Assert.Equal(17293822569109258240UL, d.Sequence);
        Assert.Equal(17293822569109258241UL, d.InputSequence);
        Assert.Equal(17293822569109258242UL, d.ClientOrderId);
        Assert.Equal(2147509251u, d.AccountId);
        Assert.Equal(WireNull.Id, d.InstrumentId);
        Assert.Equal(DecisionStatus.Rejected, d.Status);
        Assert.Equal(RejectReason.InsufficientMargin, d.RejectReason);
        Assert.Equal(WireNull.Money, d.InitialMarginBefore);
        Assert.Equal(WireNull.Money, d.InitialMarginAfter);
        Assert.Equal(WireNull.Money, d.Equity);
        Assert.Equal(WireNull.Money, d.Excess);
        Assert.Equal(1790000000000100011UL, d.ReceiveTime);
        Assert.Equal(1790000000000100012UL, d.DecisionTime);
    }

    /// <summary>Reads every field (and group entry) into a hash without allocating; 0 when the message does not wrap.</summary>
    public static ulong ReadAll(ReadOnlySpan<byte> message)
    {
        if (OrderDecisionDecoder.TryWrap(message, out var d) != FrameStatus.Ok)
        {
            return 0;
        }

        var h = 14695981039346656037UL;
        h = Mix(h, d.Sequence);
        h = Mix(h, d.InputSequence);
        h = Mix(h, d.ClientOrderId);
        h = Mix(h, d.AccountId);
        h = Mix(h, d.InstrumentId);
        h = Mix(h, (ulong)d.Status);
        h = Mix(h, (ulong)d.RejectReason);
        h = Mix(h, (ulong)d.InitialMarginBefore);
        h = Mix(h, (ulong)d.InitialMarginAfter);
        h = Mix(h, (ulong)d.Equity);
        h = Mix(h, (ulong)d.Excess);
        h = Mix(h, d.ReceiveTime);
        h = Mix(h, d.DecisionTime);
        return h;
    }

    private static ulong Mix(ulong h, ulong v) => unchecked((h ^ v) * 1099511628211UL);
}
