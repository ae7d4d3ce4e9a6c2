using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace RiskGate.Protocol;

/// <summary>Throws for misuse of the encoders and for misconfiguration, out of line so hot methods stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBufferTooSmall(string paramName, int required, int actual) =>
        throw new ArgumentException($"The buffer holds {actual} bytes; the message needs {required}.", paramName);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowCountOutOfRange(string paramName, int count, int max) =>
        throw new ArgumentOutOfRangeException(paramName, count, $"The group count must be in [0, {max}].");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowIndexOutOfRange(string paramName, int index, int count) =>
        throw new ArgumentOutOfRangeException(paramName, index, $"The entry index must be in [0, {count}).");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowNotAscii(string paramName, int maxLength) =>
        throw new ArgumentException($"The text must be ASCII and at most {maxLength} characters.", paramName);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowMaxFrameLengthOutOfRange(string paramName, int value) =>
        throw new ArgumentOutOfRangeException(
            paramName,
            value,
            $"maxFrameLength must be in [{ProtocolInfo.MinFrameLength}, {ProtocolInfo.MaxMaxFrameLength}].");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowMessageLengthOutOfRange(string paramName, int value, int max) =>
        throw new ArgumentOutOfRangeException(paramName, value, $"The message length must be in [{Messages.MessageHeader.Length}, {max}].");
}
