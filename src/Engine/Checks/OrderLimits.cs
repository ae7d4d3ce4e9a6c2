namespace RiskGate.Engine.Checks;

/// <summary>
/// The limits of the pre-trade controls: a group's defaults (RiskParameters) or an account's overrides
/// (AccountLimits). In an override −1 (or NaN for the collar fraction) means "use the default"; the engine
/// refuses any other negative value (<see cref="IsValidOverride"/>).
/// Prices are in price units (PRICE9 mantissa ÷ 10⁹), money in the account currency.
/// </summary>
public struct OrderLimits
{
    /// <summary>Largest quantity of one order, contracts.</summary>
    public long MaxOrderQuantity;

    /// <summary>Largest order notional: quantity × price × multiplier.</summary>
    public double MaxNotional;

    /// <summary>Largest absolute position + same-side working + order, contracts per instrument.</summary>
    public long MaxPosition;

    /// <summary>Collar half-width as a fraction of the reference price.</summary>
    public double CollarFraction;

    /// <summary>Minimum collar half-width in price units (matters for cheap options).</summary>
    public double CollarMinimum;

    /// <summary>Largest number of working orders of an account (account-wide: an override, else the smallest group default).</summary>
    public int MaxWorkingOrders;

    /// <summary>New orders and replaces per throttle window (account-wide: override, else the smallest group default); ≤ throttle capacity.</summary>
    public int MaxOrdersPerWindow;

    /// <summary>Cancels per throttle window (account-wide: override, else the smallest group default); ≤ throttle capacity.</summary>
    public int MaxCancelsPerWindow;

    /// <summary>An override that uses every default.</summary>
    public static OrderLimits UseDefaults => new()
    {
        MaxOrderQuantity = -1,
        MaxNotional = -1,
        MaxPosition = -1,
        CollarFraction = double.NaN,
        CollarMinimum = -1,
        MaxWorkingOrders = -1,
        MaxOrdersPerWindow = -1,
        MaxCancelsPerWindow = -1,
    };

    /// <summary>True when every field is a usable default (no "unset" value), bounded by the throttle capacity.</summary>
    public readonly bool IsCompleteDefault(int throttleCapacity)
        => MaxOrderQuantity >= 0 && MaxOrderQuantity <= MaxQuantity && MaxNotional >= 0 && !double.IsNaN(MaxNotional) && MaxPosition >= 0 && MaxPosition <= MaxQuantity
            && CollarFraction >= 0 && double.IsFinite(CollarFraction) && CollarMinimum >= 0 && double.IsFinite(CollarMinimum)
            && MaxWorkingOrders >= 0 && MaxOrdersPerWindow >= 0 && MaxOrdersPerWindow <= throttleCapacity
            && MaxCancelsPerWindow >= 0 && MaxCancelsPerWindow <= throttleCapacity;

    /// <summary>
    /// True when every field is usable as an override or exactly its "unset" value (−1; NaN for the collar
    /// fraction): any other negative value is refused, never read as "unset", so a bad limit cannot widen
    /// to the default. A limit of 0 is a hard zero (no order passes that check).
    /// </summary>
    public readonly bool IsValidOverride(int throttleCapacity)
        => MaxOrderQuantity is >= -1 and <= MaxQuantity && (MaxNotional >= 0 || MaxNotional == -1) && MaxPosition is >= -1 and <= MaxQuantity
            && (double.IsNaN(CollarFraction) || (CollarFraction >= 0 && double.IsFinite(CollarFraction)) || CollarFraction == -1)
            && (CollarMinimum == -1 || (CollarMinimum >= 0 && double.IsFinite(CollarMinimum)))
            && MaxWorkingOrders >= -1 && MaxOrdersPerWindow >= -1 && MaxOrdersPerWindow <= throttleCapacity
            && MaxCancelsPerWindow >= -1 && MaxCancelsPerWindow <= throttleCapacity;

    /// <summary>Largest quantity a limit may name (10¹⁵ contracts: sums of positions stay exact in doubles).</summary>
    public const long MaxQuantity = 1_000_000_000_000_000;
}
