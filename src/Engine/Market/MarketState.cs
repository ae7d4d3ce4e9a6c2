using System.Runtime.CompilerServices;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Market;

/// <summary>
/// The current market and, per product group, its <b>anchor</b>: the market at which the group's risk
/// arrays and node Greeks were last built by full revaluation, with an <see cref="Epoch"/> that
/// increments at every re-anchor. Between anchors a tick costs O(1) (a futures price) or
/// O(options on that future) (a smile); accounts are never touched on a tick (DESIGN §5.2).
/// </summary>
/// <remarks>
/// <para><b>Anchor rows</b>, per instrument i and node s, pre-scaled for the incremental expansion
/// (wₛ weight, kₛ = <see cref="ScanParameters.PriceSlope"/>, k̃ᵢₛ = dσₛ/dσ of the node's vol shock):
/// RA[s] (weighted loss), D̃[s] = wₛ·kₛ·Δᵢₛ, G̃[s] = ½·wₛ·kₛ²·Γᵢₛ, Ṽ[s] = wₛ·k̃ᵢₛ·νᵢₛ, and at the
/// centre Δ₀, Γ₀, ν₀, the value and the futures-equivalent delta. The weighted loss after the
/// underlying future moved by dF and its ATM vol by dσ is then
/// <c>RA − dF·D̃ − dF²·G̃ − dσ·Ṽ + w·(Δ₀·dF + ½Γ₀·dF² + ν₀·dσ)</c>: the node-wise expansion of
/// DESIGN §5.2, where the last term is the move of the current value the losses are measured from.
/// Everything is linear in quantities, so accounts cache sums of these rows.</para>
/// <para><b>Vol moves</b> are one parallel shift per underlying future: dσ = σ_now(F_now, K_ref) −
/// σ_anchor(F_anchor, K_ref) with K_ref the anchor forward, read from the smile of the future's options
/// (<see cref="SetSmile"/>). Skew and term-structure changes inside one future's chain are not
/// expanded; the vol limit of the <see cref="ReanchorPolicy"/> bounds the error.</para>
/// <para><b>Time</b>: the engine reads no clock. <see cref="Now"/> advances with message timestamps;
/// instruments' expiries are relative to <see cref="ValuationTimeNanoseconds"/>, and each anchor prices
/// at its own time (<c>ExpiryYears − elapsed</c>). There is no theta term: the age limit re-anchors.</para>
/// <para><b>Cost bound of an epoch change</b>: a re-anchor rebuilds the group's instruments once
/// (O(instruments × nodes) Black-76 evaluations) on the market message that crossed a limit, never on
/// an order; an account pays for it lazily on its next event with a rebuild of its cached vectors for
/// that group, O(its positions in the group × nodes).</para>
/// <para>Single owner: one thread (the risk thread) calls every method. Price and smile updates and
/// the row accessors allocate nothing.</para>
/// </remarks>
public sealed class MarketState
{
    /// <summary>Nanoseconds in a year (ACT/365).</summary>
    public const double NanosecondsPerYear = 365.0 * 86_400 * 1e9;

    private const int RowsPerInstrument = 4;

    private readonly InstrumentTable _instruments;
    private readonly MarginOptions _options;
    private readonly MarketSnapshot _market;
    private readonly RiskArrayTable _arrays;
    private readonly ReanchorPolicy _policy;
    private readonly int _stride;
    private readonly int _maxFuturesPerGroup;
    private readonly int[] _groupStride;

    private readonly double[] _rows;
    private readonly double[] _d0;
    private readonly double[] _g0;
    private readonly double[] _v0;
    private readonly double[] _value0;
    private readonly double[] _de0;
    private readonly double[] _deSlope;
    private readonly double[] _deVolSlope;

    private readonly double[] _weights;
    private readonly double[] _minStep;
    private readonly long[] _epoch;
    private readonly long[] _anchorTime;
    private readonly long[] _version;
    private readonly int[][] _groupInstruments;
    private readonly int[] _groupFutures;
    private readonly int[] _groupFutureCount;

    private readonly int[] _ordinal;
    private readonly int[][] _futureOptions;
    private readonly VolSmile?[] _smile;
    private readonly double[] _anchorPrice;
    private readonly double[] _dF;
    private readonly double[] _dVol;
    private readonly double[] _refStrike;
    private readonly double[] _anchorVol;
    private readonly double[] _driftLimit;

    /// <summary>
    /// Creates the market state over a fully registered instrument table and a snapshot holding the
    /// starting prices and smiles (this object becomes the snapshot's only writer). No group is
    /// anchored until <see cref="ReanchorAll"/> or <see cref="Reanchor"/> is called.
    /// </summary>
    /// <param name="instruments">Registered instruments (registering more later is not supported).</param>
    /// <param name="options">Margin options: the scan of every group.</param>
    /// <param name="market">Current prices and smiles.</param>
    /// <param name="policy">Re-anchor limits.</param>
    /// <param name="valuationTimeNanoseconds">Message time at which the instruments' <see cref="Instrument.ExpiryYears"/> hold.</param>
    /// <param name="maxFuturesPerGroup">Largest number of futures in a group, in [1, 64]; every group must fit.</param>
    public MarketState(InstrumentTable instruments, MarginOptions options, MarketSnapshot market, ReanchorPolicy policy, long valuationTimeNanoseconds, int maxFuturesPerGroup)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(policy);
        if (options.Groups.Length != instruments.GroupCount)
        {
            ThrowHelper.Argument(nameof(options), "margin options need exactly one parameter set per product group.");
        }

        if (maxFuturesPerGroup is < 1 or > 64)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(maxFuturesPerGroup), maxFuturesPerGroup, "max futures per group must be in [1, 64].");
        }

        _instruments = instruments;
        _options = options;
        _market = market;
        _policy = policy;
        _maxFuturesPerGroup = maxFuturesPerGroup;
        _arrays = new RiskArrayTable(instruments, options.MaxNodes);
        _stride = _arrays.NodeStride;
        ValuationTimeNanoseconds = valuationTimeNanoseconds;
        Now = valuationTimeNanoseconds;

        var capacity = instruments.Capacity;
        var groups = instruments.GroupCount;
        _rows = new double[checked(capacity * RowsPerInstrument * _stride)];
        _d0 = new double[capacity];
        _g0 = new double[capacity];
        _v0 = new double[capacity];
        _value0 = new double[capacity];
        _de0 = new double[capacity];
        _deSlope = new double[capacity];
        _deVolSlope = new double[capacity];

        _weights = new double[groups * _stride];
        _groupStride = new int[groups];
        _minStep = new double[groups];
        _epoch = new long[groups];
        _anchorTime = new long[groups];
        _version = new long[groups];
        _groupInstruments = new int[groups][];
        _groupFutures = new int[groups * maxFuturesPerGroup];
        _groupFutureCount = new int[groups];

        _ordinal = new int[capacity];
        _futureOptions = new int[capacity][];
        _smile = new VolSmile?[capacity];
        _anchorPrice = new double[capacity];
        _dF = new double[capacity];
        _dVol = new double[capacity];
        _refStrike = new double[capacity];
        _anchorVol = new double[capacity];
        _driftLimit = new double[capacity];

        IndexInstruments();
        for (var g = 0; g < groups; g++)
        {
            var scan = options.Groups[g].Scan;
            var points = scan.Points;
            for (var s = 0; s < points.Length; s++)
            {
                _weights[g * _stride + s] = points[s].Weight;
            }

            // The group's own node count (or the engine's explicit node capacity, so a later RiskParameters
            // can bring a larger scan) in whole SIMD lanes: accounts store and read only that much.
            var lanes = System.Numerics.Vector<double>.Count;
            _groupStride[g] = (Math.Max(points.Length, options.NodeCapacity) + lanes - 1) / lanes * lanes;

            _minStep[g] = SmallestStep(points) * scan.PriceScanRange;
        }
    }

    /// <summary>The current market (prices and smiles); read it, never write it: updates go through this object.</summary>
    public MarketSnapshot Current => _market;

    /// <summary>The instruments.</summary>
    public InstrumentTable Instruments => _instruments;

    /// <summary>The margin options (scans per group).</summary>
    public MarginOptions Options => _options;

    /// <summary>The re-anchor limits.</summary>
    public ReanchorPolicy Policy => _policy;

    /// <summary>Doubles per row (the scan node count padded to whole SIMD lanes).</summary>
    public int NodeStride => _stride;

    /// <summary>
    /// Doubles of a row that carry the group's scan: its node count rounded up to whole SIMD lanes
    /// (≤ <see cref="NodeStride"/>; the rest of every row of the group is zero). Account vectors of the
    /// group are packed at this stride, so a group with fewer nodes touches less memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GroupStride(int group) => _groupStride[group];

    /// <summary>Largest number of futures per group this state was sized for.</summary>
    public int MaxFuturesPerGroup => _maxFuturesPerGroup;

    /// <summary>Message time at which instrument expiries hold.</summary>
    public long ValuationTimeNanoseconds { get; }

    /// <summary>Engine time: the latest message timestamp seen (never goes backwards).</summary>
    public long Now { get; private set; }

    /// <summary>Years from <see cref="ValuationTimeNanoseconds"/> to <see cref="Now"/>.</summary>
    public double ElapsedYears => (Now - ValuationTimeNanoseconds) / NanosecondsPerYear;

    /// <summary>Number of re-anchors performed (all groups, all reasons).</summary>
    public long ReanchorCount { get; private set; }

    /// <summary>The reason of the last re-anchor.</summary>
    public ReanchorReason LastReanchorReason { get; private set; }

    /// <summary>Epoch of a group: 0 before its first anchor, then incremented at every re-anchor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Epoch(int group) => _epoch[group];

    /// <summary>True once a group has an anchor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsAnchored(int group) => _epoch[group] != 0;

    /// <summary>Message time of the group's anchor.</summary>
    public long AnchorTime(int group) => _anchorTime[group];

    /// <summary>Incremented at every price, smile or anchor change of the group.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Version(int group) => _version[group];

    /// <summary>Number of futures in a group.</summary>
    public int FutureCount(int group) => _groupFutureCount[group];

    /// <summary>The future with ordinal <paramref name="ordinal"/> (registration order) in its group.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GroupFuture(int group, int ordinal) => _groupFutures[group * _maxFuturesPerGroup + ordinal];

    /// <summary>Ordinal of a future inside its group (for an option: of its underlying future).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FutureOrdinal(int instrument) => _ordinal[_instruments[instrument].Underlying];

    /// <summary>Price of the future at its group's anchor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double AnchorPrice(int future) => _anchorPrice[future];

    /// <summary>Price move of the future since its group's anchor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double PriceMove(int future) => _dF[future];

    /// <summary>ATM vol move of the future's options since its group's anchor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double VolMove(int future) => _dVol[future];

    /// <summary>Drift limit of the future in price units (set at each anchor).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double DriftLimit(int future) => _driftLimit[future];

    /// <summary>Anchor weighted-loss row of an instrument (<see cref="GroupStride"/> of its group long; zero past the node count).</summary>
    public ReadOnlySpan<double> AnchorLosses(int instrument) => new(_rows, RowsOffset(instrument), _groupStride[_instruments[instrument].Group]);

    /// <summary>
    /// The anchor rows of every instrument: per instrument, RA, D̃, G̃, Ṽ one after the other, each
    /// <see cref="GroupStride"/> of its group long, starting at <see cref="RowsOffset"/> — the same
    /// packing as an account's cached block, so adding an instrument to a block is one contiguous pass.
    /// </summary>
    internal double[] Rows => _rows;

    /// <summary>Index in <see cref="Rows"/> of an instrument's RA row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int RowsOffset(int instrument) => instrument * RowsPerInstrument * _stride;

    internal double[] Weights => _weights;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double CentreDelta(int instrument) => _d0[instrument];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double CentreGamma(int instrument) => _g0[instrument];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double CentreVega(int instrument) => _v0[instrument];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double CentreValue(int instrument) => _value0[instrument];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double DeltaEquivalent(int instrument) => _de0[instrument];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double DeltaEquivalentSlope(int instrument) => _deSlope[instrument];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double DeltaEquivalentVolSlope(int instrument) => _deVolSlope[instrument];

    /// <summary>
    /// Advances engine time to <paramref name="timestampNanoseconds"/> (earlier stamps are ignored) and
    /// re-anchors every anchored group whose anchor is older than the age limit. Returns the number of
    /// groups re-anchored. Allocates nothing.
    /// </summary>
    public int AdvanceTime(long timestampNanoseconds)
    {
        if (timestampNanoseconds > Now)
        {
            Now = timestampNanoseconds;
        }

        var count = 0;
        for (var g = 0; g < _epoch.Length; g++)
        {
            if (_epoch[g] != 0 && Now - _anchorTime[g] > _policy.MaxAgeNanoseconds)
            {
                ReanchorGroup(g, ReanchorReason.Age);
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// A futures price tick at message time <paramref name="timestampNanoseconds"/>: O(1) unless the
    /// move since the anchor leaves the limit ellipse (dF / drift limit)² + (dσ / vol limit)² ≤ 1, in
    /// which case the group is re-anchored on this message.
    /// Returns the re-anchor reason (<see cref="ReanchorReason.None"/> when none). Allocates nothing.
    /// </summary>
    public ReanchorReason SetFuturePrice(int future, double price, long timestampNanoseconds)
    {
        ref readonly var inst = ref _instruments[future];
        if (inst.Kind != InstrumentKind.Future)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(future), future, "instrument is not a future.");
        }

        if (AdvanceTime(timestampNanoseconds) > 0)
        {
            LastReanchorReason = ReanchorReason.Age;
        }

        _market.SetPrice(future, price);
        var g = inst.Group;
        _version[g]++;
        if (_epoch[g] == 0)
        {
            return ReanchorReason.None;
        }

        _dF[future] = price - _anchorPrice[future];
        UpdateVolMove(future);
        return CheckLimits(future, g);
    }

    /// <summary>
    /// A vol surface update for the options on <paramref name="future"/>: every option on it is priced
    /// with <paramref name="smile"/> from now on (O(options on the future)). Re-anchors the group when
    /// the ATM vol moved past the limit. Returns the re-anchor reason. Allocates nothing.
    /// </summary>
    public ReanchorReason SetSmile(int future, VolSmile smile, long timestampNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(smile);
        ref readonly var inst = ref _instruments[future];
        if (inst.Kind != InstrumentKind.Future)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(future), future, "instrument is not a future.");
        }

        AdvanceTime(timestampNanoseconds);
        foreach (var option in _futureOptions[future])
        {
            _market.SetSmile(option, smile);
        }

        _smile[future] = smile;
        var g = inst.Group;
        _version[g]++;
        if (_epoch[g] == 0)
        {
            return ReanchorReason.None;
        }

        UpdateVolMove(future);
        return CheckLimits(future, g);
    }

    /// <summary>Anchors every group at the current market (start-up).</summary>
    public void ReanchorAll()
    {
        for (var g = 0; g < _epoch.Length; g++)
        {
            ReanchorGroup(g, ReanchorReason.Manual);
        }
    }

    /// <summary>
    /// The group's scan parameters were replaced in <see cref="Options"/> (a RiskParameters message):
    /// recomputes the group's node weights and smallest step and, when the group is anchored, re-anchors
    /// it (new epoch; accounts rebuild their vectors for it lazily). Returns true when it re-anchored.
    /// The new scan must fit <see cref="NodeStride"/>. Allocates nothing. Owner thread.
    /// </summary>
    public bool ApplyScanChange(int group)
    {
        var scan = _options.Groups[group].Scan;
        var points = scan.Points;
        if (points.Length > _stride)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(group), points.Length, "the group's new scan has more nodes than the market state was sized for.");
        }

        var weights = _weights.AsSpan(group * _stride, _stride);
        weights.Clear();
        for (var s = 0; s < points.Length; s++)
        {
            weights[s] = points[s].Weight;
        }

        _minStep[group] = SmallestStep(points) * scan.PriceScanRange;
        _version[group]++;
        if (_epoch[group] == 0)
        {
            return false;
        }

        ReanchorGroup(group, ReanchorReason.Manual);
        return true;
    }

    /// <summary>
    /// Re-anchors one group at the current market and time: rebuilds its instruments' risk arrays
    /// and node Greeks by full revaluation and increments its epoch. Allocates nothing. Throws
    /// <see cref="InvalidOperationException"/> when a price or smile of the group is missing.
    /// </summary>
    public void Reanchor(int group) => ReanchorGroup(group, ReanchorReason.Manual);

    private void ReanchorGroup(int group, ReanchorReason reason)
    {
        var scan = _options.Groups[group].Scan;
        var elapsed = Math.Max(ElapsedYears, 0.0);

        // The shocked vols of one option's nodes (scan.ShockedVols: the tenor factor once per option).
        Span<double> nodeVols = stackalloc double[ScanParameters.MaxPoints];
        var members = _groupInstruments[group];
        var m = 0;
        while (m < members.Length)
        {
            // A call and a put of one strike next to each other (as listed) are priced in one pass.
            var i = members[m];
            if (m + 1 < members.Length)
            {
                var j = members[m + 1];
                if (_arrays.TryBuildCallPutAt(i, j, scan, _market, elapsed) || _arrays.TryBuildCallPutAt(j, i, scan, _market, elapsed))
                {
                    Anchor(i, group, scan, elapsed, nodeVols);
                    Anchor(j, group, scan, elapsed, nodeVols);
                    m += 2;
                    continue;
                }
            }

            _arrays.BuildAt(i, scan, _market, elapsed);
            Anchor(i, group, scan, elapsed, nodeVols);
            m++;
        }

        var futures = _groupFutureCount[group];
        for (var o = 0; o < futures; o++)
        {
            var f = _groupFutures[group * _maxFuturesPerGroup + o];
            var price = _market.Price(f);
            _anchorPrice[f] = price;
            _dF[f] = 0;
            _dVol[f] = 0;
            _refStrike[f] = price;
            var smile = _smile[f];
            _anchorVol[f] = smile is null ? 0 : smile.Vol(price, price);
            var step = _minStep[group] * _policy.DriftFraction;
            _driftLimit[f] = scan.PriceScanKind == ScanRangeKind.Relative ? Math.Abs(price) * step : step;
        }

        _epoch[group]++;
        _anchorTime[group] = Now;
        _version[group]++;
        ReanchorCount++;
        LastReanchorReason = reason;
    }

    // One instrument's anchor rows and centre values from its freshly built risk arrays.
    private void Anchor(int i, int group, ScanParameters scan, double elapsed, Span<double> nodeVols)
    {
        var points = scan.Points;
        var nodes = scan.Count;
        ref readonly var inst = ref _instruments[i];
        var n = _groupStride[group];
        var offset = RowsOffset(i);
        _arrays.Losses(i)[..n].CopyTo(_rows.AsSpan(offset, n));
        var dS = _rows.AsSpan(offset + n, n);
        var gS = _rows.AsSpan(offset + 2 * n, n);
        var vS = _rows.AsSpan(offset + 3 * n, n);
        _de0[i] = _arrays.DeltaEquivalent(i);
        _value0[i] = _arrays.Value(i);
        if (_arrays.IsExternal(i))
        {
            // An external array cannot be expanded: it is taken as is until the next anchor.
            dS.Clear();
            gS.Clear();
            vS.Clear();
            _d0[i] = 0;
            _g0[i] = 0;
            _v0[i] = 0;
            _deSlope[i] = 0;
            _deVolSlope[i] = 0;
            return;
        }

        _d0[i] = _arrays.CentreDelta(i);
        _g0[i] = _arrays.CentreGamma(i);
        _v0[i] = _arrays.CentreVega(i);
        _deSlope[i] = _arrays.CentreGamma(i) / _instruments[inst.Underlying].Multiplier;
        var delta = _arrays.Deltas(i);
        var gamma = _arrays.Gammas(i);
        var vega = _arrays.Vegas(i);
        for (var s = 0; s < nodes; s++)
        {
            var w = points[s].Weight;
            var k = scan.PriceSlope(s);
            dS[s] = w * k * delta[s];
            gS[s] = 0.5 * w * k * k * gamma[s];
        }

        if (inst.IsOption)
        {
            // The build read σ(F, K) from the smile and priced the centre with it; its vanna moves the
            // futures-equivalent delta with the vol (spread charges, credits).
            var vol = _arrays.CentreVol(i);
            _deVolSlope[i] = _arrays.CentreVanna(i) * inst.Multiplier / _instruments[inst.Underlying].Multiplier;
            scan.ShockedVols(vol, inst.ExpiryYears - elapsed, nodeVols);
            for (var s = 0; s < nodes; s++)
            {
                vS[s] = points[s].Weight * VolSlope(scan.VolScanKind, nodeVols[s], vol) * vega[s];
            }

            vS[nodes..].Clear();
        }
        else
        {
            _deVolSlope[i] = 0;
            vS.Clear();
        }

        // Past the node count the rows stay zero (SIMD padding).
        dS[nodes..].Clear();
        gS[nodes..].Clear();
    }

    // The limits are one ellipse, (dF / drift limit)² + (dσ / vol limit)² ≤ 1: the expansion has no
    // dF·dσ cross (vanna) term, so a full drift and a full vol move together are not tolerated.
    private ReanchorReason CheckLimits(int future, int group)
    {
        var x = _dF[future] / _driftLimit[future];
        var y = _dVol[future] / _policy.VolLimit;
        if (x * x + y * y <= 1)
        {
            return ReanchorReason.None;
        }

        var reason = x * x >= y * y ? ReanchorReason.PriceDrift : ReanchorReason.VolMove;
        ReanchorGroup(group, reason);
        return reason;
    }

    private void UpdateVolMove(int future)
    {
        var smile = _smile[future];
        _dVol[future] = smile is null ? 0 : smile.Vol(_market.Price(future), _refStrike[future]) - _anchorVol[future];
    }

    // dσₛ/dσ of the node's vol shock, from the node's shocked vol σₛ: 1 + shock (σₛ/σ) for a relative
    // scan, 1 for an absolute one, 0 where the shocked vol sits on the floor.
    private static double VolSlope(ScanRangeKind kind, double shocked, double vol)
    {
        if (!(shocked > ScanParameters.MinVol) || !(vol > 0))
        {
            return 0;
        }

        return kind == ScanRangeKind.Relative ? shocked / vol : 1.0;
    }

    private static double SmallestStep(ReadOnlySpan<ScanPoint> points)
    {
        var step = double.PositiveInfinity;
        for (var a = 0; a < points.Length; a++)
        {
            // Steps are measured between distinct price moves, the unchanged price included.
            var gapToZero = Math.Abs(points[a].PriceMove);
            if (gapToZero > 1e-12 && gapToZero < step)
            {
                step = gapToZero;
            }

            for (var b = a + 1; b < points.Length; b++)
            {
                var gap = Math.Abs(points[a].PriceMove - points[b].PriceMove);
                if (gap > 1e-12 && gap < step)
                {
                    step = gap;
                }
            }
        }

        return double.IsPositiveInfinity(step) ? 1.0 : step;
    }

    private void IndexInstruments()
    {
        var groups = _instruments.GroupCount;
        var counts = new int[groups];
        var optionCounts = new int[_instruments.Capacity];
        for (var i = 0; i < _instruments.Count; i++)
        {
            ref readonly var inst = ref _instruments[i];
            counts[inst.Group]++;
            if (inst.Kind == InstrumentKind.Future)
            {
                var g = inst.Group;
                if (_groupFutureCount[g] == _maxFuturesPerGroup)
                {
                    ThrowHelper.ArgumentOutOfRange("maxFuturesPerGroup", _maxFuturesPerGroup, "group " + g + " has more futures than max futures per group.");
                }

                _ordinal[i] = _groupFutureCount[g];
                _groupFutures[g * _maxFuturesPerGroup + _groupFutureCount[g]++] = i;
            }
            else
            {
                optionCounts[inst.Underlying]++;
            }
        }

        for (var g = 0; g < groups; g++)
        {
            _groupInstruments[g] = new int[counts[g]];
            counts[g] = 0;
        }

        for (var i = 0; i < _instruments.Count; i++)
        {
            ref readonly var inst = ref _instruments[i];
            _groupInstruments[inst.Group][counts[inst.Group]++] = i;
            if (inst.Kind == InstrumentKind.Future)
            {
                _futureOptions[i] = new int[optionCounts[i]];
                optionCounts[i] = 0;
            }
        }

        for (var i = 0; i < _instruments.Count; i++)
        {
            ref readonly var inst = ref _instruments[i];
            if (inst.IsOption)
            {
                var f = inst.Underlying;
                _futureOptions[f][optionCounts[f]++] = i;
                _smile[f] ??= _market.Smile(i);
            }
        }

        for (var i = 0; i < _instruments.Capacity; i++)
        {
            _futureOptions[i] ??= [];
        }
    }
}
