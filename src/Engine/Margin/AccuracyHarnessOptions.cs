namespace RiskGate.Engine.Margin;

/// <summary>
/// Settings of an <see cref="AccuracyHarness"/> run: the seeded market path (lognormal random walk
/// with jumps, parallel vol moves), the random portfolios and the order flow. Set the properties,
/// then call <see cref="Validate"/> (the harness does); a bad value throws naming the setting.
/// </summary>
public sealed class AccuracyHarnessOptions
{
    /// <summary>Seed of every random draw: the same seed gives the same run.</summary>
    public int Seed { get; set; } = 20_261_124;

    /// <summary>Market steps.</summary>
    public int Steps { get; set; } = 200;

    /// <summary>Accounts with random portfolios.</summary>
    public int Accounts { get; set; } = 32;

    /// <summary>Largest number of legs of a random portfolio.</summary>
    public int MaxLegs { get; set; } = 6;

    /// <summary>Largest |quantity| of a leg or an order.</summary>
    public int MaxQuantity { get; set; } = 10;

    /// <summary>Orders checked per market step.</summary>
    public int OrdersPerStep { get; set; } = 10;

    /// <summary>Probability that an order the reference accepts is filled.</summary>
    public double FillProbability { get; set; } = 0.2;

    /// <summary>Standard deviation of a step's log price move.</summary>
    public double StepVolatility { get; set; } = 0.002;

    /// <summary>Probability of a jump per future and step.</summary>
    public double JumpProbability { get; set; } = 0.01;

    /// <summary>Size of a jump as a fraction of the price (sign random).</summary>
    public double JumpSize { get; set; } = 0.02;

    /// <summary>Probability of a parallel vol move per future and step.</summary>
    public double VolMoveProbability { get; set; } = 0.05;

    /// <summary>Standard deviation of a vol move, vol units.</summary>
    public double VolMoveSize { get; set; } = 0.004;

    /// <summary>Message time between steps, nanoseconds.</summary>
    public long StepNanoseconds { get; set; } = 1_000_000_000;

    /// <summary>Safety buffer of the incremental decision (see <see cref="IncrementalMargin.SafetyBuffer"/>).</summary>
    public double SafetyBuffer { get; set; } = 0.01;

    /// <summary>Absolute floor of the relative-error denominator, money.</summary>
    public double ErrorFloor { get; set; } = 100.0;

    /// <summary>Equity is set to the initial requirement times a factor drawn in [low, high] so orders land near the limit.</summary>
    public double CashFactorLow { get; set; } = 0.9;

    /// <summary>Upper end of the cash factor.</summary>
    public double CashFactorHigh { get; set; } = 1.4;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Check(Steps >= 1, nameof(Steps), Steps);
        Check(Accounts >= 1, nameof(Accounts), Accounts);
        Check(MaxLegs >= 1, nameof(MaxLegs), MaxLegs);
        Check(MaxQuantity >= 1, nameof(MaxQuantity), MaxQuantity);
        Check(OrdersPerStep >= 0, nameof(OrdersPerStep), OrdersPerStep);
        Check(FillProbability is >= 0 and <= 1, nameof(FillProbability), FillProbability);
        Check(StepVolatility is >= 0 and < 0.5, nameof(StepVolatility), StepVolatility);
        Check(JumpProbability is >= 0 and <= 1, nameof(JumpProbability), JumpProbability);
        Check(JumpSize is >= 0 and < 0.5, nameof(JumpSize), JumpSize);
        Check(VolMoveProbability is >= 0 and <= 1, nameof(VolMoveProbability), VolMoveProbability);
        Check(VolMoveSize is >= 0 and < 0.5, nameof(VolMoveSize), VolMoveSize);
        Check(StepNanoseconds >= 0, nameof(StepNanoseconds), StepNanoseconds);
        Check(SafetyBuffer is >= 0 and <= 1, nameof(SafetyBuffer), SafetyBuffer);
        Check(ErrorFloor > 0, nameof(ErrorFloor), ErrorFloor);
        Check(CashFactorLow > 0 && CashFactorHigh >= CashFactorLow, nameof(CashFactorLow), CashFactorLow);
    }

    private static void Check(bool ok, string name, object value)
    {
        if (!ok)
        {
            ThrowHelper.ArgumentOutOfRange(name, value, "accuracy harness setting " + name + " is out of range.");
        }
    }
}
