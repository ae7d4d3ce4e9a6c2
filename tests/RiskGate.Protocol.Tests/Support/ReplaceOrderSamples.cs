using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Support;

/// <summary>Sample <c>ReplaceOrder</c> messages: every field set to a distinct value, or the optional ones null.</summary>
public static class ReplaceOrderSamples
{
    /// <summary>Every field set.</summary>
    public static int EncodeFull(Span<byte> buffer)
    {
        var encoder = ReplaceOrderEncoder.Wrap(buffer)
            .ClientOrderId(17293822569103491072UL)
            .OriginalClientOrderId(17293822569103491073UL)
            .AccountId(2147486722u)
            .InstrumentId(2147486723u)
            .Quantity(1124L)
            .Price(4512250012005L)
            .Side(Side.Sell)
            .SendingTime(1790000000000012007UL);
        return encoder.EncodedLength;
    }

    /// <summary>Only required fields set; optional ones left as Wrap initialised them.</summary>
    public static int EncodeRequiredOnly(Span<byte> buffer) => ReplaceOrderEncoder.Wrap(buffer)
            .ClientOrderId(17293822569103491072UL)
            .OriginalClientOrderId(17293822569103491073UL)
            .AccountId(2147486722u)
            .InstrumentId(2147486723u)
            .Quantity(1124L)
            .Side(Side.Sell)
            .SendingTime(1790000000000012007UL)
            .EncodedLength;

    /// <summary>Sets required fields to the full sample's values and every optional field explicitly to null.</summary>
    public static int EncodeExplicitNulls(Span<byte> buffer) => ReplaceOrderEncoder.Wrap(buffer)
            .ClientOrderId(17293822569103491072UL)
            .OriginalClientOrderId(17293822569103491073UL)
            .AccountId(2147486722u)
            .InstrumentId(2147486723u)
            .Quantity(1124L)
            .Price(WireNull.Price)
            .Side(Side.Sell)
            .SendingTime(1790000000000012007UL)
            .EncodedLength;

    /// <summary>Asserts the message is the full sample.</summary>
    public static void AssertFull(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, ReplaceOrderDecoder.TryWrap(message, out var d));
        Assert.Equal(17293822569103491072UL, d.ClientOrderId);
        Assert.Equal(17293822569103491073UL, d.OriginalClientOrderId);
        Assert.Equal(2147486722u, d.AccountId);
        Assert.Equal(2147486723u, d.InstrumentId);
        Assert.Equal(1124L, d.Quantity);
        Assert.Equal(4512250012005L, d.Price);
        Assert.Equal(Side.Sell, d.Side);
        Assert.Equal(1790000000000012007UL, d.SendingTime);
    }

    /// <summary>Asserts the message carries the required sample values and null in every optional field.</summary>
    public static void AssertNulls(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, ReplaceOrderDecoder.TryWrap(message, out var d));
        Assert.Equal(17293822569103491072UL, d.ClientOrderId);
        Assert.Equal(17293822569103491073UL, d.OriginalClientOrderId);
        Assert.Equal(2147486722u, d.AccountId);
        Assert.Equal(2147486723u, d.InstrumentId);
        Assert.Equal(1124L, d.Quantity);
        Assert.Equal(WireNull.Price, d.Price);
        Assert.Equal(Side.Sell, d.Side);
        Assert.Equal(1790000000000012007UL, d.SendingTime);
    }

    /// <summary>Reads every field (and group entry) into a hash without allocating; 0 when the message does not wrap.</summary>
    public static ulong ReadAll(ReadOnlySpan<byte> message)
    {
        if (ReplaceOrderDecoder.TryWrap(message, out var d) != FrameStatus.Ok)
        {
            return 0;
        }

        var h = 14695981039346656037UL;
        h = Mix(h, d.ClientOrderId);
        h = Mix(h, d.OriginalClientOrderId);
        h = Mix(h, d.AccountId);
        h = Mix(h, d.InstrumentId);
        h = Mix(h, (ulong)d.Quantity);
        h = Mix(h, (ulong)d.Price);
        h = Mix(h, (ulong)d.Side);
        h = Mix(h, d.SendingTime);
        return h;
    }

    private static ulong Mix(ulong h, ulong v) => unchecked((h ^ v) * 1099511628211UL);
}
