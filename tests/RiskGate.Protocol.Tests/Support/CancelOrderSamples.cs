using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Support;

/// <summary>Sample <c>CancelOrder</c> messages: every field set to a distinct value, or the optional ones null.</summary>
public static class CancelOrderSamples
{
    /// <summary>Every field set.</summary>
    public static int EncodeFull(Span<byte> buffer)
    {
        var encoder = CancelOrderEncoder.Wrap(buffer)
            .ClientOrderId(17293822569103425536UL)
            .OriginalClientOrderId(17293822569103425537UL)
            .AccountId(2147486466u)
            .InstrumentId(2147486467u)
            .SendingTime(1790000000000011004UL);
        return encoder.EncodedLength;
    }

    /// <summary>Only required fields set; optional ones left as Wrap initialised them.</summary>
    public static int EncodeRequiredOnly(Span<byte> buffer) => CancelOrderEncoder.Wrap(buffer)
            .ClientOrderId(17293822569103425536UL)
            .OriginalClientOrderId(17293822569103425537UL)
            .AccountId(2147486466u)
            .InstrumentId(2147486467u)
            .SendingTime(1790000000000011004UL)
            .EncodedLength;

    /// <summary>Asserts the message is the full sample.</summary>
    public static void AssertFull(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, CancelOrderDecoder.TryWrap(message, out var d));
        Assert.Equal(17293822569103425536UL, d.ClientOrderId);
        Assert.Equal(17293822569103425537UL, d.OriginalClientOrderId);
        Assert.Equal(2147486466u, d.AccountId);
        Assert.Equal(2147486467u, d.InstrumentId);
        Assert.Equal(1790000000000011004UL, d.SendingTime);
    }

    /// <summary>Asserts the message carries the required sample values and null in every optional field.</summary>
    public static void AssertNulls(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, CancelOrderDecoder.TryWrap(message, out var d));
        Assert.Equal(17293822569103425536UL, d.ClientOrderId);
        Assert.Equal(17293822569103425537UL, d.OriginalClientOrderId);
        Assert.Equal(2147486466u, d.AccountId);
        Assert.Equal(2147486467u, d.InstrumentId);
        Assert.Equal(1790000000000011004UL, d.SendingTime);
    }

    /// <summary>Reads every field (and group entry) into a hash without allocating; 0 when the message does not wrap.</summary>
    public static ulong ReadAll(ReadOnlySpan<byte> message)
    {
        if (CancelOrderDecoder.TryWrap(message, out var d) != FrameStatus.Ok)
        {
            return 0;
        }

        var h = 14695981039346656037UL;
        h = Mix(h, d.ClientOrderId);
        h = Mix(h, d.OriginalClientOrderId);
        h = Mix(h, d.AccountId);
        h = Mix(h, d.InstrumentId);
        h = Mix(h, d.SendingTime);
        return h;
    }

    private static ulong Mix(ulong h, ulong v) => unchecked((h ^ v) * 1099511628211UL);
}
