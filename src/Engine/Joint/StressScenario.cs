namespace RiskGate.Engine.Joint;

/// <summary>
/// A stress scenario added by hand (e.g. "crash": every group −30%, vols +50%): a relative price
/// shock and a parallel relative vol shock per product group, and the fraction of its loss that
/// counts against the requirement. Immutable after construction; any thread may read it.
/// </summary>
/// <remarks>
/// Stress scenarios do not enter the ES tail: the requirement is max(ES, max over stress scenarios of
/// loss × weight) (see <see cref="JointMarginCalculator"/>).
/// </remarks>
public sealed class StressScenario
{
    private readonly double[] _priceShocks;
    private readonly double[] _volShocks;

    /// <summary>Creates and validates a stress scenario; throws naming the setting when out of range.</summary>
    /// <param name="name">Label for reports, non-empty.</param>
    /// <param name="priceShocks">Relative futures price shock per group (F' = F·(1 + shock)), each in (−1, 10].</param>
    /// <param name="volShocks">Relative vol shock per group, every tenor (σ' = σ·(1 + shock)), each in (−1, 10].</param>
    /// <param name="weight">Fraction of the stress loss counted, in (0, 1].</param>
    public StressScenario(string name, ReadOnlySpan<double> priceShocks, ReadOnlySpan<double> volShocks, double weight)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            ThrowHelper.Argument(nameof(name), "a stress scenario needs a name.");
        }

        if (priceShocks.Length < 1 || volShocks.Length != priceShocks.Length)
        {
            ThrowHelper.Argument(nameof(volShocks), "stress scenario '" + name + "' needs one price shock and one vol shock per group.");
        }

        for (var g = 0; g < priceShocks.Length; g++)
        {
            JointScenarioSet.ValidateShock(nameof(priceShocks), priceShocks[g], "stress price shock");
            JointScenarioSet.ValidateShock(nameof(volShocks), volShocks[g], "stress vol shock");
        }

        if (!(weight is > 0 and <= 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(weight), weight, "stress scenario weight must be in (0, 1].");
        }

        Name = name;
        _priceShocks = priceShocks.ToArray();
        _volShocks = volShocks.ToArray();
        Weight = weight;
    }

    /// <summary>Label for reports.</summary>
    public string Name { get; }

    /// <summary>Relative price shock per group.</summary>
    public ReadOnlySpan<double> PriceShocks => _priceShocks;

    /// <summary>Relative parallel vol shock per group.</summary>
    public ReadOnlySpan<double> VolShocks => _volShocks;

    /// <summary>Fraction of the loss counted.</summary>
    public double Weight { get; }
}
