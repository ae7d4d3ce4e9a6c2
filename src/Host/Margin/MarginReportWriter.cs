using System.Text;
using System.Text.Json;
using RiskGate.Engine.Margin;

namespace RiskGate.Host.Margin;

/// <summary>
/// Writes the <c>riskgate margin</c> result as JSON in the stable shape of DESIGN §10 (keys may be
/// added, never renamed). Money is rounded half-up to the input's money precision. Main thread only.
/// </summary>
internal static class MarginReportWriter
{
    public static string Write(MarginInput input, MarginBreakdown result, IReadOnlyList<OrderImpact> impacts)
    {
        var unit = input.MoneyPrecision;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("valuation_date", input.ValuationDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteStartObject("totals");
            Money(w, "initial", result.Initial, unit);
            Money(w, "maintenance", result.Maintenance, unit);
            Money(w, "equity", result.Equity, unit);
            Money(w, "excess", result.Excess, unit);
            Money(w, "cash", result.Cash, unit);
            Money(w, "futures_pnl", result.FuturesPnl, unit);
            Money(w, "option_value", result.OptionValue, unit);
            Money(w, "credit", result.TotalCredit, unit);
            w.WriteNumber("initial_ratio", input.Options.InitialRatio);
            w.WriteEndObject();

            w.WriteStartArray("groups");
            foreach (var g in result.Groups)
            {
                w.WriteStartObject();
                w.WriteString("group", input.GroupNames[g.Group]);
                w.WriteString("methodology", "scan");
                w.WriteString("scan_points", input.GroupPointSets[g.Group]);
                w.WriteBoolean("has_positions", g.HasPositions);
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
