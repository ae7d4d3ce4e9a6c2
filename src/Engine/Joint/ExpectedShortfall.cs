using System.Numerics;
using System.Runtime.InteropServices;

namespace RiskGate.Engine.Joint;

/// <summary>
/// Exact Value-at-Risk and Expected Shortfall of a discrete, weighted loss distribution, by weighted
/// selection in expected O(N) on a caller-supplied scratch buffer: no sort of the whole vector, no
/// allocation. Pure functions; any thread may call them on its own scratch.
/// </summary>
/// <remarks>
/// <para><b>Definition.</b> Losses Lⱼ (positive = loss) with weights wⱼ ≥ 0, total mass W = Σ wⱼ, level
/// α in (0, 1), tail mass β = (1 − α)·W. Order the scenarios by loss, largest first: L₍₁₎ ≥ L₍₂₎ ≥ …,
/// with cumulative mass Wₖ = Σ_{j≤k} w₍ⱼ₎ (W₀ = 0). The boundary scenario is the first k* with
/// Wₖ* ≥ β − ε, where ε = <see cref="BoundaryTolerance"/>·W absorbs rounding so that equal weights
/// whose cumulative mass equals β up to the last bits close the tail exactly (N = 100, α = 0.99:
/// the tail is the single largest loss). Then</para>
/// <para>VaR_α = L₍ₖ*₎ and ES_α = ( Σ_{j&lt;k*} w₍ⱼ₎·L₍ⱼ₎ + (β − W_{k*−1})·L₍ₖ*₎ ) / β:</para>
/// <para>the probability-weighted mean of the worst β of mass, the boundary scenario counted with
/// only the fraction of its weight that is needed to fill the tail. With equal weights 1/N this is
/// the mean of the ⌊(1−α)N⌋ largest losses plus the fractional remainder of the next one. Tied losses
/// may be taken in any order: the result does not depend on which tied scenario is "the" boundary,
/// because they share one value. Weights need not sum to 1 (they are normalised by W).</para>
/// <para><b>Algorithm.</b> A pivot is taken from an evenly spaced sample of 32 or 64 losses, a little
/// above the expected quantile; one pass packs the losses at or above it into the scratch buffer
/// (SIMD: whole lanes below the pivot are skipped with one compare, the others filtered
/// branch-free); the tail almost always lies inside that small set, which is finished by three-way
/// quickselect (median-of-three pivots; ties form their own block, so equal losses cannot stall
/// it). When the sample misjudges (very uneven weights), the whole vector is copied and selected.
/// Expected cost O(N); the worst case of quickselect is quadratic on adversarial inputs, which
/// scenario losses are not.</para>
/// <para><b>Equal weights</b> (the Monte Carlo and historical sets: every weight 1/N) take a dedicated
/// path, chosen by <see cref="Compute"/> when every weight equals the first: in units of one weight the
/// tail is b = (1 − α)·N scenarios, the boundary is the k*-th largest loss with k* = ⌈b − ε·N⌉ (at
/// least 1), and ES = (sum of the k* − 1 largest + (b − (k* − 1))·L₍ₖ*₎) / b — the same definition
/// without any weight bookkeeping: the filter moves losses only and the selection is a plain
/// k-th-largest selection. For tails of up to 64 scenarios the pivot is the k*-th largest of about 8·k*
/// block maxima (one SIMD max per vector): every block maximum is a loss, so at least k* losses pass the
/// filter — the tail is never missed — and typically only k* to 2k* do. Longer tails use the sampled
/// pivot. Small targets are selected by keeping the leading k* places sorted (one compare per value),
/// others by the three-way quickselect. <see cref="TryComputeEqualWeightsFromTop"/> finishes from
/// losses a caller already filtered against its own pivot (the order check fuses that filter into the
/// pass that builds the candidate vector, seeded by the account's cached VaR).</para>
/// <para>Preconditions (not checked on this path, the scenario set guarantees them): losses finite,
/// weights finite and ≥ 0 with a positive sum.</para>
/// </remarks>
public static class ExpectedShortfall
{
    /// <summary>Relative tolerance (of the total mass) used to locate the boundary scenario.</summary>
    public const double BoundaryTolerance = 1e-12;

    /// <summary>Smallest level accepted.</summary>
    public const double MinAlpha = 0.5;

    /// <summary>Largest level accepted.</summary>
    public const double MaxAlpha = 0.99999;

    private const int MaxSampleSize = 64;
    private const int MinSampledLength = 128;
    private const int SampleMargin = 3;
    private const int SmallRange = 16;

    // Equal-weight tails of up to this many scenarios take the block-maxima pivot (about 8 blocks per
    // tail scenario); longer tails (low levels) the sampled one.
    private const int MaxBlockTail = 64;
    private const int BlocksPerTail = 8;
    private const int MaxInsertionTarget = 16;

    /// <summary>Length of the scratch buffer <see cref="Compute"/> needs for <paramref name="scenarioCount"/> scenarios.</summary>
    public static int ScratchLength(int scenarioCount) => 2 * scenarioCount;

    /// <summary>
    /// ES at level <paramref name="alpha"/> of <paramref name="losses"/> weighted by
    /// <paramref name="weights"/> (same length, ≥ 1), and the VaR in <paramref name="valueAtRisk"/>.
    /// <paramref name="scratch"/> holds at least <see cref="ScratchLength"/> doubles; its contents are
    /// overwritten. Throws <see cref="ArgumentException"/> on mismatched lengths or a level outside
    /// [<see cref="MinAlpha"/>, <see cref="MaxAlpha"/>]. Allocates nothing.
    /// </summary>
    public static double Compute(ReadOnlySpan<double> losses, ReadOnlySpan<double> weights, double alpha, Span<double> scratch, out double valueAtRisk)
    {
        var n = losses.Length;
        if (n < 1 || weights.Length != n)
        {
            ThrowHelper.Argument(nameof(weights), "expected shortfall needs at least one loss and exactly one weight per loss.");
        }

        if (scratch.Length < 2 * n)
        {
            ThrowHelper.Argument(nameof(scratch), "expected shortfall scratch must hold 2 × the number of scenarios.");
        }

        if (!(alpha is >= MinAlpha and <= MaxAlpha))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(alpha), alpha, "ES level alpha must be in [0.5, 0.99999].");
        }

        if (HasEqualWeights(weights))
        {
            return EqualWeights(losses, alpha, scratch, out valueAtRisk);
        }

        var tail = 1.0 - alpha;
        var sl = scratch[..n];
        var sw = scratch.Slice(n, n);
        var total = Sum(weights);
        var beta = tail * total;
        var target = beta - BoundaryTolerance * total;
        if (n >= MinSampledLength)
        {
            // Branch-free filter: every loss is written, the count only advances for losses at or
            // above the pivot, so the survivors end up packed at the front of the scratch.
            var pivot = SamplePivot(losses, tail);
            var count = 0;
            var i = 0;
            if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
            {
                // Most lanes hold no survivor (the pivot is near the upper quantile): one vector
                // compare skips them, and only lanes with a survivor take the scalar filter.
                var lanes = Vector<double>.Count;
                var vp = new Vector<double>(pivot);
                var vl = MemoryMarshal.Cast<double, Vector<double>>(losses);
                for (var v = 0; v < vl.Length; v++)
                {
                    if (!Vector.GreaterThanOrEqualAny(vl[v], vp))
                    {
                        continue;
                    }

                    var end = (v + 1) * lanes;
                    for (var j = v * lanes; j < end; j++)
                    {
                        var l = losses[j];
                        sl[count] = l;
                        sw[count] = weights[j];
                        count += l >= pivot ? 1 : 0;
                    }
                }

                i = vl.Length * lanes;
            }

            for (; i < n; i++)
            {
                var l = losses[i];
                sl[count] = l;
                sw[count] = weights[i];
                count += l >= pivot ? 1 : 0;
            }

            if (Sum(sw[..count]) >= target)
            {
                return Select(sl, sw, 0, count, beta, target, 0, 0, out valueAtRisk);
            }
        }

        // Small vector, or the sample pivot fell inside the tail: select over everything.
        losses.CopyTo(sl);
        weights.CopyTo(sw);
        return Select(sl, sw, 0, n, beta, target, 0, 0, out valueAtRisk);
    }

    /// <summary>
    /// ES at level <paramref name="alpha"/> of <paramref name="losses"/> (≥ 1) when every scenario has the
    /// same weight, and the VaR in <paramref name="valueAtRisk"/>: the result <see cref="Compute"/> gives
    /// for any vector of equal weights. <paramref name="scratch"/> holds at least
    /// <see cref="ScratchLength"/> doubles; its contents are overwritten. Throws <see cref="ArgumentException"/> on an empty
    /// vector, a short scratch or a level outside [<see cref="MinAlpha"/>, <see cref="MaxAlpha"/>].
    /// Allocates nothing.
    /// </summary>
    public static double ComputeEqualWeights(ReadOnlySpan<double> losses, double alpha, Span<double> scratch, out double valueAtRisk)
    {
        if (losses.Length < 1)
        {
            ThrowHelper.Argument(nameof(losses), "expected shortfall needs at least one loss.");
        }

        if (scratch.Length < 2 * losses.Length)
        {
            ThrowHelper.Argument(nameof(scratch), "expected shortfall scratch must hold 2 × the number of scenarios.");
        }

        if (!(alpha is >= MinAlpha and <= MaxAlpha))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(alpha), alpha, "ES level alpha must be in [0.5, 0.99999].");
        }

        return EqualWeights(losses, alpha, scratch, out valueAtRisk);
    }

    /// <summary>
    /// Number of largest losses k* that reach the tail of <paramref name="scenarioCount"/> equally weighted
    /// scenarios at level <paramref name="alpha"/>: the boundary (VaR) is the k*-th largest loss, the
    /// k* − 1 above it count whole. In [1, <paramref name="scenarioCount"/>].
    /// </summary>
    public static int EqualWeightTailCount(int scenarioCount, double alpha)
    {
        if (scenarioCount < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(scenarioCount), scenarioCount, "expected shortfall needs at least one scenario.");
        }

        if (!(alpha is >= MinAlpha and <= MaxAlpha))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(alpha), alpha, "ES level alpha must be in [0.5, 0.99999].");
        }

        return TailCount((1.0 - alpha) * scenarioCount, scenarioCount);
    }

    /// <summary>
    /// ES and VaR of <paramref name="scenarioCount"/> equally weighted losses from <paramref name="top"/>,
    /// which must hold <b>every</b> loss of the vector at or above some pivot (in any order) and none
    /// below it — the survivors of a filter pass the caller ran with its own pivot guess. Returns false
    /// (outputs 0) when <paramref name="top"/> holds fewer than <see cref="EqualWeightTailCount"/> losses:
    /// the pivot lay inside the tail, and the caller falls back to <see cref="ComputeEqualWeights"/> on the
    /// whole vector. The values are exact either way: a loss below the pivot is below every survivor, so
    /// it cannot belong to a tail the survivors fill. <paramref name="top"/> is reordered. The level is not
    /// validated here (hot path; the caller's options did). Allocates nothing.
    /// </summary>
    public static bool TryComputeEqualWeightsFromTop(Span<double> top, int scenarioCount, double alpha, out double expectedShortfall, out double valueAtRisk)
    {
        var b = (1.0 - alpha) * scenarioCount;
        var k = TailCount(b, scenarioCount);
        if (top.Length < k)
        {
            expectedShortfall = 0;
            valueAtRisk = 0;
            return false;
        }

        expectedShortfall = SelectEqual(top, k, b, out valueAtRisk);
        return true;
    }

    // Equal weights: a pivot that leaves at least k* losses at or above it, those losses packed into
    // the scratch, the k*-th largest selected there; the whole vector when it is small.
    private static double EqualWeights(ReadOnlySpan<double> losses, double alpha, Span<double> scratch, out double valueAtRisk)
    {
        var n = losses.Length;
        var tail = 1.0 - alpha;
        var b = tail * n;
        var k = TailCount(b, n);
        if (n >= MinSampledLength)
        {
            var pivot = k <= MaxBlockTail && Vector.IsHardwareAccelerated ? BlockMaximaPivot(losses, k, scratch[n..]) : SamplePivot(losses, tail);
            var count = FilterAtLeast(losses, pivot, scratch);
            if (count >= k)
            {
                return SelectEqual(scratch[..count], k, b, out valueAtRisk);
            }
        }

        losses.CopyTo(scratch);
        return SelectEqual(scratch[..n], k, b, out valueAtRisk);
    }

    /// <summary>
    /// The <paramref name="k"/>-th largest of block maxima: the whole SIMD vectors are dealt round-robin
    /// into G groups (vector v to group v mod G), each lane of a group's element-wise maximum is the
    /// maximum of one block, and the loose scalars past the last vector are blocks of one. Every block
    /// maximum is a loss, so at least <paramref name="k"/> losses are at or above the pivot (the filter
    /// cannot miss the tail), and with about <see cref="BlocksPerTail"/>·k blocks only about k to 2k are.
    /// One SIMD pass (a max per vector, G independent chains) plus a small selection among the maxima,
    /// kept in <paramref name="maxima"/> (at least n doubles).
    /// </summary>
    private static double BlockMaximaPivot(ReadOnlySpan<double> losses, int k, Span<double> maxima)
    {
        var lanes = Vector<double>.Count;
        var vl = MemoryMarshal.Cast<double, Vector<double>>(losses);
        var vectors = vl.Length;

        // About BlocksPerTail·k blocks of at least two vectors each (fewer blocks on short vectors).
        var groups = Math.Min((BlocksPerTail * k + lanes - 1) / lanes, Math.Max(vectors / 2, 1));
        var mx = MemoryMarshal.Cast<double, Vector<double>>(maxima[..(groups * lanes)]);
        for (var g = 0; g < groups; g++)
        {
            var max = vl[g];
            for (var v = g + groups; v < vectors; v += groups)
            {
                max = Vector.Max(max, vl[v]);
            }

            mx[g] = max;
        }

        var m = groups * lanes;
        for (var i = vectors * lanes; i < losses.Length; i++)
        {
            maxima[m++] = losses[i];
        }

        return m >= k ? NthLargest(maxima[..m], k - 1) : Min(maxima[..m]);
    }

    private static double Min(ReadOnlySpan<double> values)
    {
        var min = values[0];
        for (var i = 1; i < values.Length; i++)
        {
            min = values[i] < min ? values[i] : min;
        }

        return min;
    }

    // k* = the first k with k ≥ b − ε·N (cumulative mass in units of one weight), at least 1.
    private static int TailCount(double b, int n)
    {
        var k = (int)Math.Ceiling(b - BoundaryTolerance * n);
        return k < 1 ? 1 : k > n ? n : k;
    }

    /// <summary>
    /// True when <paramref name="weights"/> is not empty and every weight equals the first (==, so ±0 alike):
    /// <see cref="Compute"/> then takes the equal-weight path, and a caller may use
    /// <see cref="ComputeEqualWeights"/> / <see cref="TryComputeEqualWeightsFromTop"/> directly. Allocates nothing.
    /// </summary>
    public static bool HasEqualWeights(ReadOnlySpan<double> weights)
    {
        if (weights.IsEmpty)
        {
            return false;
        }

        var w = weights[0];
        var i = 1;
        if (Vector.IsHardwareAccelerated && weights.Length >= Vector<double>.Count)
        {
            var vw = new Vector<double>(w);
            var v = MemoryMarshal.Cast<double, Vector<double>>(weights);
            for (var k = 0; k < v.Length; k++)
            {
                if (v[k] != vw)
                {
                    return false;
                }
            }

            i = v.Length * Vector<double>.Count;
        }

        for (; i < weights.Length; i++)
        {
            if (weights[i] != w)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Packs the losses at or above <paramref name="pivot"/> at the front of <paramref name="dst"/> (as
    /// long as the losses) and returns how many: whole SIMD lanes below the pivot are skipped with one
    /// compare, the others filtered branch-free.
    /// </summary>
    private static int FilterAtLeast(ReadOnlySpan<double> losses, double pivot, Span<double> dst)
    {
        var n = losses.Length;
        var count = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var lanes = Vector<double>.Count;
            var vp = new Vector<double>(pivot);
            var vl = MemoryMarshal.Cast<double, Vector<double>>(losses);
            for (var v = 0; v < vl.Length; v++)
            {
                if (!Vector.GreaterThanOrEqualAny(vl[v], vp))
                {
                    continue;
                }

                var end = (v + 1) * lanes;
                for (var j = v * lanes; j < end; j++)
                {
                    var l = losses[j];
                    dst[count] = l;
                    count += l >= pivot ? 1 : 0;
                }
            }

            i = vl.Length * lanes;
        }

        for (; i < n; i++)
        {
            var l = losses[i];
            dst[count] = l;
            count += l >= pivot ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// Equal weights: the <paramref name="k"/>-th largest of <paramref name="v"/> (k ≤ length) selected into
    /// place k − 1 with the k − 1 largest before it, then ES = (their sum + (b − (k − 1))·VaR) / b.
    /// </summary>
    private static double SelectEqual(Span<double> v, int k, double b, out double valueAtRisk)
    {
        var target = k - 1;
        valueAtRisk = NthLargest(v, target);
        return (Sum(v[..target]) + (b - target) * valueAtRisk) / b;
    }

    /// <summary>
    /// Three-way quickselect (median-of-three pivots, ties in their own block): rearranges
    /// <paramref name="v"/> so that place <paramref name="target"/> holds its (target + 1)-th largest value
    /// and every place before it a value at least as large; returns that value.
    /// </summary>
    private static double NthLargest(Span<double> v, int target)
    {
        if (target < MaxInsertionTarget && v.Length > SmallRange)
        {
            return TopInsertion(v, target);
        }

        var lo = 0;
        var hi = v.Length;
        while (hi - lo > SmallRange)
        {
            var pivot = MedianOfThree(v[lo], v[lo + ((hi - lo) >> 1)], v[hi - 1]);

            // Largest first: [lo, gt) > pivot, [gt, lt) == pivot, [lt, hi) < pivot.
            var gt = lo;
            var lt = hi;
            var i = lo;
            while (i < lt)
            {
                var x = v[i];
                if (x > pivot)
                {
                    v[i] = v[gt];
                    v[gt++] = x;
                    i++;
                }
                else if (x < pivot)
                {
                    lt--;
                    v[i] = v[lt];
                    v[lt] = x;
                }
                else
                {
                    i++;
                }
            }

            if (target < gt)
            {
                hi = gt;
            }
            else if (target < lt)
            {
                // A tied pivot: everything before it is at least as large.
                return pivot;
            }
            else
            {
                lo = lt;
            }
        }

        // Small range: sort it, largest first; the target is at its place.
        for (var j = lo + 1; j < hi; j++)
        {
            var x = v[j];
            var m = j - 1;
            while (m >= lo && v[m] < x)
            {
                v[m + 1] = v[m];
                m--;
            }

            v[m + 1] = x;
        }

        return v[target];
    }

    /// <summary>
    /// A pivot a little above the (1 − tail) quantile of an evenly spaced sample of the losses (32
    /// points below 256 scenarios, 64 from there), so that the losses at or above it usually carry
    /// the whole tail but are few. Keeps only the largest rank + 1 sample values.
    /// </summary>
    private static double SamplePivot(ReadOnlySpan<double> losses, double tail)
    {
        var size = losses.Length >= 4 * MaxSampleSize ? MaxSampleSize : MaxSampleSize / 2;
        var rank = (int)Math.Ceiling(tail * size) + SampleMargin;
        var keep = rank < size ? rank + 1 : size;
        Span<double> top = stackalloc double[keep];
        var step = losses.Length / size;
        var filled = 0;
        for (var k = 0; k < size; k++)
        {
            var x = losses[k * step + step / 2];
            if (filled == keep)
            {
                if (!(x > top[keep - 1]))
                {
                    continue;
                }

                filled--;
            }

            // Insertion into the kept values, largest first.
            var j = filled - 1;
            while (j >= 0 && top[j] < x)
            {
                top[j + 1] = top[j];
                j--;
            }

            top[j + 1] = x;
            filled++;
        }

        return top[keep - 1];
    }

    /// <summary>Σ values, SIMD with two accumulators (the weights' total mass).</summary>
    private static double Sum(ReadOnlySpan<double> values)
    {
        var i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= 2 * Vector<double>.Count)
        {
            var v = MemoryMarshal.Cast<double, Vector<double>>(values);
            var a = Vector<double>.Zero;
            var b = Vector<double>.Zero;
            var k = 0;
            for (; k + 1 < v.Length; k += 2)
            {
                a += v[k];
                b += v[k + 1];
            }

            if (k < v.Length)
            {
                a += v[k];
            }

            sum = Vector.Sum(a + b);
            i = v.Length * Vector<double>.Count;
        }

        for (; i < values.Length; i++)
        {
            sum += values[i];
        }

        return sum;
    }

    /// <summary>
    /// Weighted quickselect on <c>[lo, hi)</c> of the scratch pair, whose larger neighbours (already
    /// excluded) carry mass <paramref name="massAbove"/> and mass × loss <paramref name="lossMassAbove"/>.
    /// </summary>
    private static double Select(Span<double> l, Span<double> w, int lo, int hi, double beta, double target, double massAbove, double lossMassAbove, out double valueAtRisk)
    {
        var lastPivot = l[lo];
        while (hi - lo > SmallRange)
        {
            var mid = lo + ((hi - lo) >> 1);
            var pivot = MedianOfThree(l[lo], l[mid], l[hi - 1]);
            lastPivot = pivot;

            // Three-way partition, largest first: [lo, gt) > pivot, [gt, lt) == pivot, [lt, hi) < pivot.
            var gt = lo;
            var lt = hi;
            var i = lo;
            while (i < lt)
            {
                var x = l[i];
                if (x > pivot)
                {
                    Swap(l, w, i, gt);
                    gt++;
                    i++;
                }
                else if (x < pivot)
                {
                    lt--;
                    Swap(l, w, i, lt);
                }
                else
                {
                    i++;
                }
            }

            double wGreater = 0;
            double wlGreater = 0;
            for (var k = lo; k < gt; k++)
            {
                wGreater += w[k];
                wlGreater += w[k] * l[k];
            }

            double wEqual = 0;
            for (var k = gt; k < lt; k++)
            {
                wEqual += w[k];
            }

            if (massAbove + wGreater >= target)
            {
                hi = gt;
            }
            else if (massAbove + wGreater + wEqual >= target)
            {
                valueAtRisk = pivot;
                return (lossMassAbove + wlGreater + (beta - massAbove - wGreater) * pivot) / beta;
            }
            else
            {
                massAbove += wGreater + wEqual;
                lossMassAbove += wlGreater + wEqual * pivot;
                lo = lt;
            }
        }

        // Small range: sort it, largest first, and walk down to the boundary.
        for (var k = lo + 1; k < hi; k++)
        {
            var x = l[k];
            var y = w[k];
            var j = k - 1;
            while (j >= lo && l[j] < x)
            {
                l[j + 1] = l[j];
                w[j + 1] = w[j];
                j--;
            }

            l[j + 1] = x;
            w[j + 1] = y;
        }

        for (var k = lo; k < hi; k++)
        {
            if (massAbove + w[k] >= target)
            {
                valueAtRisk = l[k];
                return (lossMassAbove + (beta - massAbove) * l[k]) / beta;
            }

            massAbove += w[k];
            lossMassAbove += w[k] * l[k];
            lastPivot = l[k];
        }

        // Only reachable through rounding when the whole mass is (just) below the tail mass: the
        // smallest loss seen closes the tail.
        valueAtRisk = lastPivot;
        return (lossMassAbove + (beta - massAbove) * lastPivot) / beta;
    }

    /// <summary>
    /// <see cref="NthLargest"/> for a small target: the first target + 1 places are kept sorted, largest
    /// first, and a later value is inserted (the displaced smallest swapped to its place) only when it
    /// beats the current (target + 1)-th; usually few do, so this is one compare per value.
    /// </summary>
    private static double TopInsertion(Span<double> v, int target)
    {
        for (var j = 1; j <= target; j++)
        {
            var x = v[j];
            var m = j - 1;
            while (m >= 0 && v[m] < x)
            {
                v[m + 1] = v[m];
                m--;
            }

            v[m + 1] = x;
        }

        var floor = v[target];
        for (var i = target + 1; i < v.Length; i++)
        {
            var x = v[i];
            if (!(x > floor))
            {
                continue;
            }

            v[i] = floor;
            var m = target - 1;
            while (m >= 0 && v[m] < x)
            {
                v[m + 1] = v[m];
                m--;
            }

            v[m + 1] = x;
            floor = v[target];
        }

        return floor;
    }

    private static double MedianOfThree(double a, double b, double c)
    {
        if (a < b)
        {
            (a, b) = (b, a);
        }

        // a ≥ b: the median is b when c ≤ b, c when b < c ≤ a, a otherwise.
        return c <= b ? b : c <= a ? c : a;
    }

    private static void Swap(Span<double> l, Span<double> w, int i, int j)
    {
        (l[i], l[j]) = (l[j], l[i]);
        (w[i], w[j]) = (w[j], w[i]);
    }
}
