using System.Numerics;

namespace RiskGate.Host.Simulate;

/// <summary>
/// A log-linear latency histogram in nanoseconds (HdrHistogram's layout with 2,048 sub-buckets, i.e.
/// three significant digits, up to about 2⁴⁰ ns). Recording is one array increment and allocates
/// nothing; percentiles report the highest value equivalent to the bucket. Owned by one thread.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 11;
    private const int SubBucketCount = 1 << SubBucketBits;
    private const int HalfCount = SubBucketCount / 2;
    private const int MaxShift = 30;

    private readonly long[] _counts = new long[(MaxShift + 2) * HalfCount];

    /// <summary>Values recorded.</summary>
    public long Count { get; private set; }

    /// <summary>Largest value recorded (exact).</summary>
    public long Max { get; private set; }

    /// <summary>Records one value; negatives count as 0, values beyond the range as the top bucket.</summary>
    public void Record(long nanoseconds)
    {
        if (nanoseconds < 0)
        {
            nanoseconds = 0;
        }

        if (nanoseconds > Max)
        {
            Max = nanoseconds;
        }

        var index = Index(nanoseconds);
        if (index >= _counts.Length)
        {
            index = _counts.Length - 1;
        }

        _counts[index]++;
        Count++;
    }

    /// <summary>Forgets every value.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        Count = 0;
        Max = 0;
    }

    /// <summary>The value at <paramref name="percentile"/> (0–100): the top of the bucket holding that rank; 0 when empty.</summary>
    public long Percentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(percentile / 100.0 * Count);
        rank = Math.Clamp(rank, 1, Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(HighestEquivalent(i), Max);
            }
        }

        return Max;
    }

    private static int Index(long v)
    {
        if (v < SubBucketCount)
        {
            return (int)v;
        }

        var shift = 63 - BitOperations.LeadingZeroCount((ulong)v) - (SubBucketBits - 1);
        return ((shift + 1) * HalfCount) + (int)(v >> shift) - HalfCount;
    }

    private static long HighestEquivalent(int index)
    {
        if (index < SubBucketCount)
        {
            return index;
        }

        var shift = (index / HalfCount) - 1;
        var sub = (index % HalfCount) + HalfCount;
        return ((long)(sub + 1) << shift) - 1;
    }
}
