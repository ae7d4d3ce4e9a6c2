namespace RiskGate.Engine.Pricing;

/// <summary>
/// The volatility surface of one product group: one <see cref="VolSmile"/> per option expiry, ordered by
/// expiry, checked free of calendar arbitrage. Immutable: built once per surface update (off the order
/// path) and then read by any thread without locking.
/// </summary>
/// <remarks>
/// <para>
/// Expiries are opaque <see cref="ulong"/> keys as the group's instruments carry them (for example the
/// expiry instant in UTC nanoseconds); the surface only relies on their order, which must match the
/// order of the smiles' <see cref="VolSmile.TimeToExpiry"/>. A surface message for one expiry becomes
/// <see cref="TryWith"/>: a new validated surface, or a reason and the old surface untouched.
/// </para>
/// <para>
/// Calendar check (<see cref="Validate"/>, also run by the constructor): for each pair of consecutive
/// smiles, total variance must not decrease with expiry, w₍ᵢ₊₁₎(k) ≥ wᵢ(k) − 1e-12, on the grid
/// k = −4, −3.99, …, +4 (801 points) plus every node of either smile when it is a <see cref="GridSmile"/>,
/// restricted to the strikes both smiles actually define: a multi-point grid smile narrows the range
/// to its first and last node (its flat-vol extrapolation is a convention, and would otherwise cross
/// any SVI wing far out), and the range's ends are checked too. Each smile is validated on its own
/// when it is built.
/// </para>
/// <para>
/// Between expiries, <see cref="TotalVariance(double, double)"/> interpolates linearly in time at fixed
/// log-moneyness (which preserves the calendar ordering); before the first expiry it scales the first
/// smile's variance in proportion to time (constant vol), after the last it holds the last smile's vol.
/// </para>
/// </remarks>
public sealed class VolSurface
{
    /// <summary>Half-width of the calendar check's log-moneyness grid.</summary>
    public const double CalendarGridHalfWidth = 4.0;

    /// <summary>Spacing of the calendar check's log-moneyness grid.</summary>
    public const double CalendarGridStep = 0.01;

    private const double CalendarTolerance = 1e-12;

    private readonly ulong[] _expiries;
    private readonly VolSmile[] _smiles;

    /// <summary>
    /// Creates the surface; throws <see cref="ArgumentException"/> naming the expiry index when the
    /// lengths differ, a smile is null, the expiries or times are not strictly increasing, or there is
    /// calendar arbitrage.
    /// </summary>
    public VolSurface(ReadOnlySpan<ulong> expiries, ReadOnlySpan<VolSmile> smiles)
    {
        Validate(expiries, smiles).ThrowIfInvalid();
        _expiries = expiries.ToArray();
        _smiles = smiles.ToArray();
    }

    private VolSurface(ulong[] expiries, VolSmile[] smiles)
    {
        _expiries = expiries;
        _smiles = smiles;
    }

    /// <summary>Number of expiries.</summary>
    public int Count => _expiries.Length;

    /// <summary>Expiry key at <paramref name="index"/> (ascending).</summary>
    public ulong ExpiryAt(int index) => _expiries[index];

    /// <summary>Smile at <paramref name="index"/> (ascending expiry).</summary>
    public VolSmile SmileAt(int index) => _smiles[index];

    /// <summary>
    /// Checks a surface without throwing (see remarks). Any thread may call it; allocates nothing.
    /// </summary>
    public static SmileValidation Validate(ReadOnlySpan<ulong> expiries, ReadOnlySpan<VolSmile> smiles)
    {
        if (expiries.Length < 1 || expiries.Length != smiles.Length)
        {
            return new SmileValidation(SmileError.BadShape, nameof(smiles), smiles.Length, expiries.Length);
        }

        for (var i = 0; i < smiles.Length; i++)
        {
            if (smiles[i] is null)
            {
                return new SmileValidation(SmileError.BadShape, nameof(smiles), double.NaN, i);
            }

            if (i > 0 && !(expiries[i] > expiries[i - 1]))
            {
                return new SmileValidation(SmileError.ExpiryOrder, nameof(expiries), expiries[i], i);
            }

            if (i > 0 && !(smiles[i].TimeToExpiry > smiles[i - 1].TimeToExpiry))
            {
                return new SmileValidation(SmileError.ExpiryOrder, nameof(smiles), smiles[i].TimeToExpiry, i);
            }
        }

        for (var i = 1; i < smiles.Length; i++)
        {
            var near = smiles[i - 1];
            var far = smiles[i];
            var lo = -CalendarGridHalfWidth;
            var hi = CalendarGridHalfWidth;
            NarrowToNodes(near, ref lo, ref hi);
            NarrowToNodes(far, ref lo, ref hi);
            if (lo > hi)
            {
                continue; // two grids without common strikes: nothing is quoted at the same k
            }

            var steps = (int)Math.Round(2 * CalendarGridHalfWidth / CalendarGridStep);
            for (var j = -1; j <= steps + 1; j++)
            {
                // j = −1 and steps + 1 stand for the range's own ends.
                var k = j < 0 ? lo : (j > steps ? hi : -CalendarGridHalfWidth + (j * CalendarGridStep));
                if (k < lo || k > hi)
                {
                    continue;
                }

                var check = CheckAt(near, far, k, i);
                if (!check.IsValid)
                {
                    return check;
                }
            }

            var nodes = CheckNodes(near, near, far, lo, hi, i);
            if (!nodes.IsValid)
            {
                return nodes;
            }

            nodes = CheckNodes(far, near, far, lo, hi, i);
            if (!nodes.IsValid)
            {
                return nodes;
            }
        }

        return SmileValidation.Valid;
    }

    /// <summary>
    /// Non-throwing construction for callers that must not throw (the gate refusing a bad surface
    /// message): on success <paramref name="surface"/> is the new surface, otherwise null and the result
    /// says why. Allocates the surface.
    /// </summary>
    public static SmileValidation TryCreate(ReadOnlySpan<ulong> expiries, ReadOnlySpan<VolSmile> smiles, out VolSurface? surface)
    {
        var validation = Validate(expiries, smiles);
        surface = validation.IsValid ? new VolSurface(expiries.ToArray(), smiles.ToArray()) : null;
        return validation;
    }

    /// <summary>
    /// This surface with <paramref name="expiry"/>'s smile replaced, or inserted in expiry order, after
    /// validating the whole result (calendar included); this instance is never modified. On failure
    /// <paramref name="updated"/> is null and the result says why. Allocates the new surface: call it
    /// once per surface update, off the order path.
    /// </summary>
    public SmileValidation TryWith(ulong expiry, VolSmile smile, out VolSurface? updated)
    {
        updated = null;
        if (smile is null)
        {
            return new SmileValidation(SmileError.BadShape, nameof(smile), double.NaN, double.NaN);
        }

        var index = Array.BinarySearch(_expiries, expiry);
        ulong[] expiries;
        VolSmile[] smiles;
        if (index >= 0)
        {
            expiries = (ulong[])_expiries.Clone();
            smiles = (VolSmile[])_smiles.Clone();
            smiles[index] = smile;
        }
        else
        {
            var at = ~index;
            expiries = new ulong[_expiries.Length + 1];
            smiles = new VolSmile[_smiles.Length + 1];
            Array.Copy(_expiries, expiries, at);
            Array.Copy(_smiles, smiles, at);
            expiries[at] = expiry;
            smiles[at] = smile;
            Array.Copy(_expiries, at, expiries, at + 1, _expiries.Length - at);
            Array.Copy(_smiles, at, smiles, at + 1, _smiles.Length - at);
        }

        var validation = Validate(expiries, smiles);
        if (validation.IsValid)
        {
            updated = new VolSurface(expiries, smiles);
        }

        return validation;
    }

    /// <summary>The smile of <paramref name="expiry"/>; false when the surface has no such expiry.</summary>
    public bool TryGetSmile(ulong expiry, out VolSmile smile)
    {
        var index = Array.BinarySearch(_expiries, expiry);
        if (index < 0)
        {
            smile = null!;
            return false;
        }

        smile = _smiles[index];
        return true;
    }

    /// <summary>Vol of <paramref name="expiry"/>'s smile at (F, K); false (vol NaN) when the expiry is unknown.</summary>
    public bool TryGetVol(ulong expiry, double forward, double strike, out double vol)
    {
        if (!TryGetSmile(expiry, out var smile))
        {
            vol = double.NaN;
            return false;
        }

        vol = smile.Vol(forward, strike);
        return true;
    }

    /// <summary>
    /// Total variance at time <paramref name="timeToExpiry"/> (years, ≥ 0) and log-moneyness
    /// <paramref name="k"/>, interpolated across expiries as described in the remarks.
    /// </summary>
    public double TotalVariance(double timeToExpiry, double k)
    {
        var t = timeToExpiry > 0 ? timeToExpiry : 0.0;
        var first = _smiles[0];
        if (t <= first.TimeToExpiry)
        {
            return first.TimeToExpiry > 0 ? first.TotalVariance(k) * (t / first.TimeToExpiry) : 0.0;
        }

        var lastIndex = _smiles.Length - 1;
        var last = _smiles[lastIndex];
        if (t >= last.TimeToExpiry)
        {
            return last.TotalVariance(k) * (t / last.TimeToExpiry);
        }

        var hi = 1;
        while (_smiles[hi].TimeToExpiry < t)
        {
            hi++;
        }

        var near = _smiles[hi - 1];
        var far = _smiles[hi];
        var weight = (t - near.TimeToExpiry) / (far.TimeToExpiry - near.TimeToExpiry);
        var wNear = near.TotalVariance(k);
        return wNear + (weight * (far.TotalVariance(k) - wNear));
    }

    /// <summary>Black vol at time <paramref name="timeToExpiry"/> &gt; 0 for (F, K), from <see cref="TotalVariance(double, double)"/>.</summary>
    public double Vol(double timeToExpiry, double forward, double strike)
        => Math.Sqrt(TotalVariance(timeToExpiry, Math.Log(strike / forward)) / timeToExpiry);

    private static void NarrowToNodes(VolSmile smile, ref double lo, ref double hi)
    {
        if (smile is GridSmile { Count: > 1 } grid)
        {
            lo = Math.Max(lo, grid.LogMoneynessAt(0));
            hi = Math.Min(hi, grid.LogMoneynessAt(grid.Count - 1));
        }
    }

    private static SmileValidation CheckAt(VolSmile near, VolSmile far, double k, int index)
    {
        var drop = near.TotalVariance(k) - far.TotalVariance(k);
        return drop <= CalendarTolerance
            ? SmileValidation.Valid
            : new SmileValidation(SmileError.Calendar, "smiles", drop, index);
    }

    private static SmileValidation CheckNodes(VolSmile source, VolSmile near, VolSmile far, double lo, double hi, int index)
    {
        if (source is not GridSmile grid)
        {
            return SmileValidation.Valid;
        }

        for (var n = 0; n < grid.Count; n++)
        {
            var k = grid.LogMoneynessAt(n);
            if (k >= lo && k <= hi)
            {
                var check = CheckAt(near, far, k, index);
                if (!check.IsValid)
                {
                    return check;
                }
            }
        }

        return SmileValidation.Valid;
    }
}
