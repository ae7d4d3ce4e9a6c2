using System.Text;
using System.Text.Json;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;

namespace RiskGate.Host.Margin;

/// <summary>
/// Writes the <c>riskgate margin</c> result as JSON in the stable shape of DESIGN §10 (keys may be
/// added, never renamed). Money is rounded half-up to the input's money precision. Main thread only.
/// </summary>
internal static class MarginReportWriter
{
    /// <summary>
    /// Renders the report: <paramref name="result"/> is the scan breakdown (of every group when
    /// <paramref name="combined"/> is null, of the scan groups otherwise); with expected_shortfall groups
    /// the totals come from <paramref name="combined"/> and a "joint" object shows the ES breakdown.
    /// </summary>
    public static string Write(MarginInput input, MarginBreakdown result, CombinedMarginResult? combined, IReadOnlyList<OrderImpact> impacts)
    {
        var unit = input.MoneyPrecision;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("valuation_date", input.ValuationDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteStartObject("totals");
            if (combined is null)
            {
                Money(w, "initial", result.Initial, unit);
                Money(w, "maintenance", result.Maintenance, unit);
                Money(w, "equity", result.Equity, unit);
                Money(w, "excess", result.Excess, unit);
                Money(w, "cash", result.Cash, unit);
                Money(w, "futures_pnl", result.FuturesPnl, unit);
                Money(w, "option_value", result.OptionValue, unit);
            }
            else
            {
                Money(w, "initial", combined.Initial, unit);
                Money(w, "maintenance", combined.Maintenance, unit);
                Money(w, "equity", combined.Equity, unit);
                Money(w, "excess", combined.Excess, unit);
                Money(w, "cash", combined.Cash, unit);
                Money(w, "futures_pnl", combined.FuturesPnl, unit);
                Money(w, "option_value", combined.OptionValue, unit);
                Money(w, "scan_maintenance", result.Maintenance, unit);
                Money(w, "joint_requirement", combined.Joint.Requirement, unit);
            }

            Money(w, "credit", result.TotalCredit, unit);
            w.WriteNumber("initial_ratio", input.Options.InitialRatio);
            w.WriteEndObject();
            if (combined is not null)
            {
                WriteJoint(w, input, combined.Joint, unit);
            }

            w.WriteStartArray("groups");
            foreach (var g in result.Groups)
            {
                w.WriteStartObject();
                w.WriteString("group", input.GroupNames[g.Group]);
                var isJoint = input.Methodology[g.Group] == MarginMethodology.ExpectedShortfall;
                w.WriteString("methodology", isJoint ? "expected_shortfall" : "scan");
                w.WriteString("scan_points", input.GroupPointSets[g.Group]);
                w.WriteBoolean("has_positions", isJoint ? Holds(input, g.Group) : g.HasPositions);
                Money(w, "scan_risk", g.ScanRisk, unit);
                w.WriteNumber("worst_scenario", g.WorstScenario);
                w.WriteStartArray("scenario_pnl");
                foreach (var l in g.HasPositions ? g.ScenarioPnl : [])
                {
                    w.WriteNumberValue(MoneyRounding.RoundHalfUp(l, unit));
                }

                w.WriteEndArray();
                Money(w, "spread_charge", g.SpreadCharge, unit);
                Money(w, "short_option_minimum", g.ShortOptionMinimum, unit);
                Money(w, "credit", g.Credit, unit);
                Money(w, "requirement", g.Requirement, unit);
                Money(w, "gross_requirement", g.GrossRequirement, unit);
                w.WriteNumber("net_delta", Math.Round(g.NetDelta, 6));
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("orders");
            for (var k = 0; k < input.Orders.Count; k++)
            {
                var o = input.Orders[k];
                var impact = impacts[k];
                w.WriteStartObject();
                w.WriteString("id", o.Id);
                w.WriteString("instrument", o.Symbol);
                w.WriteString("side", o.IsBuy ? "buy" : "sell");
                w.WriteNumber("quantity", o.Quantity);
                w.WriteNumber("price", o.Price);
                Money(w, "incremental_initial", impact.IncrementalInitial, unit);
                Money(w, "initial_after", impact.InitialAfter, unit);
                Money(w, "equity_after", impact.EquityAfter, unit);
                w.WriteBoolean("accepted", impact.Accepted);
                w.WriteString("reason", Reason(impact.Outcome));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // The ES breakdown: ES and VaR over the regular scenarios, the worst weighted stress, the charge, and
    // the tail (regular scenarios at or beyond the VaR, worst first, 0-based indices into the set).
    private static void WriteJoint(Utf8JsonWriter w, MarginInput input, JointMarginResult joint, double unit)
    {
        var set = input.JointSet!;
        w.WriteStartObject("joint");
        w.WriteStartArray("groups");
        for (var g = 0; g < input.Methodology.Length; g++)
        {
            if (input.Methodology[g] == MarginMethodology.ExpectedShortfall)
            {
                w.WriteStringValue(input.GroupNames[g]);
            }
        }

        w.WriteEndArray();
        w.WriteNumber("alpha", input.Alpha);
        w.WriteNumber("horizon_days", set.HorizonDays);
        w.WriteNumber("scenarios", set.RegularCount);
        w.WriteNumber("stress_scenarios", set.StressCount);
        w.WriteBoolean("has_positions", joint.HasPositions);
        Money(w, "expected_shortfall", joint.ExpectedShortfall, unit);
        Money(w, "value_at_risk", joint.ValueAtRisk, unit);
        Money(w, "worst_stress", joint.WorstStress, unit);
        if (joint.WorstStressScenario >= 0)
        {
            w.WriteString("worst_stress_scenario", set.Name(joint.WorstStressScenario));
        }
        else
        {
            w.WriteNull("worst_stress_scenario");
        }

        Money(w, "short_option_minimum", joint.ShortOptionMinimum, unit);
        Money(w, "requirement", joint.Requirement, unit);
        w.WriteNumber("tail_count", joint.TailCount);
        w.WriteStartArray("tail_scenarios");
        foreach (var s in joint.TailScenarios)
        {
            w.WriteStartObject();
            w.WriteNumber("scenario", s);
            Money(w, "loss", joint.ScenarioLosses[s], unit);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static bool Holds(MarginInput input, int group)
    {
        var p = input.Portfolio;
        for (var k = 0; k < p.HeldCount; k++)
        {
            if (input.Instruments[p.HeldInstrument(k)].Group == group)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The stable reason string of an outcome.</summary>
    public static string Reason(OrderMarginOutcome outcome) => outcome switch
    {
        OrderMarginOutcome.Accepted => "accepted",
        OrderMarginOutcome.AcceptedRiskReducing => "risk_reducing",
        _ => "insufficient_margin",
    };

    private static void Money(Utf8JsonWriter w, string name, double amount, double unit)
    {
        var rounded = MoneyRounding.RoundHalfUp(amount, unit);
        w.WriteNumber(name, rounded == 0 ? 0 : rounded);
    }
}
