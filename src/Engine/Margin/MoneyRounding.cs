namespace RiskGate.Engine.Margin;

/// <summary>
/// Rounding of money at reporting and decision boundaries (inside the engine money is an unrounded
/// <see cref="double"/>). Pure functions; any thread may call them.
/// </summary>
public static class MoneyRounding
{
    /// <summary>
    /// Rounds <paramref name="amount"/> to a multiple of <paramref name="unit"/>, halves upward
    /// (towards +∞): 577.5 → 578 with unit 1. The quotient is first rounded to 9 decimals so binary
    /// noise (1.10 × 525 = 577.50000000000011) cannot move a half across the boundary.
    /// The result is the double nearest to the decimal multiple of the unit.
    /// </summary>
    /// <param name="amount">Money to round.</param>
    /// <param name="unit">Rounding unit &gt; 0, e.g. 1 (whole currency units) or 0.01 (cents).</param>
    public static double RoundHalfUp(double amount, double unit)
    {
        if (!(unit > 0))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(unit), unit, "rounding unit must be > 0.");
        }

        var q = Math.Floor(Math.Round(amount / unit, 9, MidpointRounding.ToEven) + 0.5);

        // For units like 0.01, dividing by the exact integer 100 gives the double nearest to the
        // decimal result (1693042 / 100 = 16930.42); multiplying by 0.01 would not.
        var inverse = 1.0 / unit;
        return inverse >= 1 && inverse == Math.Round(inverse) ? q / inverse : q * unit;
    }
}
