using System.Globalization;
using RiskGate.Engine.Joint;

namespace RiskGate.Host.Margin;

/// <summary>
/// Reads the <c>"joint"</c> block of a <c>riskgate margin</c> file: the ES level, the horizon, one
/// scenario source (<c>monte_carlo</c> or <c>historical</c>) over the groups configured
/// <c>"methodology": "expected_shortfall"</c> (matrix rows and columns in the order of those groups in
/// <c>$.groups</c>) and the stress scenarios. Scan groups get zero shocks. Every failure is a
/// <see cref="MarginInputException"/> naming the JSON path. Main thread only.
/// </summary>
internal static class JointInputReader
{
    /// <summary>The validated joint configuration: the scenario set over every group, and the ES level.</summary>
    public sealed record JointInput(JointScenarioSet Set, double Alpha);

    public static JointInput? Read(JsonField root, IReadOnlyList<string> groupNames, IReadOnlyList<MarginMethodology> methodology)
    {
        var esGroups = new List<int>();
        for (var g = 0; g < methodology.Count; g++)
        {
            if (methodology[g] == MarginMethodology.ExpectedShortfall)
            {
                esGroups.Add(g);
            }
        }

        if (!root.TryGet("joint", out var joint))
        {
            if (esGroups.Count > 0)
            {
                throw root.Error("groups use \"expected_shortfall\": a \"joint\" block with the scenario source is required");
            }

            return null;
        }

        if (esGroups.Count == 0)
        {
            throw joint.Error("no group uses \"methodology\": \"expected_shortfall\"");
        }

        joint.AllowOnly("alpha", "horizon_days", "monte_carlo", "historical", "stress");
        var alpha = joint.Number("alpha", JointMarginOptions.DefaultAlpha, ExpectedShortfall.MinAlpha, ExpectedShortfall.MaxAlpha);
        var horizonField = joint.Required("horizon_days");
        var horizon = horizonField.Integer();
        if (horizon is < 1 or > JointScenarioSet.MaxHorizonDays)
        {
            throw horizonField.Error("must be a whole number of days in [1, " + JointScenarioSet.MaxHorizonDays.ToString(CultureInfo.InvariantCulture) + "]");
        }

        var stresses = ReadStresses(joint, groupNames, esGroups);
        var hasMc = joint.TryGet("monte_carlo", out var mc);
        var hasHs = joint.TryGet("historical", out var hs);
        if (hasMc == hasHs)
        {
            throw joint.Error("needs exactly one scenario source: \"monte_carlo\" or \"historical\"");
        }

        var set = hasMc ? ReadMonteCarlo(mc, groupNames, esGroups, (int)horizon, stresses) : ReadHistorical(hs, groupNames, esGroups, (int)horizon, stresses);
        return new JointInput(Expand(set, groupNames.Count, esGroups, stresses), alpha);
    }

    private static JointScenarioSet ReadMonteCarlo(JsonField mc, IReadOnlyList<string> groupNames, List<int> esGroups, int horizon, StressScenario[] stresses)
    {
        mc.AllowOnly("scenarios", "seed", "vols", "correlation", "vol_betas");
        var k = esGroups.Count;
        var countField = mc.Required("scenarios");
        var count = countField.Integer();
        if (count < 1 || count + stresses.Length > JointScenarioSet.MaxScenarios)
        {
            throw countField.Error("must be a whole number in [1, " + (JointScenarioSet.MaxScenarios - stresses.Length).ToString(CultureInfo.InvariantCulture) + "]");
        }

        var seedField = mc.Required("seed");
        var seed = seedField.Integer();
        if (seed < 0)
        {
            throw seedField.Error("must be a whole number >= 0");
        }

        var vols = PerGroup(mc.Required("vols"), groupNames, esGroups, required: true, 0, 5, minExclusive: true);
        var betas = mc.TryGet("vol_betas", out var betasField) ? PerGroup(betasField, groupNames, esGroups, required: false, -20, 20, minExclusive: false) : [];
        var matrixField = mc.Required("correlation");
        if (matrixField.Length != k)
        {
            throw matrixField.Error("must be a " + k.ToString(CultureInfo.InvariantCulture) + " × " + k.ToString(CultureInfo.InvariantCulture) + " matrix (one row per expected_shortfall group, in $.groups order)");
        }

        var matrix = new double[k * k];
        var r = 0;
        foreach (var row in matrixField.Items())
        {
            var values = row.Numbers();
            if (values.Length != k)
            {
                throw row.Error("needs " + k.ToString(CultureInfo.InvariantCulture) + " numbers");
            }

            values.CopyTo(matrix, r * k);
            r++;
        }

        try
        {
            return CorrelatedMonteCarlo.Build(matrix, vols, horizon, (int)count, (ulong)seed, betas, stresses);
        }
        catch (ArgumentException e)
        {
            var path = e.ParamName switch
            {
                "correlation" => matrixField.Path,
                "annualVols" => mc.Path + ".vols",
                "volBetas" => mc.Path + ".vol_betas",
                "scenarioCount" => countField.Path,
                _ => mc.Path,
            };
            throw new MarginInputException(path, FirstLine(e.Message));
        }
    }

    private static JointScenarioSet ReadHistorical(JsonField hs, IReadOnlyList<string> groupNames, List<int> esGroups, int horizon, StressScenario[] stresses)
    {
        hs.AllowOnly("lambda", "scenarios", "returns", "vol_betas");
        var k = esGroups.Count;
        var lambda = hs.Number("lambda", FilteredHistoricalSimulation.DefaultLambda, 0, 1, minExclusive: true);
        var returnsField = hs.Required("returns");
        double[][] series = new double[k][];
        foreach (var (name, value) in returnsField.Properties())
        {
            var j = EsOrdinal(value, name, groupNames, esGroups);
            series[j] = value.Numbers();
        }

        var days = -1;
        for (var j = 0; j < k; j++)
        {
            if (series[j] is null)
            {
                throw returnsField.Error("missing returns for group '" + groupNames[esGroups[j]] + "'");
            }

            if (days >= 0 && series[j].Length != days)
            {
                throw new MarginInputException(returnsField.Path + "." + groupNames[esGroups[j]], "every group needs the same number of daily returns (" + days.ToString(CultureInfo.InvariantCulture) + ")");
            }

            days = series[j].Length;
        }

        if (days < 2)
        {
            throw returnsField.Error("needs at least 2 daily returns per group");
        }

        var count = days;
        if (hs.TryGet("scenarios", out var countField))
        {
            var c = countField.Integer();
            if (c < 1 || c > days)
            {
                throw countField.Error("must be in [1, days of history (" + days.ToString(CultureInfo.InvariantCulture) + ")]");
            }

            count = (int)c;
        }

        var returns = new double[days * k];
        for (var d = 0; d < days; d++)
        {
            for (var j = 0; j < k; j++)
            {
                returns[d * k + j] = series[j][d];
            }
        }

        var betas = hs.TryGet("vol_betas", out var betasField) ? PerGroup(betasField, groupNames, esGroups, required: false, -20, 20, minExclusive: false) : [];
        try
        {
            return FilteredHistoricalSimulation.Build(returns, k, horizon, count, lambda, betas, stresses);
        }
        catch (ArgumentException e)
        {
            throw new MarginInputException(e.ParamName == "logReturns" ? returnsField.Path : hs.Path, FirstLine(e.Message));
        }
    }

    // Stress scenarios over the ES groups (ordinal order); groups not named are not shocked.
    private static StressScenario[] ReadStresses(JsonField joint, IReadOnlyList<string> groupNames, List<int> esGroups)
    {
        if (!joint.TryGet("stress", out var stressField))
        {
            return [];
        }

        var k = esGroups.Count;
        var list = new List<StressScenario>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in stressField.Items())
        {
            s.AllowOnly("name", "price_shocks", "vol_shocks", "weight");
            var nameField = s.Required("name");
            var name = nameField.String();
            if (!names.Add(name))
            {
                throw nameField.Error("duplicate stress scenario '" + name + "'");
            }

            var price = new double[k];
            var vol = new double[k];
            foreach (var (group, value) in s.Required("price_shocks").Properties())
            {
                price[EsOrdinal(value, group, groupNames, esGroups)] = value.Number(-1, JointScenarioSet.MaxShock, minExclusive: true);
            }

            if (s.TryGet("vol_shocks", out var volField))
            {
                foreach (var (group, value) in volField.Properties())
                {
                    vol[EsOrdinal(value, group, groupNames, esGroups)] = value.Number(-1, JointScenarioSet.MaxShock, minExclusive: true);
                }
            }

            var weight = s.Number("weight", 1, 0, 1, minExclusive: true);
            try
            {
                list.Add(new StressScenario(name, price, vol, weight));
            }
            catch (ArgumentException e)
            {
                throw s.Error(FirstLine(e.Message));
            }
        }

        return list.ToArray();
    }

    // The set over the ES groups, widened to every group of the file (scan groups unshocked).
    private static JointScenarioSet Expand(JointScenarioSet set, int groupCount, List<int> esGroups, StressScenario[] stresses)
    {
        if (esGroups.Count == groupCount)
        {
            return set;
        }

        var regular = set.RegularCount;
        var buckets = set.TenorBuckets.Length;
        var price = new double[regular * groupCount];
        var vol = new double[regular * groupCount * buckets];
        for (var s = 0; s < regular; s++)
        {
            for (var j = 0; j < esGroups.Count; j++)
            {
                var g = esGroups[j];
                price[s * groupCount + g] = set.PriceShock(s, j);
                for (var b = 0; b < buckets; b++)
                {
                    vol[(s * groupCount + g) * buckets + b] = set.VolShock(s, j, b);
                }
            }
        }

        var wide = new StressScenario[stresses.Length];
        for (var k = 0; k < stresses.Length; k++)
        {
            var p = new double[groupCount];
            var v = new double[groupCount];
            for (var j = 0; j < esGroups.Count; j++)
            {
                p[esGroups[j]] = stresses[k].PriceShocks[j];
                v[esGroups[j]] = stresses[k].VolShocks[j];
            }

            wide[k] = new StressScenario(stresses[k].Name, p, v, stresses[k].Weight);
        }

        return new JointScenarioSet(groupCount, set.HorizonDays, set.TenorBuckets, price, vol, set.RegularWeights, wide);
    }

    private static double[] PerGroup(JsonField field, IReadOnlyList<string> groupNames, List<int> esGroups, bool required, double min, double max, bool minExclusive)
    {
        var values = new double[esGroups.Count];
        var seen = new bool[esGroups.Count];
        foreach (var (name, value) in field.Properties())
        {
            var j = EsOrdinal(value, name, groupNames, esGroups);
            values[j] = value.Number(min, max, minExclusive);
            seen[j] = true;
        }

        for (var j = 0; required && j < seen.Length; j++)
        {
            if (!seen[j])
            {
                throw field.Error("missing a value for group '" + groupNames[esGroups[j]] + "'");
            }
        }

        return values;
    }

    private static int EsOrdinal(JsonField value, string name, IReadOnlyList<string> groupNames, List<int> esGroups)
    {
        var g = -1;
        for (var i = 0; i < groupNames.Count; i++)
        {
            if (groupNames[i] == name)
            {
                g = i;
            }
        }

        if (g < 0)
        {
            throw value.Error("unknown group '" + name + "'");
        }

        var j = esGroups.IndexOf(g);
        return j >= 0 ? j : throw value.Error("group '" + name + "' is not margined by \"expected_shortfall\"");
    }

    private static string FirstLine(string message)
    {
        var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        var line = cut >= 0 ? message[..cut] : message;
        cut = line.IndexOf('\n', StringComparison.Ordinal);
        return (cut >= 0 ? line[..cut] : line).TrimEnd('.', '\r');
    }
}
