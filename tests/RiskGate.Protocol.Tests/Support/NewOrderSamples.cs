using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Support;

/// <summary>Sample <c>NewOrder</c> messages: every field set to a distinct value, or the optional ones null.</summary>
public static class NewOrderSamples
{
    /// <summary>Every field set.</summary>
    public static int EncodeFull(Span<byte> buffer)
    {
        var encoder = NewOrderEncoder.Wrap(buffer)
            .ClientOrderId(17293822569103360000UL)
            .AccountId(2147486209u)
            .InstrumentId(2147486210u)
            .Quantity(1103L)
            .Price(4512250010004L)
            .Side(Side.Sell)
            .OrderType(OrderType.Market)
            .TimeInForce(TimeInForce.GoodTillDate)
            .SendingTime(1790000000000010008UL)
            .ExpireTime(1790000000000010009UL);
        return encoder.EncodedLength;
    }

    /// <summary>Only required fields set; optional ones left as Wrap initialised them.</summary>
    public static int EncodeRequiredOnly(Span<byte> buffer) => NewOrderEncoder.Wrap(buffer)
            .ClientOrderId(17293822569103360000UL)
            .AccountId(2147486209u)
            .InstrumentId(2147486210u)
            .Quantity(1103L)
            .Side(Side.Sell)
            .OrderType(OrderType.Market)
            .TimeInForce(TimeInForce.GoodTillDate)
            .SendingTime(1790000000000010008UL)
            .EncodedLength;

    /// <summary>Sets required fields to the full sample's values and every optional field explicitly to null.</summary>
    public static int EncodeExplicitNulls(Span<byte> buffer) => NewOrderEncoder.Wrap(buffer)
            .ClientOrderId(17293822569103360000UL)
            .AccountId(2147486209u)
            .InstrumentId(2147486210u)
            .Quantity(1103L)
            .Price(WireNull.Price)
            .Side(Side.Sell)
            .OrderType(OrderType.Market)
            .TimeInForce(TimeInForce.GoodTillDate)
            .SendingTime(1790000000000010008UL)
            .ExpireTime(WireNull.Timestamp)
            .EncodedLength;

    /// <summary>Asserts the message is the full sample.</summary>
    public static void AssertFull(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, NewOrderDecoder.TryWrap(message, out var d));
        Assert.Equal(17293822569103360000UL, d.ClientOrderId);
        Assert.Equal(2147486209u, d.AccountId);
        Assert.Equal(2147486210u, d.InstrumentId);
        Assert.Equal(1103L, d.Quantity);
        Assert.Equal(4512250010004L, d.Price);
        Assert.Equal(Side.Sell, d.Side);
        Assert.Equal(OrderType.Market, d.OrderType);
        Assert.Equal(TimeInForce.GoodTillDate, d.TimeInForce);
        Assert.Equal(1790000000000010008UL, d.SendingTime);
        Assert.Equal(1790000000000010009UL, d.ExpireTime);
    }

    /// <summary>Asserts the message carries the required sample values and null in every optional field.</summary>
    public static void AssertNulls(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, NewOrderDecoder.TryWrap(message, out var d));
        Assert.Equal(17293822569103360000UL, d.ClientOrderId);
        Assert.Equal(2147486209u, d.AccountId);
        Assert.Equal(2147486210u, d.InstrumentId);
        Assert.Equal(1103L, d.Quantity);
        Assert.Equal(WireNull.Price, d.Price);
        Assert.Equal(Side.Sell, d.Side);
        Assert.Equal(OrderType.Market, d.OrderType);
        Assert.Equal(TimeInForce.GoodTillDate, d.TimeInForce);
        Assert.Equal(1790000000000010008UL, d.SendingTime);
        Assert.Equal(WireNull.Timestamp, d.ExpireTime);
    }

    /// <summary>Reads every field (and group entry) into a hash without allocating; 0 when the message does not wrap.</summary>
    public static ulong ReadAll(ReadOnlySpan<byte> message)
    {
        if (NewOrderDecoder.TryWrap(message, out var d) != FrameStatus.Ok)
        {
            return 0;
        }

        var h = 14695981039346656037UL;
        h = Mix(h, d.ClientOrderId);
        h = Mix(h, d.AccountId);
        h = Mix(h, d.InstrumentId);
        h = Mix(h, (ulong)d.Quantity);
        h = Mix(h, (ulong)d.Price);
        h = Mix(h, (ulong)d.Side);
        h = Mix(h, (ulong)d.OrderType);
        h = Mix(h, (ulong)d.TimeInForce);
        h = Mix(h, d.SendingTime);
        h = Mix(h, d.ExpireTime);
        return h;
    }

    private static ulong Mix(ulong h, ulong v) => unchecked((h ^ v) * 1099511628211UL);
}
