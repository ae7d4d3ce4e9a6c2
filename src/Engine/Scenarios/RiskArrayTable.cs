using System.Numerics;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Pricing;

namespace RiskGate.Engine.Scenarios;

/// <summary>
/// Risk arrays of every instrument, built by full revaluation, stored flat (instrument-major, one
/// row of <see cref="NodeStride"/> doubles per instrument) so a scenario vector is updated with
/// <c>L += q · RA_i</c> over whole <see cref="Vector{T}"/> lanes. Rows are zero past the group's
/// node count, so padding lanes never change a scan.
/// </summary>
/// <remarks>
/// <para>Per instrument i and scan node s (money, account currency, one long contract):</para>
/// <list type="bullet">
/// <item><c>Losses(i)[s]</c> = −(V(Fₛ, σₛ, T − look-ahead) − V(F, σ, T)) · multiplier · weightₛ: positive is a loss,
/// weighted by the node's weight. Futures: −(Fₛ − F) · multiplier · weightₛ.</item>
/// <item><c>Deltas(i)[s]</c>, <c>Gammas(i)[s]</c>, <c>Vegas(i)[s]</c>: ∂V/∂F, ∂²V/∂F², ∂V/∂σ of the value
/// (not the loss) at the node's shocked state, times the multiplier, not weighted. With
/// <c>kₛ = ScanParameters.PriceSlope(s)</c> the incremental path (DESIGN §5.2) expands the weighted loss
/// after a move dF, dσ as RA[s] − wₛ·((D[s]·kₛ − D₀)·dF + ½(G[s]·kₛ² − G₀)·dF² + (V[s] − V₀)·dσ).</item>
/// <item>Centre values: <see cref="InstrumentRiskRows.Value"/> (premium × multiplier; 0 for a future), <see cref="InstrumentRiskRows.CentreDelta"/>,
/// <see cref="InstrumentRiskRows.CentreGamma"/>, <see cref="InstrumentRiskRows.CentreVega"/> at the current, unaged state, and
/// <see cref="InstrumentRiskRows.DeltaEquivalent"/>, the delta in contracts of the underlying future.</item>
/// </list>
/// <para>An externally supplied array (a clearing house's SPAN file) replaces the computed losses of
/// its instrument on every later build; the Greeks stay those of the model, and the supplied composite
/// delta, when given, replaces <see cref="InstrumentRiskRows.DeltaEquivalent"/>. <see cref="IsExternal"/> tells the
/// incremental path such a row cannot be expanded and must be taken as is.</para>
/// <para>Single owner: built and read on the engine's thread. <see cref="Build"/> allocates nothing.</para>
/// </remarks>
public sealed class RiskArrayTable : InstrumentRiskRows
{
    private readonly double[] _externalLoss;
    private readonly double[] _externalDelta;
    private readonly int[] _nodeCount;
    private readonly bool[] _external;
    private readonly double[] _centreVol;
    private readonly double[] _centreVanna;

    // Scratch of one build: the shocked forward and vol of every node.
    private readonly double[] _nodeForward;
    private readonly double[] _nodeVol;

    /// <summary>Creates an empty table for the instruments of <paramref name="instruments"/> (up to its capacity) and up to <paramref name="maxNodes"/> scan nodes.</summary>
    public RiskArrayTable(InstrumentTable instruments, int maxNodes)
        : base(instruments, CheckedNodes(maxNodes))
    {
        var capacity = instruments.Capacity;
        _externalLoss = new double[checked(capacity * RowStride)];
        _externalDelta = new double[capacity];
        _nodeCount = new int[capacity];
        _external = new bool[capacity];
        _centreVol = new double[capacity];
        _centreVanna = new double[capacity];
        _nodeForward = new double[RowStride];
        _nodeVol = new double[RowStride];
    }

    /// <summary>Doubles per instrument row: the largest node count rounded up to a whole number of SIMD lanes.</summary>
    public int NodeStride => RowStride;

    /// <summary>Number of nodes of the instrument's last build (0 when never built).</summary>
    public int NodeCount(int instrument) => _nodeCount[instrument];

    /// <summary>True when the instrument's losses come from an externally supplied array.</summary>
    public bool IsExternal(int instrument) => _external[instrument];

    /// <summary>The option's vol σ(F, K) read from its smile at its last build (0 for a future or when never built).</summary>
    internal double CentreVol(int instrument) => _centreVol[instrument];

    /// <summary>∂²V/∂F∂σ of one unit of the option now, at its last build, not times the multiplier (0 for a future).</summary>
    internal double CentreVanna(int instrument) => _centreVanna[instrument];

    /// <summary>
    /// Supplies an external risk array for an instrument: <paramref name="losses"/> (weighted, losses
    /// positive, one per scan node of its group) replace the computed losses now and on every later
    /// build. <paramref name="compositeDelta"/> (contracts of the underlying future per contract), when
    /// not NaN, replaces the model's <see cref="InstrumentRiskRows.DeltaEquivalent"/>.
    /// </summary>
    public void SetExternal(int instrument, ReadOnlySpan<double> losses, double compositeDelta = double.NaN)
    {
        _ = _instruments[instrument];
        if (losses.Length < 1 || losses.Length > NodeStride)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(losses), losses.Length, "external risk array length must be in [1, node stride].");
        }

        for (var s = 0; s < losses.Length; s++)
        {
            if (!double.IsFinite(losses[s]))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(losses), losses[s], "external risk array values must be finite.");
            }
        }

        if (!double.IsNaN(compositeDelta) && !double.IsFinite(compositeDelta))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(compositeDelta), compositeDelta, "composite delta must be finite or NaN.");
        }

        var row = _externalLoss.AsSpan(instrument * NodeStride, NodeStride);
        row.Clear();
        losses.CopyTo(row);
        _externalDelta[instrument] = compositeDelta;
        _external[instrument] = true;
        _nodeCount[instrument] = losses.Length;
        row.CopyTo(_loss.AsSpan(instrument * NodeStride, NodeStride));
        if (!double.IsNaN(compositeDelta))
        {
            _deltaEquivalent[instrument] = compositeDelta;
        }
    }

    /// <summary>
    /// Builds the instrument's row by full revaluation under <paramref name="scan"/> at
    /// <paramref name="market"/>. Throws <see cref="InvalidOperationException"/> when the underlying
    /// price or the option's smile is missing, or when an external array's length differs from the
    /// scan's node count. Allocates nothing.
    /// </summary>
    public void Build(int instrument, ScanParameters scan, MarketSnapshot market) => BuildAt(instrument, scan, market, 0.0);

    /// <summary>
    /// As <see cref="Build(int, ScanParameters, MarketSnapshot)"/>, at a valuation time
    /// <paramref name="elapsedYears"/> (&gt;= 0) after the one the instrument table's expiries refer to:
    /// options are priced with <c>ExpiryYears − elapsedYears</c> left (an expired option is worth its
    /// intrinsic value). The incremental path's anchors use it as time advances. The nodes are priced
    /// by <see cref="Black76.NodeGreeks"/> (each value bit for bit <see cref="Black76.Greeks"/> at the
    /// node, at a fraction of the cost), the centre by <see cref="Black76.Greeks"/>. Allocates nothing.
    /// </summary>
    public void BuildAt(int instrument, ScanParameters scan, MarketSnapshot market, double elapsedYears)
    {
        ArgumentNullException.ThrowIfNull(scan);
        if (!(elapsedYears >= 0) || !double.IsFinite(elapsedYears))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(elapsedYears), elapsedYears, "elapsed years must be finite and >= 0.");
        }

        ArgumentNullException.ThrowIfNull(market);
        ref readonly var inst = ref _instruments[instrument];
        var nodes = scan.Count;
        if (nodes > NodeStride)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(scan), nodes, "scan has more nodes than the risk array table was sized for.");
        }

        var forward = market.Price(inst.Underlying);
        if (double.IsNaN(forward))
        {
            ThrowHelper.InstrumentState("no price for the underlying future", instrument);
        }

        var offset = instrument * NodeStride;
        var loss = _loss.AsSpan(offset, NodeStride);
        var delta = _delta.AsSpan(offset, NodeStride);
        var gamma = _gamma.AsSpan(offset, NodeStride);
        var vega = _vega.AsSpan(offset, NodeStride);
        var points = scan.Points;
        var m = inst.Multiplier;
        if (inst.Kind == InstrumentKind.Future)
        {
            for (var s = 0; s < nodes; s++)
            {
                loss[s] = -(scan.ShockedPrice(s, forward) - forward) * m * points[s].Weight;
                delta[s] = m;
            }

            gamma.Clear();
            vega.Clear();
            _centreVol[instrument] = 0;
            _centreVanna[instrument] = 0;
            SetFutureCentre(instrument, m);
        }
        else
        {
            var smile = market.Smile(instrument);
            if (smile is null)
            {
                // A failed build leaves the row zeroed, not half stale.
                loss.Clear();
                delta.Clear();
                gamma.Clear();
                vega.Clear();
                ThrowHelper.InstrumentState("no vol smile for the option", instrument);
            }

            var t = inst.ExpiryYears - elapsedYears;
            var rate = market.Rate;
            var vol = smile.Vol(forward, inst.Strike);
            var now = Black76.Greeks(inst.IsCall, forward, inst.Strike, t, rate, vol);

            // Every node: the same Black-76 values as Greeks at (Fₛ, K, T − look-ahead, r, σₛ), the
            // price landing in the loss row and turned into the weighted loss in place.
            var forwards = _nodeForward.AsSpan(0, nodes);
            var vols = _nodeVol.AsSpan(0, nodes);
            scan.ShockedPrices(forward, forwards);
            scan.ShockedVols(vol, t, vols);
            Black76.NodeGreeks(inst.IsCall, inst.Strike, t - scan.LookAheadYears, rate, forwards, vols, loss, delta, gamma, vega);
            for (var s = 0; s < nodes; s++)
            {
                loss[s] = -(loss[s] - now.Price) * m * points[s].Weight;
                delta[s] *= m;
                gamma[s] *= m;
                vega[s] *= m;
            }

            CompleteOption(instrument, nodes, vol, in now, m);
        }

        Complete(instrument, nodes);
    }

    /// <summary>
    /// Builds a call and a put on the same future with the same strike and expiry whose smiles give the
    /// same vol exactly as <see cref="BuildAt"/> of the call and then of the put would, bit for bit, but
    /// prices both at every node in one pass (<see cref="Black76.NodeGreeksCallPut"/>: half the
    /// transcendental functions). Returns false, having changed nothing, when the two are not such a
    /// pair or when either build would throw; the caller then builds them one by one. Allocates nothing.
    /// </summary>
    internal bool TryBuildCallPutAt(int call, int put, ScanParameters scan, MarketSnapshot market, double elapsedYears)
    {
        if (scan is null || market is null || !(elapsedYears >= 0) || !double.IsFinite(elapsedYears))
        {
            return false;
        }

        ref readonly var c = ref _instruments[call];
        ref readonly var p = ref _instruments[put];
        var nodes = scan.Count;
        if (!c.IsOption || !p.IsOption || !c.IsCall || p.IsCall || c.Underlying != p.Underlying
            || BitConverter.DoubleToInt64Bits(c.Strike) != BitConverter.DoubleToInt64Bits(p.Strike)
            || BitConverter.DoubleToInt64Bits(c.ExpiryYears) != BitConverter.DoubleToInt64Bits(p.ExpiryYears)
            || nodes > NodeStride
            || (_external[call] && _nodeCount[call] != nodes)
            || (_external[put] && _nodeCount[put] != nodes))
        {
            return false;
        }

        var forward = market.Price(c.Underlying);
        var callSmile = market.Smile(call);
        var putSmile = market.Smile(put);
        if (double.IsNaN(forward) || callSmile is null || putSmile is null)
        {
            return false;
        }

        // BuildAt reads each option's vol from its own smile: one shared smile gives one vol; two smiles
        // must agree to the bit.
        var strike = c.Strike;
        var vol = callSmile.Vol(forward, strike);
        if (!ReferenceEquals(callSmile, putSmile) && BitConverter.DoubleToInt64Bits(putSmile.Vol(forward, strike)) != BitConverter.DoubleToInt64Bits(vol))
        {
            return false;
        }

        var t = c.ExpiryYears - elapsedYears;
        var rate = market.Rate;
        var callNow = Black76.Greeks(true, forward, strike, t, rate, vol);
        var putNow = Black76.Greeks(false, forward, strike, t, rate, vol);
        var forwards = _nodeForward.AsSpan(0, nodes);
        var vols = _nodeVol.AsSpan(0, nodes);
        scan.ShockedPrices(forward, forwards);
        scan.ShockedVols(vol, t, vols);
        var callLoss = _loss.AsSpan(call * NodeStride, NodeStride);
        var callDelta = _delta.AsSpan(call * NodeStride, NodeStride);
        var callGamma = _gamma.AsSpan(call * NodeStride, NodeStride);
        var callVega = _vega.AsSpan(call * NodeStride, NodeStride);
        var putLoss = _loss.AsSpan(put * NodeStride, NodeStride);
        var putDelta = _delta.AsSpan(put * NodeStride, NodeStride);
        var putGamma = _gamma.AsSpan(put * NodeStride, NodeStride);
        var putVega = _vega.AsSpan(put * NodeStride, NodeStride);
        Black76.NodeGreeksCallPut(strike, t - scan.LookAheadYears, rate, forwards, vols, callLoss, callDelta, putLoss, putDelta, callGamma, callVega);
        var points = scan.Points;
        var mc = c.Multiplier;
        var mp = p.Multiplier;
        for (var s = 0; s < nodes; s++)
        {
            var w = points[s].Weight;
            callLoss[s] = -(callLoss[s] - callNow.Price) * mc * w;
            putLoss[s] = -(putLoss[s] - putNow.Price) * mp * w;
            callDelta[s] *= mc;
            putDelta[s] *= mp;
            var gamma = callGamma[s];
            var vega = callVega[s];
            callGamma[s] = gamma * mc;
            putGamma[s] = gamma * mp;
            callVega[s] = vega * mc;
            putVega[s] = vega * mp;
        }

        CompleteOption(call, nodes, vol, in callNow, mc);
        Complete(call, nodes);
        CompleteOption(put, nodes, vol, in putNow, mp);
        Complete(put, nodes);
        return true;
    }

    // An option's rows past the node count and its centre values.
    private void CompleteOption(int instrument, int nodes, double vol, in OptionGreeks now, double multiplier)
    {
        var offset = instrument * NodeStride;
        _gamma.AsSpan(offset + nodes, NodeStride - nodes).Clear();
        _vega.AsSpan(offset + nodes, NodeStride - nodes).Clear();
        _centreVol[instrument] = vol;
        _centreVanna[instrument] = now.Vanna;
        SetOptionCentre(instrument, in now, multiplier, _instruments[_instruments[instrument].Underlying].Multiplier);
    }

    // Every instrument's end of a build: losses and deltas past the node count (SIMD padding) zero, the
    // first nodes cells having all been written; an external array replaces the losses.
    private void Complete(int instrument, int nodes)
    {
        var offset = instrument * NodeStride;
        _loss.AsSpan(offset + nodes, NodeStride - nodes).Clear();
        _delta.AsSpan(offset + nodes, NodeStride - nodes).Clear();
        if (_external[instrument])
        {
            if (_nodeCount[instrument] != nodes)
            {
                ThrowHelper.InstrumentState("external risk array does not have one value per scan node", instrument);
            }

            _externalLoss.AsSpan(offset, NodeStride).CopyTo(_loss.AsSpan(offset, NodeStride));
            var composite = _externalDelta[instrument];
            if (!double.IsNaN(composite))
            {
                _deltaEquivalent[instrument] = composite;
            }
        }

        _nodeCount[instrument] = nodes;
    }

    private static int CheckedNodes(int maxNodes)
    {
        if (maxNodes is < 1 or > ScanParameters.MaxPoints)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(maxNodes), maxNodes, "max nodes must be in [1, 256].");
        }

        return maxNodes;
    }
}
