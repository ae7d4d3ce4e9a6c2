using RiskGate.Engine.Joint;

namespace RiskGate.Engine.Tests.Joint;

/// <summary>
/// The brute-force oracle for <see cref="ExpectedShortfall"/>: sort every scenario by loss, largest
/// first, and walk down accumulating mass until the tail mass β = (1 − α)·W is reached (with the same
/// documented boundary tolerance). Tests only: it allocates and sorts the whole vector.
/// </summary>
internal static class ExpectedShortfallReference
{
    public static double Compute(double[] losses, double[] weights, double alpha, out double valueAtRisk)
    {
        var order = new int[losses.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Largest loss first; ties by index (any order of ties gives the same result).
        Array.Sort(order, (a, b) => losses[a] != losses[b] ? losses[b].CompareTo(losses[a]) : a.CompareTo(b));
        var total = weights.Sum();
        var beta = (1 - alpha) * total;
        var target = beta - ExpectedShortfall.BoundaryTolerance * total;
        double mass = 0;
        double lossMass = 0;
        foreach (var j in order)
        {
            if (mass + weights[j] >= target)
            {
                valueAtRisk = losses[j];
                return (lossMass + (beta - mass) * losses[j]) / beta;
            }

            mass += weights[j];
            lossMass += weights[j] * losses[j];
        }

        var last = order[^1];
        valueAtRisk = losses[last];
        return (lossMass + (beta - mass) * losses[last]) / beta;
    }
}
