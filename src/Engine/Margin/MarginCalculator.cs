using RiskGate.Engine.Instruments;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Margin;

/// <summary>
/// The exact reference model of integrated futures–options margin (DESIGN §5.1): risk arrays by full
/// revaluation, per-group scan risk with futures and options netted, calendar spread charge, short
/// option minimum, inter-group credits, maintenance, initial, equity and the incremental margin of
/// candidate orders. The fast incremental path must reproduce its numbers.
/// </summary>
/// <remarks>
/// <para><b>Group requirement</b> = max(scan + spread, SOM), where scan = max(0, maxₛ L[s]) with
/// L[s] = Σ qᵢ·RAᵢ[s] over the group's positions; spread = spread rate × min(Σ long per-expiry deltas,
/// Σ short per-expiry deltas), each expiry's delta being Σ qᵢ × futures-equivalent delta of the
/// instruments on that future (a future counts 1, an option its Black-76 delta × its multiplier /
/// the future's multiplier); SOM = rate × short option contracts.</para>
/// <para><b>Inter-group credit</b> (CME-like, pairs in priority order): for a pair (A, B) with credit
/// rate c and delta ratio a:b, when the groups' net deltas Δ_A and Δ_B have opposite signs, the number of
/// spreads is n = min(r_A / a, r_B / b) where r is each group's net |Δ| not yet used by an earlier pair;
/// each leg is credited c × (n·a / |Δ_A|) × scan_A and c × (n·b / |Δ_B|) × scan_B, i.e. the credit
/// rate times the scan risk carried by the deltas that went into spreads.</para>
/// <para><b>Account</b>: maintenance = Σ max(scan + spread − credit, SOM) over groups (a credit never
/// takes a group below its short option minimum); initial =
/// round-half-up(ratio × maintenance, rounding unit); equity = cash + Σ futures q·(F − average price)·multiplier
/// + Σ options q·value; excess = equity − initial.</para>
/// <para><b>Orders</b>: incremental initial = initial(portfolio + order) − initial(portfolio); accepted
/// when post-trade initial ≤ post-trade equity (premium paid or received at the order price), or when
/// the order strictly lowers initial margin. Each candidate is evaluated alone against the portfolio.</para>
/// <para>Single owner: one thread. <see cref="Compute"/>, <see cref="Revalue(MarketSnapshot)"/> and
/// <see cref="EvaluateOrder"/> allocate nothing (scratch is sized at construction).</para>
/// </remarks>
public sealed class MarginCalculator
{
    private readonly InstrumentTable _instruments;
    private readonly RiskArrayTable _arrays;
    private readonly MarginOptions _options;
    private readonly double[] _expiryDelta;
    private readonly int[] _touchedFutures;
    private readonly bool[] _futureTouched;
    private readonly double[] _shortOptions;
    private readonly double[] _remainingDelta;
    private readonly Portfolio _scratch;
    private readonly MarginBreakdown _scratchBreakdown;

    /// <summary>Creates a calculator; throws when the options do not cover every group or the arrays are too narrow.</summary>
    public MarginCalculator(InstrumentTable instruments, RiskArrayTable arrays, MarginOptions options)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(arrays);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Groups.Length != instruments.GroupCount)
        {
            ThrowHelper.Argument(nameof(options), "margin options need exactly one parameter set per product group.");
        }

        if (options.MaxNodes > arrays.NodeStride)
        {
            ThrowHelper.Argument(nameof(arrays), "risk array table is narrower than the largest scan.");
        }

        _instruments = instruments;
        _arrays = arrays;
        _options = options;
        _expiryDelta = new double[instruments.Capacity];
        _touchedFutures = new int[instruments.Capacity];
        _futureTouched = new bool[instruments.Capacity];
        _shortOptions = new double[instruments.GroupCount];
        _remainingDelta = new double[instruments.GroupCount];
        _scratch = new Portfolio(instruments);
        _scratchBreakdown = CreateBreakdown();
    }

    /// <summary>The options this calculator applies.</summary>
    public MarginOptions Options => _options;

    /// <summary>Allocates a breakdown sized for this calculator (do it once, reuse it).</summary>
    public MarginBreakdown CreateBreakdown() => new(_instruments.GroupCount, _arrays.NodeStride);

    /// <summary>Rebuilds the risk arrays of every registered instrument at <paramref name="market"/>.</summary>
    public void Revalue(MarketSnapshot market)
    {
        for (var i = 0; i < _instruments.Count; i++)
        {
            _arrays.Build(i, _options.Groups[_instruments[i].Group].Scan, market);
        }
    }

    /// <summary>Rebuilds the risk arrays of the instruments <paramref name="portfolio"/> holds.</summary>
    public void Revalue(Portfolio portfolio, MarketSnapshot market)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        for (var k = 0; k < portfolio.HeldCount; k++)
        {
            var i = portfolio.HeldInstrument(k);
            _arrays.Build(i, _options.Groups[_instruments[i].Group].Scan, market);
        }
    }

    /// <summary>
    /// Full revaluation margin: rebuilds the held instruments' risk arrays at <paramref name="market"/>,
    /// then <see cref="Compute"/>.
    /// </summary>
    public void ComputeFullRevaluation(Portfolio portfolio, MarketSnapshot market, MarginBreakdown result)
    {
        Revalue(portfolio, market);
        Compute(portfolio, market, result);
    }

    /// <summary>
    /// Computes the margin of <paramref name="portfolio"/> from the prepared risk arrays into
    /// <paramref name="result"/>. <paramref name="market"/> supplies futures prices for equity.
    /// Throws <see cref="InvalidOperationException"/> when a held instrument's array was never built.
    /// </summary>
    public void Compute(Portfolio portfolio, MarketSnapshot market, MarginBreakdown result)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(result);
        var groups = result.Groups;
        if (groups.Length != _instruments.GroupCount || groups[0].PnlStorage.Length != _arrays.NodeStride)
        {
            ThrowHelper.Argument(nameof(result), "breakdown was not created by this calculator.");
        }

        for (var g = 0; g < groups.Length; g++)
        {
            var gm = groups[g];
            gm.PnlStorage.Clear();
            gm.HasPositions = false;
            gm.ScenarioCount = _options.Groups[g].Scan.Count;
            gm.NetDelta = 0;
            gm.LongDelta = 0;
            gm.ShortDelta = 0;
            gm.Credit = 0;
            _shortOptions[g] = 0;
        }

        var touched = 0;
        double futuresPnl = 0;
        double optionValue = 0;
        for (var k = 0; k < portfolio.HeldCount; k++)
        {
            var i = portfolio.HeldInstrument(k);
            ref readonly var inst = ref _instruments[i];
            var gm = groups[inst.Group];
            if (_arrays.NodeCount(i) != gm.ScenarioCount)
            {
                ThrowHelper.InstrumentState("risk array was not built for its group's scan", i);
            }

            double q = portfolio.Quantity(i);
            gm.HasPositions = true;
            ScenarioVector.AddScaled(gm.PnlStorage, _arrays.Losses(i), q);
            var u = inst.Underlying;
            if (!_futureTouched[u])
            {
                _futureTouched[u] = true;
                _touchedFutures[touched++] = u;
            }

            _expiryDelta[u] += q * _arrays.DeltaEquivalent(i);
            if (inst.IsOption)
            {
                optionValue += q * _arrays.Value(i);
                if (q < 0)
                {
                    _shortOptions[inst.Group] -= q;
                }
            }
            else
            {
                futuresPnl += q * (market.Price(i) - portfolio.AveragePrice(i)) * inst.Multiplier;
            }
        }

        for (var k = 0; k < touched; k++)
        {
            var u = _touchedFutures[k];
            var gm = groups[_instruments[u].Group];
            var d = _expiryDelta[u];
            gm.NetDelta += d;
            if (d > 0)
            {
                gm.LongDelta += d;
            }
            else
            {
                gm.ShortDelta -= d;
            }

            _expiryDelta[u] = 0;
            _futureTouched[u] = false;
        }

        for (var g = 0; g < groups.Length; g++)
        {
            var gm = groups[g];
            var p = _options.Groups[g];
            if (!gm.HasPositions)
            {
                gm.ScanRisk = 0;
                gm.WorstScenario = 0;
                gm.SpreadCharge = 0;
                gm.ShortOptionMinimum = 0;
                gm.GrossRequirement = 0;
                _remainingDelta[g] = 0;
                continue;
            }

            var worst = ScenarioVector.Worst(gm.ScenarioPnl, out var node);
            gm.ScanRisk = worst > 0 ? worst : 0;
            gm.WorstScenario = node + 1;
            gm.SpreadCharge = p.SpreadRate * Math.Min(gm.LongDelta, gm.ShortDelta);
            gm.ShortOptionMinimum = p.ShortOptionMinimum * _shortOptions[g];
            gm.GrossRequirement = Math.Max(gm.ScanRisk + gm.SpreadCharge, gm.ShortOptionMinimum);
            _remainingDelta[g] = Math.Abs(gm.NetDelta);
        }

        double totalCredit = 0;
        foreach (ref readonly var c in _options.Credits)
        {
            var a = groups[c.GroupA];
            var b = groups[c.GroupB];
            if (!a.HasPositions || !b.HasPositions || !(a.NetDelta * b.NetDelta < 0))
            {
                continue;
            }

            var spreads = Math.Min(_remainingDelta[c.GroupA] / c.DeltaRatioA, _remainingDelta[c.GroupB] / c.DeltaRatioB);
            if (!(spreads > 0))
            {
                continue;
            }

            var usedA = spreads * c.DeltaRatioA;
            var usedB = spreads * c.DeltaRatioB;
            var creditA = c.CreditRate * usedA / Math.Abs(a.NetDelta) * a.ScanRisk;
            var creditB = c.CreditRate * usedB / Math.Abs(b.NetDelta) * b.ScanRisk;
            _remainingDelta[c.GroupA] -= usedA;
            _remainingDelta[c.GroupB] -= usedB;
            a.Credit += creditA;
            b.Credit += creditB;
            totalCredit += creditA + creditB;
        }

        // A credit never takes a group below its short option minimum: keep the part actually used.
        totalCredit = 0;
        double maintenance = 0;
        for (var g = 0; g < groups.Length; g++)
        {
            var gm = groups[g];
            var requirement = Math.Max(gm.ScanRisk + gm.SpreadCharge - gm.Credit, gm.ShortOptionMinimum);
            gm.Credit = gm.HasPositions ? gm.GrossRequirement - requirement : 0;
            totalCredit += gm.Credit;
            maintenance += gm.Requirement;
        }

        result.Maintenance = maintenance;
        result.TotalCredit = totalCredit;
        result.Initial = MoneyRounding.RoundHalfUp(_options.InitialRatio * maintenance, _options.InitialRoundingUnit);
        result.Cash = portfolio.Cash;
        result.FuturesPnl = futuresPnl;
        result.OptionValue = optionValue;
    }

    /// <summary>
    /// Evaluates a candidate order of <paramref name="signedQuantity"/> contracts (positive buys) at
    /// <paramref name="price"/> against <paramref name="portfolio"/>, whose current margin is
    /// <paramref name="before"/> (as computed by <see cref="Compute"/>). Risk arrays must be built for
    /// the order's instrument. The portfolio is not changed. Allocates nothing.
    /// </summary>
    public OrderImpact EvaluateOrder(Portfolio portfolio, MarketSnapshot market, MarginBreakdown before, int instrument, long signedQuantity, double price)
    {
        ArgumentNullException.ThrowIfNull(before);
        if (signedQuantity == 0)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(signedQuantity), signedQuantity, "order quantity must not be zero.");
        }

        _scratch.CopyFrom(portfolio);
        _scratch.Trade(instrument, signedQuantity, price);
        Compute(_scratch, market, _scratchBreakdown);
        OrderImpact impact;
        impact.InitialBefore = before.Initial;
        impact.InitialAfter = _scratchBreakdown.Initial;
        impact.EquityAfter = _scratchBreakdown.Equity;
        impact.Outcome = impact.InitialAfter <= impact.EquityAfter
            ? OrderMarginOutcome.Accepted
            : impact.InitialAfter < impact.InitialBefore
                ? OrderMarginOutcome.AcceptedRiskReducing
                : OrderMarginOutcome.RejectedInsufficientMargin;
        return impact;
    }
}
