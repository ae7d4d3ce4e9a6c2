using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Support;

/// <summary>Sample <c>AccountLimits</c> messages: every field set to a distinct value, or the optional ones null.</summary>
public static class AccountLimitsSamples
{
    /// <summary>Every field set.</summary>
    public static int EncodeFull(Span<byte> buffer)
    {
        var encoder = AccountLimitsEncoder.Wrap(buffer)
            .AccountId(2147485184u)
            .ProductGroupId(2147485185u)
            .InstrumentId(2147485186u)
            .MaxWorkingOrders(2147485187u)
            .MaxOrderQuantity(1064L)
            .MaxNotional(-98765438105L)
            .PositionLimit(1066L)
            .ThrottleMessages(2147485191u)
            .TradingState(TradingState.Halted)
            .ThrottleWindow(1790000000000006009UL)
            .SendingTime(1790000000000006010UL);
        return encoder.EncodedLength;
    }

    /// <summary>Only required fields set; optional ones left as Wrap initialised them.</summary>
    public static int EncodeRequiredOnly(Span<byte> buffer) => AccountLimitsEncoder.Wrap(buffer)
            .AccountId(2147485184u)
            .SendingTime(1790000000000006010UL)
            .EncodedLength;

    /// <summary>Sets required fields to the full sample's values and every optional field explicitly to null.</summary>
    public static int EncodeExplicitNulls(Span<byte> buffer) => AccountLimitsEncoder.Wrap(buffer)
            .AccountId(2147485184u)
            .ProductGroupId(WireNull.Id)
            .InstrumentId(WireNull.Id)
            .MaxWorkingOrders(WireNull.Id)
            .MaxOrderQuantity(WireNull.Quantity)
            .MaxNotional(WireNull.Money)
            .PositionLimit(WireNull.Quantity)
            .ThrottleMessages(WireNull.Id)
            .TradingState(TradingState.None)
            .ThrottleWindow(WireNull.Duration)
            .SendingTime(1790000000000006010UL)
            .EncodedLength;

    /// <summary>Asserts the message is the full sample.</summary>
    public static void AssertFull(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, AccountLimitsDecoder.TryWrap(message, out var d));
        Assert.Equal(2147485184u, d.AccountId);
        Assert.Equal(2147485185u, d.ProductGroupId);
        Assert.Equal(2147485186u, d.InstrumentId);
        Assert.Equal(2147485187u, d.MaxWorkingOrders);
        Assert.Equal(1064L, d.MaxOrderQuantity);
        Assert.Equal(-98765438105L, d.MaxNotional);
        Assert.Equal(1066L, d.PositionLimit);
        Assert.Equal(2147485191u, d.ThrottleMessages);
        Assert.Equal(TradingState.Halted, d.TradingState);
        Assert.Equal(1790000000000006009UL, d.ThrottleWindow);
        Assert.Equal(1790000000000006010UL, d.SendingTime);
    }

    /// <summary>Asserts the message carries the required sample values and null in every optional field.</summary>
    public static void AssertNulls(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, AccountLimitsDecoder.TryWrap(message, out var d));
        Assert.Equal(2147485184u, d.AccountId);
        Assert.Equal(WireNull.Id, d.ProductGroupId);
        Assert.Equal(WireNull.Id, d.InstrumentId);
        Assert.Equal(WireNull.Id, d.MaxWorkingOrders);
        Assert.Equal(WireNull.Quantity, d.MaxOrderQuantity);
        Assert.Equal(WireNull.Money, d.MaxNotional);
        Assert.Equal(WireNull.Quantity, d.PositionLimit);
        Assert.Equal(WireNull.Id, d.ThrottleMessages);
        Assert.Equal(TradingState.None, d.TradingState);
        Assert.Equal(WireNull.Duration, d.ThrottleWindow);
        Assert.Equal(1790000000000006010UL, d.SendingTime);
    }

    /// <summary>Reads every field (and group entry) into a hash without allocating; 0 when the message does not wrap.</summary>
    public static ulong ReadAll(ReadOnlySpan<byte> message)
    {
        if (AccountLimitsDecoder.TryWrap(message, out var d) != FrameStatus.Ok)
        {
            return 0;
        }

        var h = 14695981039346656037UL;
        h = Mix(h, d.AccountId);
        h = Mix(h, d.ProductGroupId);
        h = Mix(h, d.InstrumentId);
        h = Mix(h, d.MaxWorkingOrders);
        h = Mix(h, (ulong)d.MaxOrderQuantity);
        h = Mix(h, (ulong)d.MaxNotional);
        h = Mix(h, (ulong)d.PositionLimit);
        h = Mix(h, d.ThrottleMessages);
        h = Mix(h, (ulong)d.TradingState);
        h = Mix(h, d.ThrottleWindow);
        h = Mix(h, d.SendingTime);
        return h;
    }

    private static ulong Mix(ulong h, ulong v) => unchecked((h ^ v) * 1099511628211UL);
}
