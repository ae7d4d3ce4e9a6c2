using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Support;

/// <summary>Sample <c>AccountAlert</c> messages: every field set to a distinct value, or the optional ones null.</summary>
public static class AccountAlertSamples
{
    /// <summary>Every field set.</summary>
    public static int EncodeFull(Span<byte> buffer)
    {
        var encoder = AccountAlertEncoder.Wrap(buffer)
            .Sequence(17293822569109323776UL)
            .AccountId(2147509505u)
            .Kind(AlertKind.OrdersCancelledByKillSwitch)
            .TradingState(TradingState.Halted)
            .Equity(-98765533104L)
            .MaintenanceMargin(-98765533105L)
            .InitialMargin(-98765533106L)
            .TransactTime(1790000000000101007UL);
        return encoder.EncodedLength;
    }

    /// <summary>Only required fields set; optional ones left as Wrap initialised them.</summary>
    public static int EncodeRequiredOnly(Span<byte> buffer) => AccountAlertEncoder.Wrap(buffer)
            .Sequence(17293822569109323776UL)
            .AccountId(2147509505u)
            .Kind(AlertKind.OrdersCancelledByKillSwitch)
            .TradingState(TradingState.Halted)
            .Equity(-98765533104L)
            .MaintenanceMargin(-98765533105L)
            .InitialMargin(-98765533106L)
            .TransactTime(1790000000000101007UL)
            .EncodedLength;

    /// <summary>Asserts the message is the full sample.</summary>
    public static void AssertFull(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, AccountAlertDecoder.TryWrap(message, out var d));
        Assert.Equal(17293822569109323776UL, d.Sequence);
        Assert.Equal(2147509505u, d.AccountId);
        Assert.Equal(AlertKind.OrdersCancelledByKillSwitch, d.Kind);
        Assert.Equal(TradingState.Halted, d.TradingState);
        Assert.Equal(-98765533104L, d.Equity);
        Assert.Equal(-98765533105L, d.MaintenanceMargin);
        Assert.Equal(-98765533106L, d.InitialMargin);
        Assert.Equal(1790000000000101007UL, d.TransactTime);
    }

    /// <summary>Asserts the message carries the required sample values and null in every optional field.</summary>
    public static void AssertNulls(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, AccountAlertDecoder.TryWrap(message, out var d));
        Assert.Equal(17293822569109323776UL, d.Sequence);
        Assert.Equal(2147509505u, d.AccountId);
        Assert.Equal(AlertKind.OrdersCancelledByKillSwitch, d.Kind);
        Assert.Equal(TradingState.Halted, d.TradingState);
        Assert.Equal(-98765533104L, d.Equity);
        Assert.Equal(-98765533105L, d.MaintenanceMargin);
        Assert.Equal(-98765533106L, d.InitialMargin);
        Assert.Equal(1790000000000101007UL, d.TransactTime);
    }

    /// <summary>Reads every field (and group entry) into a hash without allocating; 0 when the message does not wrap.</summary>
    public static ulong ReadAll(ReadOnlySpan<byte> message)
    {
        if (AccountAlertDecoder.TryWrap(message, out var d) != FrameStatus.Ok)
        {
            return 0;
        }

        var h = 14695981039346656037UL;
        h = Mix(h, d.Sequence);
        h = Mix(h, d.AccountId);
        h = Mix(h, (ulong)d.Kind);
        h = Mix(h, (ulong)d.TradingState);
        h = Mix(h, (ulong)d.Equity);
        h = Mix(h, (ulong)d.MaintenanceMargin);
        h = Mix(h, (ulong)d.InitialMargin);
        h = Mix(h, d.TransactTime);
        return h;
    }

    private static ulong Mix(ulong h, ulong v) => unchecked((h ^ v) * 1099511628211UL);
}
