using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Joint;

/// <summary>
/// The full-revaluation reference of the joint methodology (portfolio VaR / Expected Shortfall,
/// DESIGN §5.1): every group configured <see cref="MarginMethodology.ExpectedShortfall"/> is shocked
/// together by each scenario of the installed <see cref="JointScenarioSet"/>, so correlated positions
/// offset by their co-movement in the scenarios rather than by a credit table.
/// </summary>
/// <remarks>
/// <para><b>Joint loss vector</b> L[s] = Σ qᵢ · <see cref="InstrumentRiskRows.Losses"/>(i)[s] over the
/// positions in ES groups (SIMD over whole lanes, the same kernel as the scan).</para>
/// <para><b>Requirement</b> = max(0, ES_α over the regular scenarios with their weights,
/// maxₛ over stress scenarios of L[s] · wₛ) + Σ_ES groups short option minimum × short option contracts.
/// VaR_α is reported, not charged. ES and VaR follow <see cref="ExpectedShortfall"/> exactly.</para>
/// <para>Single owner: one thread. <see cref="Compute"/>, <see cref="AccumulateLosses"/> and
/// <see cref="Aggregate"/> allocate nothing (scratch sized at construction).</para>
/// </remarks>
public sealed class JointMarginCalculator
{
    private readonly InstrumentTable _instruments;
    private readonly JointRiskArrayTable _arrays;
    private readonly JointMarginOptions _options;
    private readonly double[] _scratch;

    /// <summary>Creates a calculator; throws when the options do not cover exactly the instrument table's groups.</summary>
    public JointMarginCalculator(InstrumentTable instruments, JointRiskArrayTable arrays, JointMarginOptions options)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(arrays);
        ArgumentNullException.ThrowIfNull(options);
        if (options.GroupCount != instruments.GroupCount)
        {
            ThrowHelper.Argument(nameof(options), "joint margin options need exactly one methodology per product group.");
        }

        _instruments = instruments;
        _arrays = arrays;
        _options = options;
        _scratch = new double[ExpectedShortfall.ScratchLength(arrays.ScenarioStride)];
    }

    /// <summary>The options this calculator applies.</summary>
    public JointMarginOptions Options => _options;

    /// <summary>The joint risk arrays this calculator reads.</summary>
    public JointRiskArrayTable Arrays => _arrays;

    /// <summary>Allocates a result sized for this calculator (do it once, reuse it).</summary>
    public JointMarginResult CreateResult() => new(_arrays.ScenarioStride);

    /// <summary>
    /// Overwrites <paramref name="losses"/> (at least <see cref="JointRiskArrayTable.ScenarioStride"/>
    /// long) with the joint loss vector of the ES-group positions of <paramref name="portfolio"/>;
    /// returns how many positions went in. Throws <see cref="InvalidOperationException"/> when a held
    /// instrument's row is not built in the current epoch. Allocates nothing.
    /// </summary>
    public int AccumulateLosses(Portfolio portfolio, Span<double> losses)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var stride = _arrays.ScenarioStride;
        if (losses.Length < stride)
        {
            ThrowHelper.Argument(nameof(losses), "joint loss vector is shorter than the scenario stride.");
        }

        var row = losses[..stride];
        row.Clear();
        var used = 0;
        for (var k = 0; k < portfolio.HeldCount; k++)
        {
            var i = portfolio.HeldInstrument(k);
            if (!_options.IsExpectedShortfall(_instruments[i].Group))
            {
                continue;
            }

            if (!_arrays.IsBuilt(i))
            {
                ThrowHelper.InvalidOperation("joint risk array of instrument " + i + " is not built for the current scenario set.");
            }

            ScenarioVector.AddScaled(row, _arrays.Losses(i), portfolio.Quantity(i));
            used++;
        }

        return used;
    }

    /// <summary>
    /// Aggregates a joint loss vector (one value per scenario of the installed set, regular then
    /// stress): returns max(0, ES, worst stress) and the parts. Allocates nothing.
    /// </summary>
    public double Aggregate(ReadOnlySpan<double> scenarioLosses, out double expectedShortfall, out double valueAtRisk, out double worstStress, out int worstStressScenario)
    {
        var set = _arrays.Set;
        if (set is null)
        {
            ThrowHelper.InvalidOperation("no joint scenario set installed.");
        }

        if (scenarioLosses.Length != set.Count)
        {
            ThrowHelper.Argument(nameof(scenarioLosses), "joint loss vector must hold one loss per scenario of the installed set.");
        }

        var regular = set.RegularCount;
        expectedShortfall = ExpectedShortfall.Compute(scenarioLosses[..regular], set.RegularWeights, _options.Alpha, _scratch, out valueAtRisk);
        worstStress = 0;
        worstStressScenario = -1;
        for (var s = regular; s < scenarioLosses.Length; s++)
        {
            var weighted = scenarioLosses[s] * set.Weight(s);
            if (worstStressScenario < 0 || weighted > worstStress)
            {
                worstStress = weighted;
                worstStressScenario = s;
            }
        }

        var requirement = expectedShortfall > worstStress ? expectedShortfall : worstStress;
        return requirement > 0 ? requirement : 0;
    }

    /// <summary>
    /// Computes the joint margin of <paramref name="portfolio"/>'s ES-group positions from the prepared
    /// rows into <paramref name="result"/>; <paramref name="market"/> supplies futures prices for P&amp;L.
    /// Allocates nothing.
    /// </summary>
    public void Compute(Portfolio portfolio, MarketSnapshot market, JointMarginResult result)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(result);
        var set = _arrays.Set;
        if (set is null)
        {
            ThrowHelper.InvalidOperation("no joint scenario set installed.");
        }

        if (result.LossStorage.Length != _arrays.ScenarioStride)
        {
            ThrowHelper.Argument(nameof(result), "result was not created by this calculator.");
        }

        var used = AccumulateLosses(portfolio, result.LossStorage);
        result.ScenarioCount = set.Count;
        result.HasPositions = used > 0;

        double shortOptionMinimum = 0;
        double futuresPnl = 0;
        double optionValue = 0;
        for (var k = 0; k < portfolio.HeldCount; k++)
        {
            var i = portfolio.HeldInstrument(k);
            ref readonly var inst = ref _instruments[i];
            if (!_options.IsExpectedShortfall(inst.Group))
            {
                continue;
            }

            double q = portfolio.Quantity(i);
            if (inst.IsOption)
            {
                optionValue += q * _arrays.Value(i);
                if (q < 0)
                {
                    shortOptionMinimum -= q * _options.ShortOptionMinimum(inst.Group);
                }
            }
            else
            {
                futuresPnl += q * (market.Price(i) - portfolio.AveragePrice(i)) * inst.Multiplier;
            }
        }

        result.FuturesPnl = futuresPnl;
        result.OptionValue = optionValue;
        result.ShortOptionMinimum = shortOptionMinimum;
        if (!result.HasPositions)
        {
            result.ExpectedShortfall = 0;
            result.ValueAtRisk = 0;
            result.WorstStress = 0;
            result.WorstStressScenario = -1;
            result.Requirement = 0;
            result.TailCount = 0;
            return;
        }

        var losses = result.ScenarioLosses;
        var charged = Aggregate(losses, out var es, out var var, out var stress, out var stressScenario);
        result.ExpectedShortfall = es;
        result.ValueAtRisk = var;
        result.WorstStress = stress;
        result.WorstStressScenario = stressScenario;
        result.Requirement = charged + shortOptionMinimum;
        result.TailCount = ListTail(losses[..set.RegularCount], var, result.TailStorage);
    }

    /// <summary>
    /// Rebuilds the rows of the ES-group instruments <paramref name="portfolio"/> holds at
    /// <paramref name="market"/> under the installed set, then <see cref="Compute"/>.
    /// </summary>
    public void ComputeFullRevaluation(Portfolio portfolio, MarketSnapshot market, JointMarginResult result)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        for (var k = 0; k < portfolio.HeldCount; k++)
        {
            var i = portfolio.HeldInstrument(k);
            if (_options.IsExpectedShortfall(_instruments[i].Group))
            {
                _arrays.Build(i, market);
            }
        }

        Compute(portfolio, market, result);
    }

    /// <summary>Indices of the regular scenarios with loss ≥ VaR, worst first, ties by index (insertion sort: the tail is small).</summary>
    private static int ListTail(ReadOnlySpan<double> losses, double valueAtRisk, Span<int> tail)
    {
        var count = 0;
        for (var s = 0; s < losses.Length; s++)
        {
            var x = losses[s];
            if (!(x >= valueAtRisk))
            {
                continue;
            }

            var j = count - 1;
            while (j >= 0 && losses[tail[j]] < x)
            {
                tail[j + 1] = tail[j];
                j--;
            }

            tail[j + 1] = s;
            count++;
        }

        return count;
    }
}
