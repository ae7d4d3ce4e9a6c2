using System.Text.Json;
using System.Text.Json.Nodes;

namespace RiskGate.Host.Tests.Margin;

/// <summary>
/// <c>riskgate margin</c> with groups on the Expected Shortfall methodology. The correlated-hedge pins
/// are the engine's (<c>CorrelatedHedgeExampleTests</c> in the engine tests) rounded to the cent: the
/// file must reproduce them through the reader, the scenario builder and the writer.
/// </summary>
public class JointMarginCommandTests
{
    private static readonly string Examples = MarginCli.Examples;

    [Theory]
    [InlineData("correlated-hedge-rho0.json", 142_943.13, 126_011.67, 157_237, 85_313)] // why: uncorrelated, the hedge is two open positions
    [InlineData("correlated-hedge-rho05.json", 99_654.55, 91_143.61, 109_620, 132_930)] // why: half the co-movement offsets
    [InlineData("correlated-hedge-rho09.json", 46_502.24, 41_710.34, 51_152, 191_398)] // why: strongly correlated, a true hedge
    public void Run_CorrelatedHedgeExample_PrintsEnginePins(string file, double es, double var, double initial, double unwindIncremental)
    {
        var root = MarginCli.RunOk(Path.Combine(Examples, file));
        var totals = root.GetProperty("totals");
        var joint = root.GetProperty("joint");

        Assert.Equal(es, joint.GetProperty("expected_shortfall").GetDouble());
        Assert.Equal(var, joint.GetProperty("value_at_risk").GetDouble());
        Assert.Equal(es, joint.GetProperty("requirement").GetDouble());
        Assert.Equal(initial, totals.GetProperty("initial").GetDouble());
        Assert.Equal(es, totals.GetProperty("maintenance").GetDouble());
        Assert.Equal(0, totals.GetProperty("scan_maintenance").GetDouble());
        Assert.Equal(100_000, totals.GetProperty("equity").GetDouble());

        // Crash: ES −30% on 2.1M long, NQ −35% on 2.1M short: a 105,000 gain, × 0.35.
        Assert.Equal(-36_750, joint.GetProperty("worst_stress").GetDouble());
        Assert.Equal("crash", joint.GetProperty("worst_stress_scenario").GetString());
        Assert.Equal(2000, joint.GetProperty("scenarios").GetInt32());
        Assert.Equal(2, joint.GetProperty("horizon_days").GetInt32());

        // 1% of 2,000 equally weighted scenarios: the 20 worst, worst first, the last one at the VaR.
        var tail = joint.GetProperty("tail_scenarios").EnumerateArray().Select(t => t.GetProperty("loss").GetDouble()).ToArray();
        Assert.Equal(20, joint.GetProperty("tail_count").GetInt32());
        Assert.Equal(20, tail.Length);
        Assert.Equal(tail.OrderDescending(), tail);
        Assert.Equal(var, tail[^1]);
        Assert.Equal(es, tail.Average(), 0.01);

        var order = root.GetProperty("orders")[0];
        Assert.Equal(242_550, order.GetProperty("initial_after").GetDouble());
        Assert.Equal(unwindIncremental, order.GetProperty("incremental_initial").GetDouble());
        Assert.False(order.GetProperty("accepted").GetBoolean());
    }

    [Fact]
    public void Run_FhsExampleWithScanGroup_MaintenanceIsScanPlusJoint()
    {
        var root = MarginCli.RunOk(Path.Combine(Examples, "fhs-collar-with-scan-group.json"));
        var totals = root.GetProperty("totals");
        var joint = root.GetProperty("joint");
        var cl = root.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "CL");

        Assert.Equal("scan", cl.GetProperty("methodology").GetString());
        Assert.Equal(cl.GetProperty("requirement").GetDouble(), totals.GetProperty("scan_maintenance").GetDouble());
        Assert.Equal(totals.GetProperty("scan_maintenance").GetDouble() + joint.GetProperty("requirement").GetDouble(), totals.GetProperty("maintenance").GetDouble(), 2);
        Assert.Equal(100, joint.GetProperty("scenarios").GetInt32());
        Assert.Equal(0.975, joint.GetProperty("alpha").GetDouble());

        // Long 2 CL at 70 × 1,000 on an 8% range: the scan's worst node is −1 range (−5,600 × 2).
        Assert.Equal(11_200, cl.GetProperty("scan_risk").GetDouble());

        // Short 4 ES calls at a 50 minimum each.
        Assert.Equal(200, joint.GetProperty("short_option_minimum").GetDouble());
        var charged = Math.Max(Math.Max(joint.GetProperty("expected_shortfall").GetDouble(), joint.GetProperty("worst_stress").GetDouble()), 0);
        Assert.Equal(charged + 200, joint.GetProperty("requirement").GetDouble(), 2);
    }

    [Fact]
    public void Run_SameHedgeAsScanFile_DiffersOnlyByMethodology()
    {
        // The hedge with both groups back on the scan (and its default scan points) has no "joint" block.
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(Examples, "correlated-hedge-rho05.json")))!;
        node.AsObject().Remove("joint");
        foreach (var g in node["groups"]!.AsArray())
        {
            g!["methodology"] = "scan";
            g["scan"] = new JsonObject { ["price_range"] = 0.06, ["vol_range"] = 0.25 };
        }

        var (code, stdout, stderr) = MarginCli.RunText(node.ToJsonString());
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.False(doc.RootElement.TryGetProperty("joint", out _));

        // Scan, no credit: 7 × 50 × 6,000 × 6% + 5 × 20 × 21,000 × 6% = 126,000 + 126,000.
        Assert.Equal(252_000, doc.RootElement.GetProperty("totals").GetProperty("maintenance").GetDouble());
    }

    public static TheoryData<Func<JsonNode, JsonNode?>, string> BadInputs => new()
    {
        { n => { n["joint"]!["monte_carlo"]!["correlation"] = new JsonArray(new JsonArray(1, 1.5), new JsonArray(1.5, 1)); return n; }, "error: $.joint.monte_carlo.correlation: " }, // why: not a correlation matrix
        { n => { n["joint"]!["monte_carlo"]!["correlation"] = new JsonArray(new JsonArray(1, 0.5), new JsonArray(0.4, 1)); return n; }, "error: $.joint.monte_carlo.correlation: " }, // why: asymmetric
        { n => { n["joint"]!["monte_carlo"]!["correlation"] = new JsonArray(new JsonArray(1)); return n; }, "error: $.joint.monte_carlo.correlation: must be a 2 × 2 matrix" }, // why: wrong size
        { n => { n["joint"]!["monte_carlo"]!["correlation"]![1] = new JsonArray(0.5); return n; }, "error: $.joint.monte_carlo.correlation[1]: needs 2 numbers" }, // why: short row
        { n => { n["joint"]!["monte_carlo"]!["vols"]!.AsObject().Remove("NQ"); return n; }, "error: $.joint.monte_carlo.vols: missing a value for group 'NQ'" }, // why: a group without a vol
        { n => { n["joint"]!["monte_carlo"]!["vols"]!["CL"] = 0.3; return n; }, "error: $.joint.monte_carlo.vols.CL: unknown group 'CL'" }, // why: typo in a group name
        { n => { n["joint"]!["monte_carlo"]!["scenarios"] = 0; return n; }, "error: $.joint.monte_carlo.scenarios: must be a whole number in [1, " }, // why: empty set
        { n => { n["joint"]!["horizon_days"] = 0; return n; }, "error: $.joint.horizon_days: must be a whole number of days in [1, 250]" }, // why: no horizon
        { n => { n["joint"]!["alpha"] = 1; return n; }, "error: $.joint.alpha: must be in [0.5, 0.99999]" }, // why: ES at 100% is the worst case
        { n => { n["joint"]!["historical"] = new JsonObject(); return n; }, "error: $.joint: needs exactly one scenario source" }, // why: two sources
        { n => { n["joint"]!["stress"]![0]!["weight"] = 2; return n; }, "error: $.joint.stress[0].weight: must be in (0, 1]" }, // why: counts more than the loss
        { n => { n["joint"]!["stress"]![0]!["price_shocks"]!["ES"] = -1; return n; }, "error: $.joint.stress[0].price_shocks.ES: must be in (-1, 10]" }, // why: price to zero
        { n => { n["groups"]![0]!["methodology"] = "var"; return n; }, "error: $.groups[0].methodology: must be one of scan, expected_shortfall" }, // why: unknown methodology
        { n => { n.AsObject().Remove("joint"); return n; }, "error: $: groups use \"expected_shortfall\"" }, // why: ES without scenarios
        { n => { n["joint"]!["mc"] = 1; return n; }, "error: $.joint.mc: unknown field" }, // why: misspelt key
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Run_BadJointBlock_OneErrorLineNamingTheFieldAndExitOne(Func<JsonNode, JsonNode?> mutate, string expectedStart)
    {
        var node = mutate(JsonNode.Parse(File.ReadAllText(Path.Combine(Examples, "correlated-hedge-rho05.json")))!);
        var (code, stdout, stderr) = MarginCli.RunText(node!.ToJsonString());
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith(expectedStart, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HistoricalReturnsOfDifferentLengths_ErrorNamesTheGroup()
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(Examples, "fhs-collar-with-scan-group.json")))!;
        node["joint"]!["historical"]!["returns"]!["NQ"]!.AsArray().RemoveAt(0);
        var (code, _, stderr) = MarginCli.RunText(node.ToJsonString());
        Assert.Equal(1, code);
        Assert.StartsWith("error: $.joint.historical.returns.NQ: every group needs the same number of daily returns", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_JointBlockWithoutEsGroup_Error()
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(Examples, "two-correlated-groups.json")))!;
        node["joint"] = new JsonObject { ["horizon_days"] = 1 };
        var (code, _, stderr) = MarginCli.RunText(node.ToJsonString());
        Assert.Equal(1, code);
        Assert.StartsWith("error: $.joint: no group uses", stderr, StringComparison.Ordinal);
    }
}
