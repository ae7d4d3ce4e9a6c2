using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Support;

/// <summary>Sample <c>Heartbeat</c> messages: every field set to a distinct value, or the optional ones null.</summary>
public static class HeartbeatSamples
{
    /// <summary>Every field set.</summary>
    public static int EncodeFull(Span<byte> buffer)
    {
        var encoder = HeartbeatEncoder.Wrap(buffer)
            .SendingTime(1790000000000021000UL)
            .Sequence(17293822569104080897UL);
        return encoder.EncodedLength;
    }

    /// <summary>Only required fields set; optional ones left as Wrap initialised them.</summary>
    public static int EncodeRequiredOnly(Span<byte> buffer) => HeartbeatEncoder.Wrap(buffer)
            .SendingTime(1790000000000021000UL)
            .EncodedLength;

    /// <summary>Sets required fields to the full sample's values and every optional field explicitly to null.</summary>
    public static int EncodeExplicitNulls(Span<byte> buffer) => HeartbeatEncoder.Wrap(buffer)
            .SendingTime(1790000000000021000UL)
            .Sequence(WireNull.UInt64)
            .EncodedLength;

    /// <summary>Asserts the message is the full sample.</summary>
    public static void AssertFull(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, HeartbeatDecoder.TryWrap(message, out var d));
        Assert.Equal(1790000000000021000UL, d.SendingTime);
        Assert.Equal(17293822569104080897UL, d.Sequence);
    }

    /// <summary>Asserts the message carries the required sample values and null in every optional field.</summary>
    public static void AssertNulls(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, HeartbeatDecoder.TryWrap(message, out var d));
        Assert.Equal(1790000000000021000UL, d.SendingTime);
        Assert.Equal(WireNull.UInt64, d.Sequence);
    }

    /// <summary>Reads every field (and group entry) into a hash without allocating; 0 when the message does not wrap.</summary>
    public static ulong ReadAll(ReadOnlySpan<byte> message)
    {
        if (HeartbeatDecoder.TryWrap(message, out var d) != FrameStatus.Ok)
        {
            return 0;
        }

        var h = 14695981039346656037UL;
        h = Mix(h, d.SendingTime);
        h = Mix(h, d.Sequence);
        return h;
    }

    private static ulong Mix(ulong h, ulong v) => unchecked((h ^ v) * 1099511628211UL);
}
