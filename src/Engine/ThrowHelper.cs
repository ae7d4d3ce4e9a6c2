using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace RiskGate.Engine;

/// <summary>
/// The engine's throw sites, kept out of line so the methods that call them stay small enough to inline.
/// Any thread may call them; each one always throws.
/// </summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ArgumentOutOfRange(string paramName, object? actualValue, string message)
        => throw new ArgumentOutOfRangeException(paramName, actualValue, message);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Argument(string paramName, string message)
        => throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void InvalidOperation(string message)
        => throw new InvalidOperationException(message);

    /// <summary>Throws <see cref="InvalidOperationException"/> with "{what} (instrument {index})."; the message is built here, off the caller's path.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void InstrumentState(string what, int instrument)
        => throw new InvalidOperationException(what + " (instrument " + instrument.ToString(System.Globalization.CultureInfo.InvariantCulture) + ").");
}
