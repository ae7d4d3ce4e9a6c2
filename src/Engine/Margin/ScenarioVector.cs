using System.Numerics;
using System.Runtime.InteropServices;

namespace RiskGate.Engine.Margin;

/// <summary>
/// The scenario-vector kernels of the margin loop: accumulate <c>L += q · RA</c> and take the worst
/// loss. Pure functions over caller-owned spans; no allocation; any thread may call them.
/// </summary>
public static class ScenarioVector
{
    /// <summary>Adds <paramref name="quantity"/> × <paramref name="riskArray"/> to <paramref name="pnl"/> element-wise (SIMD over whole lanes).</summary>
    public static void AddScaled(Span<double> pnl, ReadOnlySpan<double> riskArray, double quantity)
    {
        if (riskArray.Length < pnl.Length)
        {
            ThrowHelper.Argument(nameof(riskArray), "risk array is shorter than the scenario vector.");
        }

        var i = 0;
        if (Vector.IsHardwareAccelerated && pnl.Length >= Vector<double>.Count)
        {
            var q = new Vector<double>(quantity);
            var acc = MemoryMarshal.Cast<double, Vector<double>>(pnl);
            var ra = MemoryMarshal.Cast<double, Vector<double>>(riskArray[..pnl.Length]);
            for (var v = 0; v < acc.Length; v++)
            {
                acc[v] += ra[v] * q;
            }

            i = acc.Length * Vector<double>.Count;
        }

        for (; i < pnl.Length; i++)
        {
            pnl[i] += riskArray[i] * quantity;
        }
    }

    /// <summary>
    /// The largest element of <paramref name="pnl"/> (the worst loss) and its 0-based node, the first
    /// one on ties. Returns −∞ and node −1 for an empty span.
    /// </summary>
    public static double Worst(ReadOnlySpan<double> pnl, out int node)
    {
        var worst = double.NegativeInfinity;
        node = -1;
        for (var s = 0; s < pnl.Length; s++)
        {
            if (pnl[s] > worst)
            {
                worst = pnl[s];
                node = s;
            }
        }

        return worst;
    }
}
