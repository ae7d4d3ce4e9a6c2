using RiskGate.Engine.Pricing;

namespace RiskGate.Engine.Tests.Pricing;

public class ImpliedVolatilityTests
{
    private const double Forward = 100.0;
    private const double Rate = 0.03;

    [Fact]
    public void TrySolve_RoundTripAcrossMoneynessTenorAndVol_RecoversVolatility()
    {
        // k = ln(K/F) from −1.5 to +1.5, T from one day to five years, σ from 1% to 300%, calls and puts.
        // Where vega is not negligible (a 1e-8 change of σ moves the premium by more than ~1e-13 of it,
        // i.e. vega ≥ 1e-5·premium) σ must come back to 1e-8; everywhere the premium has time value the
        // solver must succeed.
        double[] tenors = [1.0 / 365, 1.0 / 52, 1.0 / 12, 0.25, 1, 2, 5];
        double[] vols = [0.01, 0.05, 0.2, 0.5, 1.0, 3.0];
        int checkedCases = 0, solved = 0, total = 0, maxIterations = 0;
        var worst = 0.0;
        for (var step = -30; step <= 30; step++)
        {
            var strike = Forward * Math.Exp(step * 0.05);
            foreach (var t in tenors)
            {
                foreach (var vol in vols)
                {
                    foreach (var isCall in new[] { true, false })
                    {
                        var g = Black76.Greeks(isCall, Forward, strike, t, Rate, vol);
                        var df = Math.Exp(-Rate * t);
                        var timeValue = g.Price - df * Black76.Intrinsic(isCall, Forward, strike);
                        if (!(timeValue > 1e-13 * g.Price) || g.Price < 1e-280)
                        {
                            continue; // no representable time value: σ is not identifiable
                        }

                        total++;
                        var status = ImpliedVolatility.TrySolve(isCall, g.Price, Forward, strike, t, Rate, ImpliedVolatility.MaxIterations, out var implied, out var iterations);
                        Assert.True(status == ImpliedVolStatus.Solved, $"k={step * 0.05} T={t} σ={vol} call={isCall}: {status}");
                        solved++;
                        maxIterations = Math.Max(maxIterations, iterations);
                        if (g.Vega >= 1e-5 * g.Price)
                        {
                            checkedCases++;
                            var error = Math.Abs(implied - vol);
                            worst = Math.Max(worst, error);
                            Assert.True(error <= 1e-8, $"k={step * 0.05} T={t} σ={vol} call={isCall}: {implied:R} ({iterations} iterations)");
                        }
                    }
                }
            }
        }

        Assert.True(checkedCases >= 3000, $"only {checkedCases} of {total} cases had usable vega"); // 3,190 of 3,344
        Assert.True(maxIterations <= 10, $"max iterations {maxIterations}"); // 8 observed
        Assert.Equal(total, solved);
    }

    [Fact]
    public void TrySolve_SeededRandomCases_RecoverVolatility()
    {
        var random = new Random(42);
        for (var i = 0; i < 5000; i++)
        {
            var (isCall, f, k, t, r, vol) = Black76Tests.RandomCase(random);
            var g = Black76.Greeks(isCall, f, k, t, r, vol);
            var status = ImpliedVolatility.TrySolve(isCall, g.Price, f, k, t, r, out var implied);
            if (g.Vega < 1e-5 * g.Price)
            {
                // Deep in the money: the time value is lost in the premium's rounding; any answer the
                // premium supports is acceptable, but never an error status.
                Assert.True(status is ImpliedVolStatus.Solved or ImpliedVolStatus.NoTimeValue, $"case {i}: {status}");
                continue;
            }

            Assert.Equal(ImpliedVolStatus.Solved, status);
            Assert.True(Math.Abs(implied - vol) <= 1e-9, $"case {i}: {implied:R} vs {vol:R}");
        }
    }

    [Fact]
    public void TrySolve_FarOutOfTheMoneyTinyPremium_RecoversVolatility()
    {
        // Premiums down to 1e-200 of the forward still carry their volatility: the solver works on
        // ln(price), and the prices keep their relative accuracy in the tails.
        foreach (var (k, vol) in new[] { (400.0, 0.1), (1000.0, 0.1), (10.0, 0.15), (101.0, 0.0005) })
        {
            var price = Black76.Price(true, Forward, k, 0.5, Rate, vol);
            var put = Black76.Price(false, Forward, k, 0.5, Rate, vol);
            var otm = k > Forward ? price : put;
            Assert.True(otm > 0 && otm < 1e-10, $"K={k}: {otm}");
            Assert.Equal(ImpliedVolStatus.Solved, ImpliedVolatility.TrySolve(k > Forward, otm, Forward, k, 0.5, Rate, out var implied));
            Assert.Equal(vol, implied, 12);
        }
    }

    [Theory]
    [InlineData(true, 100, 90, -1.0, ImpliedVolStatus.PriceBelowIntrinsic)] // why: negative premium
    [InlineData(true, 100, 90, 9.0, ImpliedVolStatus.PriceBelowIntrinsic)] // why: below intrinsic 10·D
    [InlineData(false, 100, 110, 9.5, ImpliedVolStatus.PriceBelowIntrinsic)] // why: put below intrinsic
    [InlineData(true, 100, 90, 100.0, ImpliedVolStatus.PriceAboveMaximum)] // why: a call is worth less than D·F
    [InlineData(false, 100, 90, 95.0, ImpliedVolStatus.PriceAboveMaximum)] // why: a put is worth less than D·K
    [InlineData(true, 100, 120, 0.0, ImpliedVolStatus.NoTimeValue)] // why: OTM at zero premium: σ = 0
    [InlineData(true, 100, 100, 0.0, ImpliedVolStatus.NoTimeValue)] // why: ATM at zero premium
    public void TrySolve_PremiumOutsideBounds_ReportsStatus(bool isCall, double f, double k, double undiscounted, ImpliedVolStatus expected)
    {
        var df = Math.Exp(-Rate * 1.0);
        var status = ImpliedVolatility.TrySolve(isCall, undiscounted * df, f, k, 1.0, Rate, out var vol);
        Assert.Equal(expected, status);
        if (expected == ImpliedVolStatus.NoTimeValue)
        {
            Assert.Equal(0.0, vol);
        }
        else
        {
            Assert.True(double.IsNaN(vol));
        }
    }

    [Fact]
    public void TrySolve_PremiumAtDiscountedIntrinsic_IsNoTimeValue()
    {
        // Exactly the premium Black76 gives at σ = 0, for an ITM call and put: rounding must not turn it
        // into PriceBelowIntrinsic.
        foreach (var (isCall, k) in new[] { (true, 83.7), (false, 117.3) })
        {
            var price = Black76.Price(isCall, Forward, k, 0.7, Rate, 0.0);
            Assert.Equal(ImpliedVolStatus.NoTimeValue, ImpliedVolatility.TrySolve(isCall, price, Forward, k, 0.7, Rate, out var vol));
            Assert.Equal(0.0, vol);
        }
    }

    [Theory]
    [InlineData(double.NaN, 100, 100, 1)] // why: NaN premium
    [InlineData(5, double.PositiveInfinity, 100, 1)] // why: infinite forward
    [InlineData(5, 0, 100, 1)] // why: F must be positive
    [InlineData(5, 100, -100, 1)] // why: K must be positive
    [InlineData(5, 100, 100, 0)] // why: expired: no volatility to imply
    [InlineData(5, 100, 100, double.NaN)] // why: NaN time
    public void TrySolve_InvalidInput_ReportsInvalidInput(double price, double f, double k, double t)
    {
        Assert.Equal(ImpliedVolStatus.InvalidInput, ImpliedVolatility.TrySolve(true, price, f, k, t, Rate, out var vol));
        Assert.True(double.IsNaN(vol));
    }

    [Fact]
    public void TrySolve_DiscountFactorOverflows_ReportsInvalidInput()
        => Assert.Equal(ImpliedVolStatus.InvalidInput, ImpliedVolatility.TrySolve(true, 5, 100, 100, 100, -10, out _));

    [Fact]
    public void TrySolve_IterationBudgetExhausted_ReportsNotConverged()
    {
        var price = Black76.Price(true, Forward, 150, 0.5, Rate, 0.3);
        var status = ImpliedVolatility.TrySolve(true, price, Forward, 150, 0.5, Rate, 1, out var vol, out var iterations);
        Assert.Equal(ImpliedVolStatus.NotConverged, status);
        Assert.True(double.IsNaN(vol));
        Assert.Equal(1, iterations);
    }

    [Fact]
    public void TrySolve_BenchmarkBook_RecoversEveryVol()
    {
        // Twin of PricingBenchmarks.ImpliedVol: every timed solve succeeds and is accurate.
        for (var i = 0; i < PricingBenchmarkBook.BookSize; i++)
        {
            PricingBenchmarkBook.Book(i, out var isCall, out var k, out var t, out var vol);
            var price = Black76.Price(isCall, PricingBenchmarkBook.Forward, k, t, PricingBenchmarkBook.Rate, vol);
            var status = ImpliedVolatility.TrySolve(isCall, price, PricingBenchmarkBook.Forward, k, t, PricingBenchmarkBook.Rate, out var implied);
            Assert.Equal(ImpliedVolStatus.Solved, status);
            Assert.True(Math.Abs(implied - vol) <= 1e-8, $"book {i}: {implied:R} vs {vol:R}");
        }
    }

    [Fact]
    public void TrySolve_AfterWarmUp_AllocatesNothing()
    {
        var prices = new double[40];
        for (var i = 0; i < prices.Length; i++)
        {
            prices[i] = Black76.Price(i % 2 == 0, Forward, 70 + i * 1.5, 0.5, Rate, 0.25);
        }

        var sink = 0.0;
        for (var i = 0; i < 1000; i++)
        {
            ImpliedVolatility.TrySolve(i % 2 == 0, prices[i % 40], Forward, 70 + (i % 40) * 1.5, 0.5, Rate, out var v);
            sink += v;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            var status = ImpliedVolatility.TrySolve(i % 2 == 0, prices[i % 40], Forward, 70 + (i % 40) * 1.5, 0.5, Rate, out var v);
            sink += v + (int)status;
        }

        var after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);
        Assert.Equal(10_000 * 0.25 + 1000 * 0.25, sink, 6);
    }
}
