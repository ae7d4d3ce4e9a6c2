using System.Text.Json;
using System.Text.Json.Nodes;

namespace RiskGate.Host.Tests.Margin;

public class MarginCommandTests
{
    private static readonly string Examples = MarginCli.Examples;

    public static TheoryData<string> ExampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Examples, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Fact]
    public void Examples_AllRequiredFilesShip()
    {
        foreach (var name in new[] { "covered-call", "protective-put", "synthetic-vs-outright", "calendar-spread", "short-strangle", "two-correlated-groups", "mcmillan-covered-write" })
        {
            Assert.True(File.Exists(Path.Combine(Examples, name + ".json")), name);
        }
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Run_Example_PrintsConsistentBreakdown(string file)
    {
        var root = MarginCli.RunOk(Path.Combine(Examples, file));
        var totals = root.GetProperty("totals");
        var maintenance = totals.GetProperty("maintenance").GetDouble();
        var initial = totals.GetProperty("initial").GetDouble();
        var equity = totals.GetProperty("equity").GetDouble();
        Assert.True(maintenance > 0, file);
        // Initial rounds the unrounded maintenance; the printed maintenance is itself rounded to the cent.
        Assert.True(Math.Abs(initial - 1.10 * maintenance) <= 0.5 + 1.10 * 0.005 + 1e-6, file);
        Assert.Equal(equity - initial, totals.GetProperty("excess").GetDouble(), 6);

        // Expected Shortfall groups are margined together: their share is the "joint" requirement.
        double sumRequirements = root.TryGetProperty("joint", out var joint) ? joint.GetProperty("requirement").GetDouble() : 0;
        foreach (var g in root.GetProperty("groups").EnumerateArray())
        {
            var methodology = g.GetProperty("methodology").GetString();
            Assert.True(methodology is "scan" or "expected_shortfall", file);
            Assert.Equal(methodology == "expected_shortfall", joint.ValueKind == JsonValueKind.Object && joint.GetProperty("groups").EnumerateArray().Any(n => n.GetString() == g.GetProperty("group").GetString()));
            sumRequirements += g.GetProperty("requirement").GetDouble();
            var pnl = g.GetProperty("scenario_pnl").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            if (pnl.Length == 0)
            {
                continue;
            }

            var worst = g.GetProperty("worst_scenario").GetInt32();
            Assert.Equal(pnl.Max(), pnl[worst - 1]);
            Assert.Equal(Math.Max(0, pnl.Max()), g.GetProperty("scan_risk").GetDouble(), 6);
            var gross = Math.Max(g.GetProperty("scan_risk").GetDouble() + g.GetProperty("spread_charge").GetDouble(), g.GetProperty("short_option_minimum").GetDouble());
            Assert.Equal(gross - g.GetProperty("credit").GetDouble(), g.GetProperty("requirement").GetDouble(), 1);
        }

        Assert.Equal(maintenance, sumRequirements, 1);
        Assert.NotEmpty(root.GetProperty("orders").EnumerateArray());
        foreach (var o in root.GetProperty("orders").EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(o.GetProperty("id").GetString()));
            var accepted = o.GetProperty("accepted").GetBoolean();
            var reason = o.GetProperty("reason").GetString();
            Assert.Equal(accepted, reason != "insufficient_margin");
            Assert.Equal(o.GetProperty("initial_after").GetDouble() - initial, o.GetProperty("incremental_initial").GetDouble(), 6);
        }
    }

    [Fact]
    public void Run_McMillanExample_PublishedFigures()
    {
        var root = MarginCli.RunOk(Path.Combine(Examples, "mcmillan-covered-write.json"));
        var g = root.GetProperty("groups")[0];
        Assert.Equal(6_620, g.GetProperty("scan_risk").GetDouble());
        Assert.Equal(13, g.GetProperty("worst_scenario").GetInt32());
        Assert.Equal(6_620, root.GetProperty("totals").GetProperty("maintenance").GetDouble());
        Assert.Equal(7_282, root.GetProperty("totals").GetProperty("initial").GetDouble()); // 1.10 × 6,620
        var order = root.GetProperty("orders")[0];
        Assert.Equal(11_000 - 7_282, order.GetProperty("incremental_initial").GetDouble()); // long future alone: 10,000 × 1.10
        Assert.True(order.GetProperty("accepted").GetBoolean());
    }

    [Theory]
    [InlineData("covered-call.json")] // future + short call
    [InlineData("protective-put.json")] // future + long put
    [InlineData("synthetic-vs-outright.json")] // long call + short put vs short future
    [InlineData("calendar-spread.json")] // Z long vs H short, spread charge included
    public void Run_OffsettingExample_LessThanSumOfLegs(string file)
    {
        var text = File.ReadAllText(Path.Combine(Examples, file));
        var combined = Maintenance(text);
        var legs = JsonNode.Parse(text)!["positions"]!.AsArray();
        double sum = 0;
        for (var k = 0; k < legs.Count; k++)
        {
            var single = JsonNode.Parse(text)!;
            var positions = single["positions"]!.AsArray();
            var keep = positions[k]!.DeepClone();
            positions.Clear();
            positions.Add(keep);
            sum += Maintenance(single.ToJsonString());
        }

        Assert.True(combined < sum, file + ": " + combined + " is not below the legs' " + sum);
    }

    [Fact]
    public void Run_TwoCorrelatedGroups_CreditIsTheConfiguredFormula()
    {
        var root = MarginCli.RunOk(Path.Combine(Examples, "two-correlated-groups.json"));
        var es = root.GetProperty("groups")[0];
        var nq = root.GetProperty("groups")[1];

        // 3 long ES against 2 short NQ at a 3:2 delta ratio and 65%: one spread uses every delta.
        Assert.Equal(3, es.GetProperty("net_delta").GetDouble(), 9);
        Assert.Equal(-2, nq.GetProperty("net_delta").GetDouble(), 9);
        Assert.Equal(54_000, es.GetProperty("scan_risk").GetDouble(), 6); // 3 × $50 × 6000 × 6%
        Assert.Equal(58_800, nq.GetProperty("scan_risk").GetDouble(), 6); // 2 × $20 × 21000 × 7%
        Assert.Equal(0.65 * 54_000, es.GetProperty("credit").GetDouble(), 6);
        Assert.Equal(0.65 * 58_800, nq.GetProperty("credit").GetDouble(), 6);
        Assert.Equal(0.35 * (54_000 + 58_800), root.GetProperty("totals").GetProperty("maintenance").GetDouble(), 6);
    }

    [Fact]
    public void Run_CalendarSpread_ChargesRateTimesMatchedLots()
    {
        var g = MarginCli.RunOk(Path.Combine(Examples, "calendar-spread.json")).GetProperty("groups")[0];
        Assert.Equal(750 * 3, g.GetProperty("spread_charge").GetDouble(), 6);
    }

    [Fact]
    public void Run_ShortStrangle_DeribitGridAndShortOptionMinimum()
    {
        var g = MarginCli.RunOk(Path.Combine(Examples, "short-strangle.json")).GetProperty("groups")[0];
        Assert.Equal("deribit", g.GetProperty("scan_points").GetString());
        Assert.Equal(9 * 3 + 4, g.GetProperty("scenario_pnl").GetArrayLength());
        Assert.Equal(500 * 4, g.GetProperty("short_option_minimum").GetDouble(), 6);
    }

    [Fact]
    public void Run_CustomScanPoints_ScenarioVectorFollowsTheData()
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(Examples, "calendar-spread.json")))!;
        node["groups"]![0]!["scan"]!["points"] = JsonNode.Parse("""[{"price": 0.5}, {"price": -0.5}, {"price": 3, "weight": 0.1}]""");
        var (code, stdout, stderr) = MarginCli.RunText(node.ToJsonString());
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var g = doc.RootElement.GetProperty("groups")[0];
        Assert.Equal("custom", g.GetProperty("scan_points").GetString());
        Assert.Equal(3, g.GetProperty("scenario_pnl").GetArrayLength());

        // 3 long Z at 6000 against 3 short H at 6045, 6% relative range, $50: a half-range move up
        // gains on Z and loses on H; the net is the basis: 3 × 50 × 0.5 × 6% × (6045 − 6000).
        Assert.Equal(3 * 50 * 0.5 * 0.06 * 45, g.GetProperty("scenario_pnl")[0].GetDouble(), 2);
    }

    public static TheoryData<Func<JsonNode, JsonNode?>, string> BadInputs => new()
    {
        { n => { n.AsObject().Remove("valuation_date"); return n; }, "error: $.valuation_date: missing required field" }, // required field
        { n => { n["positions"]![1]!["instrument"] = "ESZ6 C4200"; return n; }, "error: $.positions[1].instrument: unknown instrument 'ESZ6 C4200'" }, // typo in a symbol
        { n => { n["positions"]![0]!["quantity"] = "1"; return n; }, "error: $.positions[0].quantity: must be a whole number, got a string" }, // wrong type
        { n => { n["positions"]![0]!["quantity"] = 1.5; return n; }, "error: $.positions[0].quantity: must be a whole number, got 1.5" }, // fractional contracts
        { n => { n["positions"]![0]!["quantity"] = 0; return n; }, "error: $.positions[0].quantity: must be a non-zero" }, // empty position
        { n => { n["groups"]![0]!["scan"]!["price_range"] = 1.5; return n; }, "error: $.groups[0].scan.price_range: must be in (0, 1]" }, // out of range
        { n => { n["groups"]![0]!["scan"]!["price_range"] = 0.6; return n; }, "error: $.groups[0].scan.price_range: relative range" }, // extremes below zero
        { n => { n["groups"]![0]!["scan"]!["points"] = "span17"; return n; }, "error: $.groups[0].scan.points: must be one of span16, deribit" }, // unknown point set
        { n => { n["orders"]![0]!["side"] = "short"; return n; }, "error: $.orders[0].side: must be one of sell, buy" }, // unknown side
        { n => { n["orders"]![0]!["quantitiy"] = 1; return n; }, "error: $.orders[0].quantitiy: unknown field" }, // misspelt key
        { n => { n["instruments"]![1]!["expiry"] = "2027-06-18"; return n; }, "error: $.instruments[1].expiry: an option cannot expire after its underlying future" }, // option outlives future
        { n => { n["instruments"]![0]!["expiry"] = "18/12/2026"; return n; }, "error: $.instruments[0].expiry: must be an ISO date" }, // date format
        { n => { n["market"]!["vol_surfaces"]![0]!["expiry"] = "2026-12-17"; return n; }, "error: $.instruments[1].expiry: no entry in $.market.vol_surfaces" }, // surface for another expiry
        { n => { n["market"]!["vol_surfaces"]![0]!["rho"] = 1.5; return n; }, "error: $.market.vol_surfaces[0].rho: rho must be in (-1, 1): value 1.5" }, // engine validation, path kept
        { n => { n["market"]!["prices"]!.AsObject().Remove("ESZ6"); return n; }, "error: $.market.prices: missing price for future 'ESZ6'" }, // no price
        { n => { n["risk_arrays"] = new JsonArray(new JsonObject { ["instrument"] = "ESZ6", ["losses"] = new JsonArray(1, 2, 3) }); return n; }, "error: $.risk_arrays[0].losses: needs one value per scan point of group 'ES' (16), got 3" }, // short array
        { n => { n["credits"] = new JsonArray(new JsonObject { ["groups"] = new JsonArray("ES", "CL"), ["rate"] = 0.5 }); return n; }, "error: $.credits[0].groups[1]: unknown group 'CL'" }, // unknown group
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Run_BadFile_OneErrorLineNamingTheFieldAndExitOne(Func<JsonNode, JsonNode?> mutate, string expectedStart)
    {
        var node = mutate(JsonNode.Parse(File.ReadAllText(Path.Combine(Examples, "covered-call.json")))!);
        var (code, stdout, stderr) = MarginCli.RunText(node!.ToJsonString());
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith(expectedStart, lines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"valuation_date\": ")] // truncated document
    [InlineData("[1, 2]")] // not an object
    [InlineData("")] // empty file
    public void Run_InvalidJson_OneErrorLineAndExitOne(string text)
    {
        var (code, stdout, stderr) = MarginCli.RunText(text);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: $", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingFile_OneErrorLineAndExitOne()
    {
        var (code, _, stderr) = MarginCli.Run(["margin", Path.Combine(Path.GetTempPath(), "riskgate-no-such-file.json")]);
        Assert.Equal(1, code);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("")] // no command
    [InlineData("margin")] // no file
    [InlineData("margin a.json b.json")] // two files
    [InlineData("margin --pretty a.json")] // unknown option
    public void Run_UsageError_ExitsTwo(string commandLine)
        => Assert.Equal(2, MarginCli.Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Code);

    [Fact]
    public void Run_Help_ListsMarginCommand()
    {
        var (code, stdout, _) = MarginCli.Run(["--help"]);
        Assert.Equal(0, code);
        Assert.Contains("margin FILE.json", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_JsonFlag_SameOutput()
    {
        var file = Path.Combine(Examples, "covered-call.json");
        Assert.Equal(MarginCli.Run(["margin", file]).Stdout, MarginCli.Run(["margin", file, "--json"]).Stdout);
    }

    private static double Maintenance(string json)
    {
        var (code, stdout, stderr) = MarginCli.RunText(json);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.GetProperty("totals").GetProperty("maintenance").GetDouble();
    }
}
