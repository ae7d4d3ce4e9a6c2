using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Joint;

/// <summary>
/// Account margin with a methodology per product group: the groups configured
/// <see cref="MarginMethodology.Scan"/> are margined by <see cref="MarginCalculator"/> (scan, spread
/// charge, short option minimum, inter-group credits — credits arise only among scan groups, since
/// the scan calculator sees no position of an ES group), the groups configured
/// <see cref="MarginMethodology.ExpectedShortfall"/> by <see cref="JointMarginCalculator"/> over their
/// joint scenarios.
/// </summary>
/// <remarks>
/// <para>Maintenance = scan maintenance + joint requirement; initial = round-half-up(ratio ×
/// maintenance, unit) with the ratio and unit of the scan calculator's <see cref="MarginOptions"/>;
/// equity = cash + futures P&amp;L + option value over every position. Orders are decided as by
/// <see cref="MarginCalculator.EvaluateOrder"/>: accepted when post-trade initial ≤ post-trade equity, or
/// when the order strictly lowers initial margin.</para>
/// <para>Single owner: one thread. <see cref="Compute"/> and <see cref="EvaluateOrder"/> allocate nothing.</para>
/// </remarks>
public sealed class CombinedMarginCalculator
{
    private readonly InstrumentTable _instruments;
    private readonly MarginCalculator _scan;
    private readonly JointMarginCalculator _joint;
    private readonly Portfolio _scanPart;
    private readonly Portfolio _scratch;
    private readonly CombinedMarginResult _scratchResult;

    /// <summary>Creates the combination; throws when the two calculators disagree on the groups.</summary>
    public CombinedMarginCalculator(InstrumentTable instruments, MarginCalculator scan, JointMarginCalculator joint)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(joint);
        if (scan.Options.Groups.Length != instruments.GroupCount || joint.Options.GroupCount != instruments.GroupCount)
        {
            ThrowHelper.Argument(nameof(joint), "scan and joint calculators must cover the instrument table's product groups.");
        }

        _instruments = instruments;
        _scan = scan;
        _joint = joint;
        _scanPart = new Portfolio(instruments);
        _scratch = new Portfolio(instruments);
        _scratchResult = CreateResult();
    }

    /// <summary>The scan calculator.</summary>
    public MarginCalculator Scan => _scan;

    /// <summary>The joint calculator.</summary>
    public JointMarginCalculator Joint => _joint;

    /// <summary>Allocates a result sized for this calculator (do it once, reuse it).</summary>
    public CombinedMarginResult CreateResult() => new(_scan.CreateBreakdown(), _joint.CreateResult());

    /// <summary>
    /// Computes the account margin of <paramref name="portfolio"/> from prepared scan and joint rows into
    /// <paramref name="result"/>. Allocates nothing.
    /// </summary>
    public void Compute(Portfolio portfolio, MarketSnapshot market, CombinedMarginResult result)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(result);
        _scanPart.Clear();
        var joint = _joint.Options;
        for (var k = 0; k < portfolio.HeldCount; k++)
        {
            var i = portfolio.HeldInstrument(k);
            if (!joint.IsExpectedShortfall(_instruments[i].Group))
            {
                _scanPart.SetPosition(i, portfolio.Quantity(i), portfolio.AveragePrice(i));
            }
        }

        _scan.Compute(_scanPart, market, result.Scan);
        _joint.Compute(portfolio, market, result.Joint);
        var maintenance = result.Scan.Maintenance + result.Joint.Requirement;
        var options = _scan.Options;
        result.Maintenance = maintenance;
        result.Initial = MoneyRounding.RoundHalfUp(options.InitialRatio * maintenance, options.InitialRoundingUnit);
        result.Cash = portfolio.Cash;
        result.FuturesPnl = result.Scan.FuturesPnl + result.Joint.FuturesPnl;
        result.OptionValue = result.Scan.OptionValue + result.Joint.OptionValue;
    }

    /// <summary>
    /// Evaluates a candidate order of <paramref name="signedQuantity"/> contracts (positive buys) at
    /// <paramref name="price"/> against <paramref name="portfolio"/>, whose current margin is
    /// <paramref name="before"/>. The portfolio is not changed. Allocates nothing.
    /// </summary>
    public OrderImpact EvaluateOrder(Portfolio portfolio, MarketSnapshot market, CombinedMarginResult before, int instrument, long signedQuantity, double price)
    {
        ArgumentNullException.ThrowIfNull(before);
        if (signedQuantity == 0)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(signedQuantity), signedQuantity, "order quantity must not be zero.");
        }

        _scratch.CopyFrom(portfolio);
        _scratch.Trade(instrument, signedQuantity, price);
        Compute(_scratch, market, _scratchResult);
        OrderImpact impact;
        impact.InitialBefore = before.Initial;
        impact.InitialAfter = _scratchResult.Initial;
        impact.EquityAfter = _scratchResult.Equity;
        impact.Outcome = impact.InitialAfter <= impact.EquityAfter
            ? OrderMarginOutcome.Accepted
            : impact.InitialAfter < impact.InitialBefore
                ? OrderMarginOutcome.AcceptedRiskReducing
                : OrderMarginOutcome.RejectedInsufficientMargin;
        return impact;
    }
}
