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
    /// </summary>
    /// <param name="amount">Money to round.</param>
    /// <param name="unit">Rounding unit &gt; 0, e.g. 1 (whole currency units) or 0.01 (cents).</param>
    public static double RoundHalfUp(double amount, double unit)
    {
        if (!(unit > 0))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(unit), unit, "rounding unit must be > 0.");
        }

        var q = Math.Round(amount / unit, 9, MidpointRounding.ToEven);
        return Math.Floor(q + 0.5) * unit;
    }
}
