using RiskGate.Engine.Pricing;

namespace RiskGate.Engine.Tests.Pricing;

public class Black76Tests
{
    [Fact]
    public void Price_HaugExample_CallEqualsPutAtTheMoney()
    {
        // Haug, "The Complete Guide to Option Pricing Formulas": F = K = 19, T = 0.75, r = 10%, σ = 28%.
        var call = Black76.Price(true, 19, 19, 0.75, 0.10, 0.28);
        var put = Black76.Price(false, 19, 19, 0.75, 0.10, 0.28);
        Assert.Equal(1.7011, call, 4);
        Assert.Equal(call, put, 12);
    }

    [Fact]
    public void Price_HullExample_PutMatchesPublishedValue()
    {
        // Hull, "Options, Futures, and Other Derivatives": F = K = 20, T = 4 months, r = 9%, σ = 25%.
        var put = Black76.Price(false, 20, 20, 4.0 / 12, 0.09, 0.25);
        Assert.Equal(1.1166, put, 4);
    }

    [Fact]
    public void Price_PutCallParity_HoldsTo1e12OfMaxForwardStrike()
    {
        // |C − P − e^{−rT}(F − K)| ≤ 1e-12·max(F, K): relative to the price scale, since the prices
        // themselves carry rounding of that size. 5,000 seeded random cases over wide ranges.
        var random = new Random(20261124);
        for (var i = 0; i < 5000; i++)
        {
            var f = Math.Exp(random.NextDouble() * 14 - 7); // 1e-3 .. 1e3
            var k = f * Math.Exp(random.NextDouble() * 6 - 3);
            var t = Math.Exp(random.NextDouble() * 9 - 6.5); // ~1.5 hours .. 12 years
            var r = random.NextDouble() * 0.3 - 0.1;
            var vol = Math.Exp(random.NextDouble() * 7 - 5); // 0.7% .. 740%
            var call = Black76.Price(true, f, k, t, r, vol);
            var put = Black76.Price(false, f, k, t, r, vol);
            var parity = Math.Exp(-r * t) * (f - k);
            Assert.True(
                Math.Abs(call - put - parity) <= 1e-12 * Math.Max(f, k),
                $"case {i}: F={f} K={k} T={t} r={r} σ={vol}: C−P={call - put} vs {parity}");
        }
    }

    [Fact]
    public void Greeks_PriceField_EqualsPrice()
    {
        var random = new Random(3);
        for (var i = 0; i < 1000; i++)
        {
            var (isCall, f, k, t, r, vol) = RandomCase(random);
            Assert.Equal(Black76.Price(isCall, f, k, t, r, vol), Black76.Greeks(isCall, f, k, t, r, vol).Price);
        }
    }

    [Fact]
    public void Greeks_AgainstCentralFiniteDifferencesOfPrice_Agree()
    {
        // Each Greek vs a central difference of Price: delta, gamma in F; vega, volga in σ; vanna the
        // cross difference; theta = −∂V/∂T. Steps are relative (h = 1e-4 of the variable), so the
        // truncation error is ~1e-8 and the rounding error ~1e-12 relative; the tolerance is
        // 1e-6 of the Greek plus 1e-7 of its natural scale.
        var random = new Random(11);
        for (var i = 0; i < 2000; i++)
        {
            var (isCall, f, k, t, r, vol) = RandomCase(random);
            var g = Black76.Greeks(isCall, f, k, t, r, vol);
            double P(double ff, double tt, double vv) => Black76.Price(isCall, ff, k, tt, r, vv);

            var hf = 1e-4 * f;
            var hv = 1e-4 * vol;
            var ht = 1e-4 * t;
            var p0 = P(f, t, vol);
            var delta = (P(f + hf, t, vol) - P(f - hf, t, vol)) / (2 * hf);
            var gamma = (P(f + hf, t, vol) - 2 * p0 + P(f - hf, t, vol)) / (hf * hf);
            var vega = (P(f, t, vol + hv) - P(f, t, vol - hv)) / (2 * hv);
            var volga = (P(f, t, vol + hv) - 2 * p0 + P(f, t, vol - hv)) / (hv * hv);
            var vanna = (P(f + hf, t, vol + hv) - P(f + hf, t, vol - hv) - P(f - hf, t, vol + hv) + P(f - hf, t, vol - hv))
                / (4 * hf * hv);
            var theta = -(P(f, t + ht, vol) - P(f, t - ht, vol)) / (2 * ht);

            var scale = f; // prices are O(F); Greeks scale with F over the variable
            var where = $"case {i}: call={isCall} F={f} K={k} T={t} r={r} σ={vol}";
            AssertClose(g.Delta, delta, 1e-7, where + " delta");
            AssertClose(g.Gamma, gamma, 1e-5 * scale / (f * f), where + " gamma");
            AssertClose(g.Vega, vega, 1e-7 * scale, where + " vega");
            AssertClose(g.Volga, volga, 1e-5 * scale, where + " volga");
            AssertClose(g.Vanna, vanna, 1e-5, where + " vanna");
            AssertClose(g.Theta, theta, 1e-7 * scale / t, where + " theta");
        }
    }

    [Fact]
    public void Greeks_VannaVolgaSigns_MatchClosedForms()
    {
        // Independent closed forms: vanna = −e^{−rT}φ(d1)d2/σ, volga = vega·d1·d2/σ.
        double f = 100, k = 120, t = 0.5, r = 0.02, vol = 0.3;
        var sd = vol * Math.Sqrt(t);
        var d1 = (Math.Log(f / k) + 0.5 * sd * sd) / sd;
        var d2 = d1 - sd;
        var df = Math.Exp(-r * t);
        var phi = Math.Exp(-0.5 * d1 * d1) / Math.Sqrt(2 * Math.PI);
        var g = Black76.Greeks(true, f, k, t, r, vol);
        Assert.Equal(df * f * phi * Math.Sqrt(t), g.Vega, 12);
        Assert.Equal(-df * phi * d2 / vol, g.Vanna, 12);
        Assert.Equal(g.Vega * d1 * d2 / vol, g.Volga, 10);
        Assert.Equal(df * phi / (f * sd), g.Gamma, 14);
    }

    [Fact]
    public void UndiscountedOutOfTheMoney_FarOutOfTheMoney_KeepsRelativeAccuracy()
    {
        // The stable path: far out-of-the-money calls and puts from tail probabilities. Cases use dyadic
        // d1 and s, so x = (d1 − s/2)·s and d1, d2 are exact in double; the reference is
        // F·φ(d1)·(M(−d1) − M(−d2)) (F·φ(d1) = K·φ(d2)) with Mills' ratio M in 28-digit decimal.
        // With the old Hart/West N the relative error reached ~1e-7 here.
        var worst = 0.0;
        for (var d1Sixteenths = -30 * 16; d1Sixteenths <= -4 * 16; d1Sixteenths += 5)
        {
            foreach (var s in new[] { 1.0 / 16, 0.25, 0.5, 1.0, 2.0 })
            {
                var d1 = d1Sixteenths / 16.0;
                var x = (d1 - 0.5 * s) * s; // ≤ 0: out-of-the-money call with F = 1, K = e^{−x}
                var u1 = (decimal)(-d1);
                var u2 = (decimal)(-d1 + s);
                var millsDifference = (double)(ReferenceNormal.Mills(u1, 4000) - ReferenceNormal.Mills(u2, 4000));
                var reference = Math.Exp(-0.5 * d1 * d1) / Math.Sqrt(2 * Math.PI) * millsDifference;

                var call = Black76.UndiscountedOutOfTheMoney(1.0, Math.Exp(-x), x, s);
                // The mirror image: an out-of-the-money put with F = e^{−x}·… is the same number scaled.
                var put = Black76.UndiscountedOutOfTheMoney(Math.Exp(-x), 1.0, -x, s);
                var error = Math.Max(Math.Abs(call / reference - 1), Math.Abs(put / reference - 1));
                worst = Math.Max(worst, error);
            }
        }

        Assert.True(worst < 5e-12, $"worst relative error {worst:E3}");
    }

    [Fact]
    public void Price_DeepInTheMoney_CarriesTheOutOfTheMoneyTimeValue()
    {
        // ITM = intrinsic + OTM (parity), so a deep ITM call's premium minus intrinsic is the OTM put's
        // premium to the rounding of the premium itself, and its implied vol comes back.
        double f = 100, k = 60, t = 0.25, r = 0.0, vol = 0.2;
        var call = Black76.Price(true, f, k, t, r, vol);
        var put = Black76.Price(false, f, k, t, r, vol);
        Assert.True(put > 1e-9 && put < 1e-5, $"put {put}");
        Assert.True(Math.Abs(call - (f - k) - put) <= 1e-14, $"{call - (f - k)} vs {put}"); // one ulp of 40 is 7e-15
        Assert.Equal(ImpliedVolStatus.Solved, ImpliedVolatility.TrySolve(true, call, f, k, t, r, out var fromCall));
        Assert.Equal(vol, fromCall, 7);
        Assert.Equal(ImpliedVolStatus.Solved, ImpliedVolatility.TrySolve(false, put, f, k, t, r, out var fromPut));
        Assert.Equal(vol, fromPut, 12);
    }

    [Theory]
    [InlineData(true, 100, 90, 0.0, 0.2, 10.0)] // why: T = 0 is expiry: intrinsic, undiscounted
    [InlineData(false, 100, 110, -1.0, 0.2, 10.0)] // why: negative T treated as expired
    [InlineData(true, 100, 90, 1e-30, 0.2, 10.0)] // why: T → 0 below MinStdDev
    [InlineData(true, 100, 110, 1.0, 0.0, 0.0)] // why: σ = 0 out of the money: worthless
    [InlineData(false, 100, 110, 1.0, 0.0, 10.0)] // why: σ = 0 in the money: discounted intrinsic
    [InlineData(true, 100, 110, 1.0, 1e-300, 0.0)] // why: σ tiny
    [InlineData(true, 100, 110, 1.0, -0.3, 0.0)] // why: negative σ treated as 0
    public void Price_Degenerate_EqualsDiscountedIntrinsic(bool isCall, double f, double k, double t, double vol, double undiscounted)
    {
        double r = 0.05;
        var df = Math.Exp(-r * Math.Max(t, 0));
        var price = Black76.Price(isCall, f, k, t, r, vol);
        Assert.Equal(df * undiscounted, price, 8);
        var g = Black76.Greeks(isCall, f, k, t, r, vol);
        Assert.Equal(price, g.Price);
        Assert.True(IsFinite(g));
    }

    [Fact]
    public void Greeks_BelowMinStdDev_AreTheLimits()
    {
        double r = 0.05, t = 1.0;
        var df = Math.Exp(-r * t);
        var itmCall = Black76.Greeks(true, 110, 100, t, r, 0.0);
        Assert.Equal(df, itmCall.Delta);
        Assert.Equal(0.0, itmCall.Gamma);
        Assert.Equal(0.0, itmCall.Vega);
        Assert.Equal(0.0, itmCall.Vanna);
        Assert.Equal(0.0, itmCall.Volga);
        Assert.Equal(r * itmCall.Price, itmCall.Theta);
        Assert.Equal(-df, Black76.Greeks(false, 90, 100, t, r, 0.0).Delta);
        Assert.Equal(0.0, Black76.Greeks(false, 110, 100, t, r, 0.0).Delta);
        Assert.Equal(0.5 * df, Black76.Greeks(true, 100, 100, t, r, 0.0).Delta); // σ → 0 limit of N(σ√T/2)
        Assert.Equal(-0.5 * df, Black76.Greeks(false, 100, 100, t, r, 0.0).Delta);
    }

    [Fact]
    public void Price_AcrossMinStdDev_IsContinuous()
    {
        // Just above and below the cut the prices agree (OTM and ITM).
        foreach (var (f, k) in new[] { (100.0, 100.0 * (1 + 1e-9)), (100.0, 99.0), (100.0, 101.0) })
        {
            var above = Black76.Price(true, f, k, 1.0, 0.01, 1.0001e-12);
            var below = Black76.Price(true, f, k, 1.0, 0.01, 0.9999e-12);
            Assert.True(Math.Abs(above - below) <= 1e-12 * f, $"{above} vs {below}");
        }
    }

    [Fact]
    public void Price_HugeVolatility_TendsToTheBounds()
    {
        double f = 100, k = 80, t = 2, r = 0.03;
        var df = Math.Exp(-r * t);
        foreach (var vol in new[] { 1e3, 1e10, 1e300, double.MaxValue })
        {
            Assert.Equal(df * f, Black76.Price(true, f, k, t, r, vol), 12);
            Assert.Equal(df * k, Black76.Price(false, f, k, t, r, vol), 12);
            var g = Black76.Greeks(true, f, k, t, r, vol);
            Assert.True(IsFinite(g));
            Assert.Equal(df, g.Delta, 12);
        }
    }

    [Fact]
    public void Greeks_ExtremeFiniteInputs_NeverNaNOrInfinite()
    {
        // F and K over 200 orders of magnitude (their ratio up to 1e200), T from 0 to 100 years, σ from
        // 0 to 1e300: every output finite, the price inside its no-arbitrage bounds, |delta| ≤ D.
        double[] levels = [1e-100, 1e-8, 1.0, 100.0, 1e8, 1e100];
        double[] times = [0, 1e-300, 1e-10, 1.0 / 365, 1, 100];
        double[] vols = [0, 1e-300, 1e-8, 0.2, 10, 1e4, 1e300];
        double[] rates = [-0.1, 0, 0.1];
        var cases = 0;
        foreach (var f in levels)
        {
            foreach (var k in levels)
            {
                foreach (var t in times)
                {
                    foreach (var vol in vols)
                    {
                        foreach (var r in rates)
                        {
                            foreach (var isCall in new[] { true, false })
                            {
                                var g = Black76.Greeks(isCall, f, k, t, r, vol);
                                var where = $"call={isCall} F={f} K={k} T={t} r={r} σ={vol}: {Describe(g)}";
                                Assert.True(IsFinite(g), where);
                                var df = Math.Exp(-r * t);
                                var lower = df * Black76.Intrinsic(isCall, f, k);
                                var upper = df * (isCall ? f : k);
                                Assert.True(g.Price >= lower * (1 - 1e-15) && g.Price <= upper * (1 + 1e-15), where);
                                Assert.True(Math.Abs(g.Delta) <= df * (1 + 1e-15), where);
                                Assert.True(g.Gamma >= 0 && g.Vega >= 0, where);
                                cases++;
                            }
                        }
                    }
                }
            }
        }

        Assert.Equal(6 * 6 * 6 * 7 * 3 * 2, cases);
    }

    [Fact]
    public void Price_NaNInput_IsNaN()
    {
        Assert.True(double.IsNaN(Black76.Price(true, double.NaN, 100, 1, 0, 0.2)));
        Assert.True(double.IsNaN(Black76.Price(true, 100, 100, 1, 0, double.NaN)));
        Assert.True(double.IsNaN(Black76.Greeks(false, 100, 100, double.NaN, 0, 0.2).Delta));
    }

    [Fact]
    public void Greeks_AfterWarmUp_AllocateNothing()
    {
        var sink = 0.0;
        for (var i = 0; i < 1000; i++)
        {
            sink += Black76.Greeks((i & 1) == 0, 100, 80 + i % 40, 0.5, 0.02, 0.25).Delta;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            var g = Black76.Greeks((i & 1) == 0, 100, 80 + i % 40, 0.5, 0.02, 0.25);
            sink += g.Delta + Black76.Price((i & 1) != 0, 100, 80 + i % 40, 0.5, 0.02, 0.25);
        }

        var after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);
        Assert.True(double.IsFinite(sink));
    }

    [Fact]
    public void Greeks_BenchmarkBook_MatchPriceAndParity()
    {
        // Twin of PricingBenchmarks.Price / PriceAndGreeks: the timed operations give the right numbers.
        for (var i = 0; i < PricingBenchmarkBook.BookSize; i++)
        {
            PricingBenchmarkBook.Book(i, out var isCall, out var k, out var t, out var vol);
            double f = PricingBenchmarkBook.Forward, r = PricingBenchmarkBook.Rate;
            var g = Black76.Greeks(isCall, f, k, t, r, vol);
            Assert.Equal(Black76.Price(isCall, f, k, t, r, vol), g.Price);
            var other = Black76.Price(!isCall, f, k, t, r, vol);
            var parity = Math.Exp(-r * t) * (f - k) * (isCall ? 1 : -1);
            Assert.True(Math.Abs(g.Price - other - parity) <= 1e-12 * f, $"book {i}");
            var h = 1e-4 * vol;
            var vega = (Black76.Price(isCall, f, k, t, r, vol + h) - Black76.Price(isCall, f, k, t, r, vol - h)) / (2 * h);
            Assert.True(Math.Abs(g.Vega - vega) <= 1e-6 * (Math.Abs(vega) + f), $"book {i}: vega {g.Vega} vs {vega}");
        }
    }

    internal static (bool IsCall, double F, double K, double T, double R, double Vol) RandomCase(Random random)
    {
        var f = Math.Exp(random.NextDouble() * 6); // 1 .. 400
        var k = f * Math.Exp(random.NextDouble() * 1.6 - 0.8);
        var t = 0.05 + random.NextDouble() * 3;
        var r = random.NextDouble() * 0.12 - 0.02;
        var vol = 0.08 + random.NextDouble() * 0.9;
        return (random.Next(2) == 0, f, k, t, r, vol);
    }

    private static void AssertClose(double analytic, double numeric, double absolute, string what)
        => Assert.True(
            Math.Abs(analytic - numeric) <= 1e-6 * Math.Abs(analytic) + absolute,
            $"{what}: analytic {analytic:R} vs finite difference {numeric:R}");

    private static bool IsFinite(OptionGreeks g)
        => double.IsFinite(g.Price) && double.IsFinite(g.Delta) && double.IsFinite(g.Gamma) && double.IsFinite(g.Vega)
            && double.IsFinite(g.Theta) && double.IsFinite(g.Vanna) && double.IsFinite(g.Volga);

    private static string Describe(OptionGreeks g)
        => $"P={g.Price} Δ={g.Delta} Γ={g.Gamma} ν={g.Vega} Θ={g.Theta} vanna={g.Vanna} volga={g.Volga}";
}
