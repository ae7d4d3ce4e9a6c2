using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Support;

/// <summary>Sample <c>TradingControl</c> messages: every field set to a distinct value, or the optional ones null.</summary>
public static class TradingControlSamples
{
    /// <summary>Every field set.</summary>
    public static int EncodeFull(Span<byte> buffer)
    {
        var encoder = TradingControlEncoder.Wrap(buffer)
            .RequestId(17293822569104015360UL)
            .AccountId(2147488769u)
            .ProductGroupId(2147488770u)
            .SendingTime(1790000000000020003UL)
            .Scope(ControlScope.AccountProductGroup)
            .State(TradingState.Halted)
            .CancelWorkingOrders(BooleanType.True);
        return encoder.EncodedLength;
    }

    /// <summary>Only required fields set; optional ones left as Wrap initialised them.</summary>
    public static int EncodeRequiredOnly(Span<byte> buffer) => TradingControlEncoder.Wrap(buffer)
            .RequestId(17293822569104015360UL)
            .SendingTime(1790000000000020003UL)
            .Scope(ControlScope.AccountProductGroup)
            .State(TradingState.Halted)
            .CancelWorkingOrders(BooleanType.True)
            .EncodedLength;

    /// <summary>Sets required fields to the full sample's values and every optional field explicitly to null.</summary>
    public static int EncodeExplicitNulls(Span<byte> buffer) => TradingControlEncoder.Wrap(buffer)
            .RequestId(17293822569104015360UL)
            .AccountId(WireNull.Id)
            .ProductGroupId(WireNull.Id)
            .SendingTime(1790000000000020003UL)
            .Scope(ControlScope.AccountProductGroup)
            .State(TradingState.Halted)
            .CancelWorkingOrders(BooleanType.True)
            .EncodedLength;

    /// <summary>Asserts the message is the full sample.</summary>
    public static void AssertFull(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, TradingControlDecoder.TryWrap(message, out var d));
        Assert.Equal(17293822569104015360UL, d.RequestId);
        Assert.Equal(2147488769u, d.AccountId);
        Assert.Equal(2147488770u, d.ProductGroupId);
        Assert.Equal(1790000000000020003UL, d.SendingTime);
        Assert.Equal(ControlScope.AccountProductGroup, d.Scope);
        Assert.Equal(TradingState.Halted, d.State);
        Assert.Equal(BooleanType.True, d.CancelWorkingOrders);
    }

    /// <summary>Asserts the message carries the required sample values and null in every optional field.</summary>
    public static void AssertNulls(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, TradingControlDecoder.TryWrap(message, out var d));
        Assert.Equal(17293822569104015360UL, d.RequestId);
        Assert.Equal(WireNull.Id, d.AccountId);
        Assert.Equal(WireNull.Id, d.ProductGroupId);
        Assert.Equal(1790000000000020003UL, d.SendingTime);
        Assert.Equal(ControlScope.AccountProductGroup, d.Scope);
        Assert.Equal(TradingState.Halted, d.State);
        Assert.Equal(BooleanType.True, d.CancelWorkingOrders);
    }

    /// <summary>Reads every field (and group entry) into a hash without allocating; 0 when the message does not wrap.</summary>
    public static ulong ReadAll(ReadOnlySpan<byte> message)
    {
        if (TradingControlDecoder.TryWrap(message, out var d) != FrameStatus.Ok)
        {
            return 0;
        }

        var h = 14695981039346656037UL;
        h = Mix(h, d.RequestId);
        h = Mix(h, d.AccountId);
        h = Mix(h, d.ProductGroupId);
        h = Mix(h, d.SendingTime);
        h = Mix(h, (ulong)d.Scope);
        h = Mix(h, (ulong)d.State);
        h = Mix(h, (ulong)d.CancelWorkingOrders);
        return h;
    }

    private static ulong Mix(ulong h, ulong v) => unchecked((h ^ v) * 1099511628211UL);
}
