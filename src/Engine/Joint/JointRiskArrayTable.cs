using System.Numerics;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Joint;

/// <summary>
/// Joint risk arrays: for every instrument and every scenario of a <see cref="JointScenarioSet"/>,
/// the loss of one long contract by full Black-76 revaluation, plus the node Greeks, laid out like
/// <see cref="RiskArrayTable"/> rows (instrument-major, one row of <see cref="ScenarioStride"/>
/// doubles per instrument, zero past the scenario count) so a portfolio's joint loss vector is
/// <c>L = Σ qᵢ · rowᵢ</c> over whole <see cref="Vector{T}"/> lanes and the incremental machinery can
/// consume these rows exactly as it consumes scan rows.
/// </summary>
/// <remarks>
/// <para>Per instrument i of group g and scenario s (money, one long contract, <b>not</b> weighted —
/// weights are probabilities applied by the aggregation):</para>
/// <list type="bullet">
/// <item><c>Losses(i)[s]</c> = −(V(F·(1 + pₛ,g), σ', T − h) − V(F, σ, T)) · multiplier, with
/// σ' = max(σ·(1 + vₛ,g(T)), <see cref="ScanParameters.MinVol"/>), σ = the option's smile vol at its
/// strike and today's forward (sticky strike, as the scan does) and h the set's horizon. Futures:
/// −F·pₛ,g·multiplier.</item>
/// <item><c>Deltas(i)[s]</c>, <c>Gammas(i)[s]</c>, <c>Vegas(i)[s]</c>: ∂V/∂F, ∂²V/∂F², ∂V/∂σ of the value at
/// the shocked state, times the multiplier. With kₛ = <see cref="JointScenarioSet.PriceSlope"/>,
/// a move dF, dσ since the anchor expands the loss as in DESIGN §5.2:
/// L[s] − ((D[s]·kₛ − D₀)·dF + ½(G[s]·kₛ² − G₀)·dF² + (V[s]·(1 + vₛ) − V₀)·dσ) for a relative vol shock.</item>
/// <item>Centre values <see cref="InstrumentRiskRows.Value"/>, <see cref="InstrumentRiskRows.CentreDelta"/>, <see cref="InstrumentRiskRows.CentreGamma"/>,
/// <see cref="InstrumentRiskRows.CentreVega"/> at today's unaged state, and <see cref="InstrumentRiskRows.DeltaEquivalent"/>.</item>
/// </list>
/// <para><see cref="Rebuild"/> installs a set (recalibration) and revalues every registered instrument;
/// each call starts a new <see cref="Epoch"/>, so cached account vectors built from older rows are
/// known to be stale. Rebuilding never allocates: storage is sized at construction for
/// <c>maxScenarios</c>. Single owner: built and read on the engine's thread.</para>
/// </remarks>
public sealed class JointRiskArrayTable : InstrumentRiskRows
{
    private readonly long[] _builtEpoch;

    // Scratch for one option's scenarios (shocked forwards and vols in, premiums out).
    private readonly double[] _forwards;
    private readonly double[] _vols;
    private readonly double[] _premiums;
    private JointScenarioSet? _set;

    /// <summary>Creates an empty table for the instruments of <paramref name="instruments"/> and sets of up to <paramref name="maxScenarios"/> scenarios.</summary>
    public JointRiskArrayTable(InstrumentTable instruments, int maxScenarios)
        : base(instruments, CheckedScenarios(maxScenarios))
    {
        _builtEpoch = new long[instruments.Capacity];
        _forwards = new double[RowStride];
        _vols = new double[RowStride];
        _premiums = new double[RowStride];
    }

    /// <summary>Doubles per instrument row: the largest scenario count rounded up to whole SIMD lanes.</summary>
    public int ScenarioStride => RowStride;

    /// <summary>The installed scenario set; null before the first <see cref="Rebuild"/>.</summary>
    public JointScenarioSet? Set => _set;

    /// <summary>Scenarios of the installed set (0 before the first rebuild).</summary>
    public int ScenarioCount => _set is null ? 0 : _set.Count;

    /// <summary>Number of rebuilds so far: 1 after the first. Rows are current when <see cref="IsBuilt"/>.</summary>
    public long Epoch { get; private set; }

    /// <summary>True when the instrument's row was built in the current epoch.</summary>
    public bool IsBuilt(int instrument) => Epoch > 0 && _builtEpoch[instrument] == Epoch;

    /// <summary>
    /// Installs <paramref name="set"/> (a recalibration when it replaces another), starts a new epoch
    /// and revalues every registered instrument at <paramref name="market"/>. Throws when the set's
    /// group count differs from the instrument table's, it has more scenarios than the table was
    /// sized for, or a price or smile is missing. Allocates nothing.
    /// </summary>
    public void Rebuild(JointScenarioSet set, MarketSnapshot market)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(market);
        if (set.GroupCount != _instruments.GroupCount)
        {
            ThrowHelper.Argument(nameof(set), "joint scenario set must shock exactly the instrument table's product groups.");
        }

        if (set.Count > ScenarioStride)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(set), set.Count, "joint scenario set has more scenarios than the table was sized for.");
        }

        _set = set;
        Epoch++;
        for (var i = 0; i < _instruments.Count; i++)
        {
            Build(i, market);
        }
    }

    /// <summary>
    /// Installs <paramref name="set"/> and starts a new epoch without revaluing anything (the engine
    /// builds rows group by group as groups anchor). Same checks as <see cref="Rebuild"/>.
    /// </summary>
    internal void Install(JointScenarioSet set)
    {
        if (set.GroupCount != _instruments.GroupCount)
        {
            ThrowHelper.Argument(nameof(set), "joint scenario set must shock exactly the instrument table's product groups.");
        }

        if (set.Count > ScenarioStride)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(set), set.Count, "joint scenario set has more scenarios than the table was sized for.");
        }

        _set = set;
        Epoch++;
    }

    /// <summary>
    /// Revalues one instrument's row under the installed set at <paramref name="market"/> (e.g. an
    /// instrument registered after the last rebuild). Allocates nothing.
    /// </summary>
    public void Build(int instrument, MarketSnapshot market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var set = _set;
        if (set is null)
        {
            ThrowHelper.InvalidOperation("no joint scenario set installed: call Rebuild first.");
        }

        ref readonly var inst = ref _instruments[instrument];
        var forward = market.Price(inst.Underlying);
        if (double.IsNaN(forward))
        {
            ThrowHelper.InvalidOperation("no price for the underlying future of instrument " + inst.Index + ".");
        }

        var offset = instrument * ScenarioStride;
        var loss = _loss.AsSpan(offset, ScenarioStride);
        var delta = _delta.AsSpan(offset, ScenarioStride);
        var gamma = _gamma.AsSpan(offset, ScenarioStride);
        var vega = _vega.AsSpan(offset, ScenarioStride);
        loss.Clear();
        delta.Clear();
        gamma.Clear();
        vega.Clear();
        var count = set.Count;
        var group = inst.Group;
        var m = inst.Multiplier;
        if (inst.Kind == InstrumentKind.Future)
        {
            for (var s = 0; s < count; s++)
            {
                loss[s] = -forward * set.PriceShock(s, group) * m;
                delta[s] = m;
            }

            SetFutureCentre(instrument, m);
        }
        else
        {
            var smile = market.Smile(instrument);
            if (smile is null)
            {
                ThrowHelper.InvalidOperation("no vol smile for option instrument " + inst.Index + ".");
            }

            var t = inst.ExpiryYears;
            var rate = market.Rate;
            var strike = inst.Strike;
            var isCall = inst.IsCall;
            var vol = smile.Vol(forward, strike);
            var now = Black76.Greeks(isCall, forward, strike, t, rate, vol);
            var aged = t - set.HorizonYears;
            set.LocateTenor(t, out var bucket, out var fraction);
            var forwards = _forwards.AsSpan(0, count);
            var vols = _vols.AsSpan(0, count);
            for (var s = 0; s < count; s++)
            {
                var shockedVol = vol * (1.0 + set.InterpolatedVolShock(s, group, bucket, fraction));
                forwards[s] = forward * set.PriceSlope(s, group);
                vols[s] = shockedVol > ScanParameters.MinVol ? shockedVol : ScanParameters.MinVol;
            }

            // Every scenario at once, each value bit for bit Black76.Greeks at that scenario.
            var premiums = _premiums.AsSpan(0, count);
            Black76.NodeGreeks(isCall, strike, aged, rate, forwards, vols, premiums, delta, gamma, vega);
            for (var s = 0; s < count; s++)
            {
                loss[s] = -(premiums[s] - now.Price) * m;
                delta[s] *= m;
                gamma[s] *= m;
                vega[s] *= m;
            }

            SetOptionCentre(instrument, in now, m, _instruments[inst.Underlying].Multiplier);
        }

        _builtEpoch[instrument] = Epoch;
    }

    private static int CheckedScenarios(int maxScenarios)
    {
        if (maxScenarios is < 1 or > JointScenarioSet.MaxScenarios)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(maxScenarios), maxScenarios, "max joint scenarios must be in [1, 65536].");
        }

        return maxScenarios;
    }
}
