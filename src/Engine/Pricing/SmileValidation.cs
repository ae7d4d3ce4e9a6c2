using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace RiskGate.Engine.Pricing;

/// <summary>
/// Result of validating a smile or a surface: <see cref="SmileError.None"/>, or the error with the
/// parameter it concerns, the offending value and where it was found. Plain immutable data; building
/// one allocates nothing (the parameter names are literals), only <see cref="Describe"/> does.
/// </summary>
public readonly struct SmileValidation
{
    /// <summary>Creates a failed validation.</summary>
    public SmileValidation(SmileError error, string parameter, double value, double location)
        : this(error, parameter, value, location, null)
    {
    }

    /// <summary>Creates a failed validation that states the allowed range (a literal, so nothing is allocated).</summary>
    public SmileValidation(SmileError error, string parameter, double value, double location, string? allowed)
    {
        Error = error;
        Parameter = parameter;
        Value = value;
        Location = location;
        Allowed = allowed;
    }

    /// <summary>A successful validation.</summary>
    public static SmileValidation Valid => default;

    /// <summary>The error, or <see cref="SmileError.None"/>.</summary>
    public SmileError Error { get; }

    /// <summary>True when <see cref="Error"/> is <see cref="SmileError.None"/>.</summary>
    public bool IsValid => Error == SmileError.None;

    /// <summary>The parameter (or array) the error concerns, e.g. "b", "vols", "smiles"; null when valid.</summary>
    public string? Parameter { get; }

    /// <summary>The offending value: the parameter's value, g(k), a butterfly's size, a variance drop.</summary>
    public double Value { get; }

    /// <summary>Where: the log-moneyness k or the array index the error was found at; NaN when not applicable.</summary>
    public double Location { get; }

    /// <summary>The allowed range of an out-of-range parameter, e.g. "(-1, 1)"; null when not stated.</summary>
    public string? Allowed { get; }

    /// <summary>A human-readable message naming the parameter, value and location (allocates).</summary>
    public string Describe()
    {
        if (IsValid)
        {
            return "valid";
        }

        var at = double.IsNaN(Location) ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" at {Location:R}");
        var what = Error switch
        {
            SmileError.OutOfRange => Allowed is null ? "is out of range" : "must be in " + Allowed,
            SmileError.BadShape => "has the wrong shape (empty, lengths differ, or points not strictly increasing)",
            SmileError.NonPositiveVariance => "makes total variance non-positive",
            SmileError.WingSlope => "makes a wing too steep (SVI: b(1+|rho|) <= 2, Lee; grid: |dw/dk| <= 4, Rogers-Tehranchi)",
            SmileError.Butterfly => "admits butterfly arbitrage (negative density)",
            SmileError.CallSpread => "admits call-spread arbitrage",
            SmileError.Calendar => "admits calendar arbitrage (total variance decreasing in expiry)",
            SmileError.ExpiryOrder => "is not strictly increasing in expiry",
            _ => "is invalid",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{Parameter} {what}: value {Value:R}{at}.");
    }

    /// <summary>Throws when invalid: <see cref="ArgumentOutOfRangeException"/> for ranges, otherwise <see cref="ArgumentException"/>.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            Throw(this);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Describe();

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(SmileValidation validation)
    {
        if (validation.Error == SmileError.OutOfRange)
        {
            throw new ArgumentOutOfRangeException(validation.Parameter, validation.Value, validation.Describe());
        }

        throw new ArgumentException(validation.Describe(), validation.Parameter);
    }
}
