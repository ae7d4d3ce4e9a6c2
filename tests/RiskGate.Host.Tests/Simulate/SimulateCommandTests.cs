using System.Text.Json;
using RiskGate.Host.Simulate;

namespace RiskGate.Host.Tests.Simulate;

public sealed class SimulateCommandTests
{
    private static SimulateResult Simulate(ulong seed)
    {
        var options = new SimulateOptions { Seed = seed, Accounts = 200, Messages = 20_000, Quiet = true };
        var result = SimulateCommand.Simulate(options, TextWriter.Null, false, out var failure);
        Assert.True(result is not null, failure);
        return result;
    }

    [Fact]
    public void Simulate_SameSeedTwice_SameHashAndCounts()
    {
        var a = Simulate(11);
        var b = Simulate(11);

        Assert.Equal(a.DecisionHash, b.DecisionHash);
        Assert.Equal(a.Accepted, b.Accepted);
        Assert.Equal(a.Rejected, b.Rejected);
        Assert.Equal(a.MarginCalls, b.MarginCalls);
        Assert.Equal(a.IntegratedInitial, b.IntegratedInitial);
    }

    [Fact]
    public void Simulate_DifferentSeed_DifferentHash()
    {
        Assert.NotEqual(Simulate(11).DecisionHash, Simulate(12).DecisionHash);
    }

    [Fact]
    public void Simulate_SmallSession_EveryMessageDecidedWithAcceptsRejectsAndNetting()
    {
        var r = Simulate(5);

        Assert.Equal(20_000, r.Messages);
        Assert.Equal(r.Messages, r.Accepted + r.RejectedTotal);
        Assert.True(r.Accepted > r.Messages / 2, "accepted " + r.Accepted);
        Assert.True(r.RejectedTotal > 0);
        Assert.True(r.LatencySamples > 0);
        Assert.True(r.NettingAccounts > 0);
        Assert.True(r.IntegratedInitial < r.StandaloneInitial, "integrated netting must save margin");
        Assert.Equal(0, r.FalseAccepts);
    }

    [Fact]
    public void Run_JsonOption_WritesEveryDesignKey()
    {
        var path = Path.Combine(Path.GetTempPath(), "riskgate-simulate-" + Environment.ProcessId + ".json");
        try
        {
            var stdout = new StringWriter();
            var code = CommandLine.Run(["simulate", "--seed", "3", "--accounts", "100", "--messages", "5000", "--json", path, "--quiet"], stdout, TextWriter.Null);

            Assert.Equal(0, code);
            Assert.Contains("decision hash", stdout.ToString(), StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            foreach (var key in new[] { "seed", "messages", "accounts", "elapsed_s", "throughput_per_s", "decision_hash", "accepted", "rejected", "margin_calls", "latency", "netting", "approximation", "gc_collections", "allocated_bytes" })
            {
                Assert.True(root.TryGetProperty(key, out _), "missing " + key);
            }

            foreach (var key in new[] { "p50_ns", "p90_ns", "p99_ns", "p999_ns", "p9999_ns", "max_ns" })
            {
                Assert.True(root.GetProperty("latency").TryGetProperty(key, out _), "missing latency." + key);
            }

            foreach (var key in new[] { "integrated_initial", "standalone_initial" })
            {
                Assert.True(root.GetProperty("netting").TryGetProperty(key, out _), "missing netting." + key);
            }

            foreach (var key in new[] { "samples", "max_rel_error", "p99_rel_error", "false_accepts", "false_rejects" })
            {
                Assert.True(root.GetProperty("approximation").TryGetProperty(key, out _), "missing approximation." + key);
            }

            Assert.Equal(JsonValueKind.Object, root.GetProperty("rejected").ValueKind);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("--accounts", "1")] // below the minimum
    [InlineData("--wait", "nap")] // unknown strategy
    [InlineData("--frobnicate", "1")] // unknown option
    public void Run_BadOption_ExitTwoWithOneLine(string name, string value)
    {
        var stderr = new StringWriter();

        var code = CommandLine.Run(["simulate", name, value], TextWriter.Null, stderr);

        Assert.Equal(2, code);
        var text = stderr.ToString().TrimEnd();
        Assert.DoesNotContain('\n', text);
        Assert.Contains(name, text, StringComparison.Ordinal);
    }
}
