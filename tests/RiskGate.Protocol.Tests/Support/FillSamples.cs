using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Support;

/// <summary>Sample <c>Fill</c> messages: every field set to a distinct value, or the optional ones null.</summary>
public static class FillSamples
{
    /// <summary>Every field set.</summary>
    public static int EncodeFull(Span<byte> buffer)
    {
        var encoder = FillEncoder.Wrap(buffer)
            .AccountId(2147486976u)
            .InstrumentId(2147486977u)
            .ClientOrderId(17293822569103556610UL)
            .Quantity(1133L)
            .Price(4512250013004L)
            .Side(Side.Sell)
            .Attributes(FillAttributes.OrderComplete | FillAttributes.Aggressor)
            .ExecId(17293822569103556615UL)
            .TransactTime(1790000000000013008UL)
            .LeavesQuantity(1139L);
        return encoder.EncodedLength;
    }

    /// <summary>Only required fields set; optional ones left as Wrap initialised them.</summary>
    public static int EncodeRequiredOnly(Span<byte> buffer) => FillEncoder.Wrap(buffer)
            .AccountId(2147486976u)
            .InstrumentId(2147486977u)
            .ClientOrderId(17293822569103556610UL)
            .Quantity(1133L)
            .Price(4512250013004L)
            .Side(Side.Sell)
            .ExecId(17293822569103556615UL)
            .TransactTime(1790000000000013008UL)
            .LeavesQuantity(1139L)
            .EncodedLength;

    /// <summary>Sets required fields to the full sample's values and every optional field explicitly to null.</summary>
    public static int EncodeExplicitNulls(Span<byte> buffer) => FillEncoder.Wrap(buffer)
            .AccountId(2147486976u)
            .InstrumentId(2147486977u)
            .ClientOrderId(17293822569103556610UL)
            .Quantity(1133L)
            .Price(4512250013004L)
            .Side(Side.Sell)
            .Attributes(FillAttributes.None)
            .ExecId(17293822569103556615UL)
            .TransactTime(1790000000000013008UL)
            .LeavesQuantity(1139L)
            .EncodedLength;

    /// <summary>Asserts the message is the full sample.</summary>
    public static void AssertFull(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, FillDecoder.TryWrap(message, out var d));
        Assert.Equal(2147486976u, d.AccountId);
        Assert.Equal(2147486977u, d.InstrumentId);
        Assert.Equal(17293822569103556610UL, d.ClientOrderId);
        Assert.Equal(1133L, d.Quantity);
        Assert.Equal(4512250013004L, d.Price);
        Assert.Equal(Side.Sell, d.Side);
        Assert.Equal(FillAttributes.OrderComplete | FillAttributes.Aggressor, d.Attributes);
        Assert.Equal(17293822569103556615UL, d.ExecId);
        Assert.Equal(1790000000000013008UL, d.TransactTime);
        Assert.Equal(1139L, d.LeavesQuantity);
    }

    /// <summary>Asserts the message carries the required sample values and null in every optional field.</summary>
    public static void AssertNulls(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, FillDecoder.TryWrap(message, out var d));
        Assert.Equal(2147486976u, d.AccountId);
        Assert.Equal(2147486977u, d.InstrumentId);
        Assert.Equal(17293822569103556610UL, d.ClientOrderId);
        Assert.Equal(1133L, d.Quantity);
        Assert.Equal(4512250013004L, d.Price);
        Assert.Equal(Side.Sell, d.Side);
        Assert.Equal(FillAttributes.None, d.Attributes);
        Assert.Equal(17293822569103556615UL, d.ExecId);
        Assert.Equal(1790000000000013008UL, d.TransactTime);
        Assert.Equal(1139L, d.LeavesQuantity);
    }

    /// <summary>Reads every field (and group entry) into a hash without allocating; 0 when the message does not wrap.</summary>
    public static ulong ReadAll(ReadOnlySpan<byte> message)
    {
        if (FillDecoder.TryWrap(message, out var d) != FrameStatus.Ok)
        {
            return 0;
        }

        var h = 14695981039346656037UL;
        h = Mix(h, d.AccountId);
        h = Mix(h, d.InstrumentId);
        h = Mix(h, d.ClientOrderId);
        h = Mix(h, (ulong)d.Quantity);
        h = Mix(h, (ulong)d.Price);
        h = Mix(h, (ulong)d.Side);
        h = Mix(h, (ulong)d.Attributes);
        h = Mix(h, d.ExecId);
        h = Mix(h, d.TransactTime);
        h = Mix(h, (ulong)d.LeavesQuantity);
        return h;
    }

    private static ulong Mix(ulong h, ulong v) => unchecked((h ^ v) * 1099511628211UL);
}
