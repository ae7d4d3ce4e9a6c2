using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Support;

/// <summary>Sample <c>InstrumentDefinition</c> messages: every field set to a distinct value, or the optional ones null.</summary>
public static class InstrumentDefinitionSamples
{
    /// <summary>Every field set.</summary>
    public static int EncodeFull(Span<byte> buffer)
    {
        var encoder = InstrumentDefinitionEncoder.Wrap(buffer)
            .InstrumentId(2147483904u)
            .ProductGroupId(2147483905u)
            .UnderlyingInstrumentId(2147483906u)
            .Kind(InstrumentKind.Option)
            .PutCall(PutCall.Put)
            .TradingState(TradingState.Halted)
            .Expiry(1790000000000001006UL)
            .Strike(4512250001007L)
            .TickSize(4512250001008L)
            .ContractMultiplier(0.840625)
            .Symbol("ESZ6 C4500"u8)
            .SendingTime(1790000000000001011UL);
        return encoder.EncodedLength;
    }

    /// <summary>Only required fields set; optional ones left as Wrap initialised them.</summary>
    public static int EncodeRequiredOnly(Span<byte> buffer) => InstrumentDefinitionEncoder.Wrap(buffer)
            .InstrumentId(2147483904u)
            .ProductGroupId(2147483905u)
            .Kind(InstrumentKind.Option)
            .TradingState(TradingState.Halted)
            .Expiry(1790000000000001006UL)
            .TickSize(4512250001008L)
            .ContractMultiplier(0.840625)
            .EncodedLength;

    /// <summary>Sets required fields to the full sample's values and every optional field explicitly to null.</summary>
    public static int EncodeExplicitNulls(Span<byte> buffer) => InstrumentDefinitionEncoder.Wrap(buffer)
            .InstrumentId(2147483904u)
            .ProductGroupId(2147483905u)
            .UnderlyingInstrumentId(WireNull.Id)
            .Kind(InstrumentKind.Option)
            .PutCall(PutCall.None)
            .TradingState(TradingState.Halted)
            .Expiry(1790000000000001006UL)
            .Strike(WireNull.Price)
            .TickSize(4512250001008L)
            .ContractMultiplier(0.840625)
            .Symbol(ReadOnlySpan<byte>.Empty)
            .SendingTime(WireNull.Timestamp)
            .EncodedLength;

    /// <summary>Asserts the message is the full sample.</summary>
    public static void AssertFull(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, InstrumentDefinitionDecoder.TryWrap(message, out var d));
        Assert.Equal(2147483904u, d.InstrumentId);
        Assert.Equal(2147483905u, d.ProductGroupId);
        Assert.Equal(2147483906u, d.UnderlyingInstrumentId);
        Assert.Equal(InstrumentKind.Option, d.Kind);
        Assert.Equal(PutCall.Put, d.PutCall);
        Assert.Equal(TradingState.Halted, d.TradingState);
        Assert.Equal(1790000000000001006UL, d.Expiry);
        Assert.Equal(4512250001007L, d.Strike);
        Assert.Equal(4512250001008L, d.TickSize);
        Assert.Equal(0.840625, d.ContractMultiplier);
        Assert.Equal("ESZ6 C4500"u8.ToArray(), d.Symbol.ToArray());
        Assert.Equal(1790000000000001011UL, d.SendingTime);
    }

    /// <summary>Asserts the message carries the required sample values and null in every optional field.</summary>
    public static void AssertNulls(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, InstrumentDefinitionDecoder.TryWrap(message, out var d));
        Assert.Equal(2147483904u, d.InstrumentId);
        Assert.Equal(2147483905u, d.ProductGroupId);
        Assert.Equal(WireNull.Id, d.UnderlyingInstrumentId);
        Assert.Equal(InstrumentKind.Option, d.Kind);
        Assert.Equal(PutCall.None, d.PutCall);
        Assert.Equal(TradingState.Halted, d.TradingState);
        Assert.Equal(1790000000000001006UL, d.Expiry);
        Assert.Equal(WireNull.Price, d.Strike);
        Assert.Equal(4512250001008L, d.TickSize);
        Assert.Equal(0.840625, d.ContractMultiplier);
        Assert.True(d.Symbol.IsEmpty);
        Assert.Equal(WireNull.Timestamp, d.SendingTime);
    }

    /// <summary>Reads every field (and group entry) into a hash without allocating; 0 when the message does not wrap.</summary>
    public static ulong ReadAll(ReadOnlySpan<byte> message)
    {
        if (InstrumentDefinitionDecoder.TryWrap(message, out var d) != FrameStatus.Ok)
        {
            return 0;
        }

        var h = 14695981039346656037UL;
        h = Mix(h, d.InstrumentId);
        h = Mix(h, d.ProductGroupId);
        h = Mix(h, d.UnderlyingInstrumentId);
        h = Mix(h, (ulong)d.Kind);
        h = Mix(h, (ulong)d.PutCall);
        h = Mix(h, (ulong)d.TradingState);
        h = Mix(h, d.Expiry);
        h = Mix(h, (ulong)d.Strike);
        h = Mix(h, (ulong)d.TickSize);
        h = Mix(h, BitConverter.DoubleToUInt64Bits(d.ContractMultiplier));
        foreach (var b in d.Symbol)
        {
            h = Mix(h, b);
        }

        h = Mix(h, d.SendingTime);
        return h;
    }

    private static ulong Mix(ulong h, ulong v) => unchecked((h ^ v) * 1099511628211UL);
}
