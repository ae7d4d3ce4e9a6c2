using RiskGate.Host.Simulate;

namespace RiskGate.Host.Tests.Simulate;

public sealed class SimulateOptionsTests
{
    [Fact]
    public void TryParse_NoArguments_EmbeddedDefaults()
    {
        Assert.True(SimulateOptions.TryParse([], out var o, out _));

        Assert.Equal(SimulateOptions.DefaultSeed, o.Seed);
        Assert.Equal(10_000, o.Accounts);
        Assert.Equal(SimulateOptions.DefaultMessages, o.Messages);
        Assert.Equal(0, o.Rate);
        Assert.Equal(WaitKind.Yield, o.Wait);
        Assert.Null(o.JsonPath);
    }

    [Fact]
    public void TryParse_EveryOption_Read()
    {
        Assert.True(SimulateOptions.TryParse(["--seed", "9", "--accounts", "50", "--messages", "5000", "--rate", "100000", "--wait", "sleep", "--json", "out.json", "--quiet"], out var o, out _));

        Assert.Equal(9UL, o.Seed);
        Assert.Equal(50, o.Accounts);
        Assert.Equal(5_000, o.Messages);
        Assert.Equal(100_000, o.Rate);
        Assert.Equal(WaitKind.Sleep, o.Wait);
        Assert.Equal("out.json", o.JsonPath);
        Assert.True(o.Quiet);
    }

    [Theory]
    [InlineData("--seed", "x", "--seed")] // not a number
    [InlineData("--seed", "-1", "--seed")] // negative
    [InlineData("--accounts", "5", "--accounts")] // below the minimum
    [InlineData("--messages", "10", "--messages")] // below the minimum
    [InlineData("--rate", "-5", "--rate")] // negative rate
    [InlineData("--wait", "spin", "--wait")] // unknown strategy
    [InlineData("--bogus", "1", "--bogus")] // unknown option
    [InlineData("--json", null, "--json")] // missing value
    public void TryParse_BadValue_OneLineNamingTheOption(string name, string? value, string named)
    {
        string[] args = value is null ? [name] : [name, value];

        Assert.False(SimulateOptions.TryParse(args, out _, out var error));

        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void TryParse_TooFewMessagesForAccounts_NamesMessages()
    {
        Assert.False(SimulateOptions.TryParse(["--accounts", "10000", "--messages", "5000"], out _, out var error));

        Assert.Contains("--messages", error, StringComparison.Ordinal);
    }
}
