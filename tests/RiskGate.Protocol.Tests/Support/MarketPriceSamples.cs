using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Support;

/// <summary>Sample <c>MarketPrice</c> messages: every field set to a distinct value, or the optional ones null.</summary>
public static class MarketPriceSamples
{
    /// <summary>Every field set.</summary>
    public static int EncodeFull(Span<byte> buffer)
    {
        var encoder = MarketPriceEncoder.Wrap(buffer)
            .InstrumentId(2147484672u)
            .PriceType(MarketPriceType.Settlement)
            .Price(4512250004002L)
            .TransactTime(1790000000000004003UL);
        return encoder.EncodedLength;
    }

    /// <summary>Only required fields set; optional ones left as Wrap initialised them.</summary>
    public static int EncodeRequiredOnly(Span<byte> buffer) => MarketPriceEncoder.Wrap(buffer)
            .InstrumentId(2147484672u)
            .PriceType(MarketPriceType.Settlement)
            .Price(4512250004002L)
            .TransactTime(1790000000000004003UL)
            .EncodedLength;

    /// <summary>Asserts the message is the full sample.</summary>
    public static void AssertFull(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, MarketPriceDecoder.TryWrap(message, out var d));
        Assert.Equal(2147484672u, d.InstrumentId);
        Assert.Equal(MarketPriceType.Settlement, d.PriceType);
        Assert.Equal(4512250004002L, d.Price);
        Assert.Equal(1790000000000004003UL, d.TransactTime);
    }

    /// <summary>Asserts the message carries the required sample values and null in every optional field.</summary>
    public static void AssertNulls(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, MarketPriceDecoder.TryWrap(message, out var d));
        Assert.Equal(2147484672u, d.InstrumentId);
        Assert.Equal(MarketPriceType.Settlement, d.PriceType);
        Assert.Equal(4512250004002L, d.Price);
        Assert.Equal(1790000000000004003UL, d.TransactTime);
    }

    /// <summary>Reads every field (and group entry) into a hash without allocating; 0 when the message does not wrap.</summary>
    public static ulong ReadAll(ReadOnlySpan<byte> message)
    {
        if (MarketPriceDecoder.TryWrap(message, out var d) != FrameStatus.Ok)
        {
            return 0;
        }

        var h = 14695981039346656037UL;
        h = Mix(h, d.InstrumentId);
        h = Mix(h, (ulong)d.PriceType);
        h = Mix(h, (ulong)d.Price);
        h = Mix(h, d.TransactTime);
        return h;
    }

    private static ulong Mix(ulong h, ulong v) => unchecked((h ^ v) * 1099511628211UL);
}
