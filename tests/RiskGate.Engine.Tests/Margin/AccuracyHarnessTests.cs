using RiskGate.Engine.Margin;
using Xunit.Abstractions;

namespace RiskGate.Engine.Tests.Margin;

public class AccuracyHarnessTests(ITestOutputHelper output)
{
    [Fact]
    public void Run_SessionOfHundredThousandOrdersOverAMovingMarket_NoFalseAccepts()
    {
        var book = new TestBook(spreadRate: 40, shortOptionMinimum: 150, credits: [new InterGroupCredit(0, 1, 0.5, 1, 1)]);
        var options = new AccuracyHarnessOptions { Steps = 10_000, OrdersPerStep = 10, Accounts = 24, SafetyBuffer = 0.01 };
        var harness = new AccuracyHarness(book.Instruments, book.Options, book.Market, options);
        harness.SeedPortfolios();

        var report = harness.Run();

        output.WriteLine("samples " + report.Samples + " max rel " + report.MaxRelativeError + " p99 rel " + report.P99RelativeError + " max abs " + report.MaxAbsoluteError);
        output.WriteLine("orders " + report.Orders + " reference rejects " + report.ReferenceRejects + " false accepts " + report.FalseAccepts + " false rejects " + report.FalseRejects + " (" + report.FalseRejectRate + ")");
        output.WriteLine("fills " + report.Fills + " reanchors " + report.Reanchors + " rebuilds " + report.Rebuilds + " credit-uncertain samples " + report.CreditUncertainSamples);
        Assert.True(report.Orders >= 100_000, "orders " + report.Orders);
        Assert.True(report.ReferenceRejects > 1_000, "the session must test the limit: reference rejects " + report.ReferenceRejects);
        Assert.True(report.Reanchors > 100, "the market must move through many anchors: " + report.Reanchors);
        Assert.Equal(0, report.FalseAccepts);
        Assert.True(report.P99RelativeError < 0.005, "p99 relative error " + report.P99RelativeError);
    }

    [Fact]
    public void Run_SameSeed_SameReport()
    {
        AccuracyReport RunOnce()
        {
            var book = new TestBook();
            var harness = new AccuracyHarness(book.Instruments, book.Options, book.Market, new AccuracyHarnessOptions { Steps = 50, Accounts = 4, Seed = 9 });
            harness.SeedPortfolios();
            return harness.Run();
        }

        var a = RunOnce();
        var b = RunOnce();

        Assert.Equal(a.Samples, b.Samples);
        Assert.Equal(a.MaxRelativeError, b.MaxRelativeError);
        Assert.Equal(a.Orders, b.Orders);
        Assert.Equal(a.Fills, b.Fills);
        Assert.Equal(a.FalseRejects, b.FalseRejects);
    }

    [Fact]
    public void Options_StepsZero_ThrowsNamingTheSetting()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AccuracyHarnessOptions { Steps = 0 }.Validate());

        Assert.Equal("Steps", e.ParamName);
    }
}
