using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Support;

/// <summary>Sample <c>AccountCollateral</c> messages: every field set to a distinct value, or the optional ones null.</summary>
public static class AccountCollateralSamples
{
    /// <summary>Every field set.</summary>
    public static int EncodeFull(Span<byte> buffer)
    {
        var encoder = AccountCollateralEncoder.Wrap(buffer)
            .RequestId(17293822569103032320UL)
            .AccountId(2147484929u)
            .Action(CollateralAction.Set)
            .Amount(-98765437103L)
            .SendingTime(1790000000000005004UL);
        return encoder.EncodedLength;
    }

    /// <summary>Only required fields set; optional ones left as Wrap initialised them.</summary>
    public static int EncodeRequiredOnly(Span<byte> buffer) => AccountCollateralEncoder.Wrap(buffer)
            .RequestId(17293822569103032320UL)
            .AccountId(2147484929u)
            .Action(CollateralAction.Set)
            .Amount(-98765437103L)
            .SendingTime(1790000000000005004UL)
            .EncodedLength;

    /// <summary>Asserts the message is the full sample.</summary>
    public static void AssertFull(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, AccountCollateralDecoder.TryWrap(message, out var d));
        Assert.Equal(17293822569103032320UL, d.RequestId);
        Assert.Equal(2147484929u, d.AccountId);
        Assert.Equal(CollateralAction.Set, d.Action);
        Assert.Equal(-98765437103L, d.Amount);
        Assert.Equal(1790000000000005004UL, d.SendingTime);
    }

    /// <summary>Asserts the message carries the required sample values and null in every optional field.</summary>
    public static void AssertNulls(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, AccountCollateralDecoder.TryWrap(message, out var d));
        Assert.Equal(17293822569103032320UL, d.RequestId);
        Assert.Equal(2147484929u, d.AccountId);
        Assert.Equal(CollateralAction.Set, d.Action);
        Assert.Equal(-98765437103L, d.Amount);
        Assert.Equal(1790000000000005004UL, d.SendingTime);
    }

    /// <summary>Reads every field (and group entry) into a hash without allocating; 0 when the message does not wrap.</summary>
    public static ulong ReadAll(ReadOnlySpan<byte> message)
    {
        if (AccountCollateralDecoder.TryWrap(message, out var d) != FrameStatus.Ok)
        {
            return 0;
        }

        var h = 14695981039346656037UL;
        h = Mix(h, d.RequestId);
        h = Mix(h, d.AccountId);
        h = Mix(h, (ulong)d.Action);
        h = Mix(h, (ulong)d.Amount);
        h = Mix(h, d.SendingTime);
        return h;
    }

    private static ulong Mix(ulong h, ulong v) => unchecked((h ^ v) * 1099511628211UL);
}
