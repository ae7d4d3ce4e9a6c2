using RiskGate.Engine.Pricing;

namespace RiskGate.Engine.Tests.Pricing;

/// <summary>
/// <see cref="Black76.NodeGreeks"/> against the oracle <see cref="Black76.Greeks"/>: price, delta, gamma
/// and vega must be the same bits at every node, for every input, degenerate and NaN cases included.
/// </summary>
public class Black76NodeGreeksTests
{
    private const int NodesPerOption = 32;

    [Fact]
    public void NodeGreeks_SeededRandomGrid_EqualGreeksBitForBitAndCoverEveryBranch()
    {
        var rng = new Random(20261124);
        var forwards = new double[NodesPerOption];
        var vols = new double[NodesPerOption];
        var price = new double[NodesPerOption];
        var delta = new double[NodesPerOption];
        var gamma = new double[NodesPerOption];
        var vega = new double[NodesPerOption];
        var branches = new BranchCounts();
        var compared = 0;
        for (var option = 0; option < 30_000; option++)
        {
            var isCall = rng.Next(2) == 0;
            var strike = Strike(rng);
            var t = Expiry(rng);
            var rate = Rate(rng);
            RandomNodes(rng, strike, forwards, vols);

            Black76.NodeGreeks(isCall, strike, t, rate, forwards, vols, price, delta, gamma, vega);
            for (var s = 0; s < NodesPerOption; s++)
            {
                var expected = Black76.Greeks(isCall, forwards[s], strike, t, rate, vols[s]);
                AssertSameBits(expected, price[s], delta[s], gamma[s], vega[s], isCall, forwards[s], strike, t, rate, vols[s]);
                branches.Count(isCall, forwards[s], strike, t, rate, vols[s]);
                compared++;
            }
        }

        Assert.Equal(30_000 * NodesPerOption, compared);

        // The grid reaches every path of Greeks often enough for the equality above to mean something.
        Assert.True(branches.NaN > 10_000, "NaN inputs: " + branches.NaN);
        Assert.True(branches.Degenerate > 10_000, "degenerate (t <= 0, tiny σ√t, F or K <= 0): " + branches.Degenerate);
        Assert.True(branches.DensityUnderflow > 1_000, "φ(d₁) = 0: " + branches.DensityUnderflow);
        Assert.True(branches.OutOfTheMoneyCall > 10_000, "x <= 0 (N(d₁), N(d₂)): " + branches.OutOfTheMoneyCall);
        Assert.True(branches.OutOfTheMoneyPut > 10_000, "x > 0 (N(−d₁), N(−d₂)): " + branches.OutOfTheMoneyPut);
        Assert.True(branches.AtTheMoney > 1_000, "F = K: " + branches.AtTheMoney);
    }

    [Fact]
    public void NodeGreeksCallPut_SeededRandomGrid_EqualGreeksOfCallAndPutBitForBit()
    {
        var rng = new Random(7_240_365);
        var forwards = new double[NodesPerOption];
        var vols = new double[NodesPerOption];
        var callPrice = new double[NodesPerOption];
        var callDelta = new double[NodesPerOption];
        var putPrice = new double[NodesPerOption];
        var putDelta = new double[NodesPerOption];
        var gamma = new double[NodesPerOption];
        var vega = new double[NodesPerOption];
        var compared = 0;
        for (var option = 0; option < 20_000; option++)
        {
            var strike = Strike(rng);
            var t = Expiry(rng);
            var rate = Rate(rng);
            RandomNodes(rng, strike, forwards, vols);

            Black76.NodeGreeksCallPut(strike, t, rate, forwards, vols, callPrice, callDelta, putPrice, putDelta, gamma, vega);
            for (var s = 0; s < NodesPerOption; s++)
            {
                var call = Black76.Greeks(true, forwards[s], strike, t, rate, vols[s]);
                var put = Black76.Greeks(false, forwards[s], strike, t, rate, vols[s]);
                AssertSameBits(call, callPrice[s], callDelta[s], gamma[s], vega[s], true, forwards[s], strike, t, rate, vols[s]);
                AssertSameBits(put, putPrice[s], putDelta[s], gamma[s], vega[s], false, forwards[s], strike, t, rate, vols[s]);
                compared++;
            }
        }

        Assert.Equal(20_000 * NodesPerOption, compared);
    }

    [Theory]
    [InlineData(100.0, 100.0, 0.5, 0.03, 0.2)] // why: at the money
    [InlineData(100.0, 99.0, 0.5, 0.03, 0.2)] // why: x > 0
    [InlineData(1.0, 1e6, 1.0, 0.0, 0.2)] // why: both tails underflow
    [InlineData(100.0, 100.0, 1.0, 0.0, 1e300)] // why: φ(d₁) = 0
    [InlineData(100.0, 90.0, 0.0, 0.05, 0.2)] // why: t = 0: intrinsic of each
    [InlineData(100.0, 100.0, 1.0, 0.05, 0.0)] // why: σ = 0 at the money: +D/2 and −D/2
    [InlineData(-5.0, 90.0, 1.0, 0.05, 0.2)] // why: negative F
    [InlineData(100.0, -10.0, 1.0, 0.05, 0.2)] // why: negative K
    [InlineData(double.NaN, 100.0, 1.0, 0.05, 0.2)] // why: NaN forward
    [InlineData(100.0, double.NaN, 1.0, 0.05, 0.2)] // why: NaN strike
    [InlineData(100.0, 100.0, double.NaN, 0.05, 0.2)] // why: NaN expiry
    [InlineData(100.0, 100.0, 1.0, double.NaN, 0.2)] // why: NaN rate
    [InlineData(100.0, 100.0, 1.0, 0.05, double.NaN)] // why: NaN vol
    [InlineData(100.0, 90.0, 1000.0, -1.0, 0.2)] // why: e^{−rT} overflows
    public void NodeGreeksCallPut_NamedEdgeCase_EqualsGreeksBitForBit(double forward, double strike, double t, double rate, double vol)
    {
        double[] forwards = [forward * 0.9, forward, forward, 100.0];
        double[] vols = [0.3, vol, 0.25, vol];
        var o = new double[6 * 4];

        Black76.NodeGreeksCallPut(strike, t, rate, forwards, vols, o.AsSpan(0, 4), o.AsSpan(4, 4), o.AsSpan(8, 4), o.AsSpan(12, 4), o.AsSpan(16, 4), o.AsSpan(20, 4));

        for (var s = 0; s < 4; s++)
        {
            var call = Black76.Greeks(true, forwards[s], strike, t, rate, vols[s]);
            var put = Black76.Greeks(false, forwards[s], strike, t, rate, vols[s]);
            AssertSameBits(call, o[s], o[4 + s], o[16 + s], o[20 + s], true, forwards[s], strike, t, rate, vols[s]);
            AssertSameBits(put, o[8 + s], o[12 + s], o[16 + s], o[20 + s], false, forwards[s], strike, t, rate, vols[s]);
        }
    }

    [Theory]
    [InlineData(true, 100.0, 100.0, 0.5, 0.03, 0.2)] // why: at the money, x = 0 takes the N(d₁), N(d₂) branch
    [InlineData(false, 100.0, 100.0, 0.5, 0.03, 0.2)] // why: the put at the money, delta from N(−d₁)
    [InlineData(true, 100.0, 99.0, 0.5, 0.03, 0.2)] // why: x > 0: price from N(−d₂), N(−d₁), delta from N(d₁)
    [InlineData(false, 99.0, 100.0, 0.5, 0.03, 0.2)] // why: x < 0 put: intrinsic plus the out-of-the-money call
    [InlineData(true, 1e6, 1.0, 1.0, 0.0, 0.2)] // why: deep in the money, d₂ far positive
    [InlineData(true, 1.0, 1e6, 1.0, 0.0, 0.2)] // why: far out of the money: both tails underflow to 0
    [InlineData(true, 100.0, 100.0, 1.0, 0.0, 1e300)] // why: huge σ√t: d₁ overflows, φ(d₁) = 0
    [InlineData(false, 100.0, 80.0, 1.0, 0.05, 1e3)] // why: huge vol: φ(d₁) underflows, second order 0
    [InlineData(true, 100.0, 90.0, 0.0, 0.05, 0.2)] // why: t = 0: intrinsic, D = 1
    [InlineData(true, 100.0, 90.0, -0.5, 0.05, 0.2)] // why: negative t treated as 0
    [InlineData(false, 100.0, 110.0, -0.0, 0.05, 0.2)] // why: t = −0
    [InlineData(true, 100.0, 90.0, 1e-30, 0.05, 0.2)] // why: t near 0: σ√t below MinStdDev
    [InlineData(true, 100.0, 100.0, 1.0, 0.05, 1e-12)] // why: σ√t exactly MinStdDev: priced, not degenerate
    [InlineData(true, 100.0, 100.0, 1.0, 0.05, 0.99e-12)] // why: just below MinStdDev: at the money step D/2
    [InlineData(false, 100.0, 100.0, 1.0, 0.05, 0.0)] // why: σ = 0 at the money put: −D/2
    [InlineData(true, 100.0, 90.0, 1.0, 0.05, -0.2)] // why: negative σ treated as 0
    [InlineData(true, 0.0, 90.0, 1.0, 0.05, 0.2)] // why: F = 0
    [InlineData(false, -5.0, 90.0, 1.0, 0.05, 0.2)] // why: negative F (intrinsic K − F)
    [InlineData(true, 100.0, 0.0, 1.0, 0.05, 0.2)] // why: K = 0
    [InlineData(false, 100.0, -10.0, 1.0, 0.05, 0.2)] // why: negative K
    [InlineData(true, double.NaN, 100.0, 1.0, 0.05, 0.2)] // why: NaN forward
    [InlineData(true, 100.0, double.NaN, 1.0, 0.05, 0.2)] // why: NaN strike
    [InlineData(false, 100.0, 100.0, double.NaN, 0.05, 0.2)] // why: NaN expiry (not clamped to 0 first)
    [InlineData(false, 100.0, 100.0, 1.0, double.NaN, 0.2)] // why: NaN rate
    [InlineData(true, 100.0, 100.0, 1.0, 0.05, double.NaN)] // why: NaN vol
    [InlineData(true, double.PositiveInfinity, 100.0, 1.0, 0.05, 0.2)] // why: infinite F: x infinite
    [InlineData(true, double.PositiveInfinity, double.PositiveInfinity, 1.0, 0.05, 0.2)] // why: ∞/∞: x is NaN
    [InlineData(false, 100.0, 100.0, 1.0, 0.05, double.PositiveInfinity)] // why: infinite vol: d₁ infinite
    [InlineData(true, 100.0, 100.0, double.PositiveInfinity, 0.05, 0.2)] // why: infinite t: D = 0
    [InlineData(true, 100.0, 90.0, 1000.0, -1.0, 0.2)] // why: e^{−rT} overflows to ∞
    [InlineData(true, 1e-300, 1e-300, 1.0, 0.0, 1e-10)] // why: tiny F·σ√t: gamma overflows
    [InlineData(true, 5e-324, 1.0, 1.0, 0.0, 0.2)] // why: subnormal F: ratio not normal, ln F − ln K
    [InlineData(false, 1e300, 1e-300, 1.0, 0.0, 0.2)] // why: F/K overflows: ln F − ln K
    public void NodeGreeks_NamedEdgeCase_EqualsGreeksBitForBit(bool isCall, double forward, double strike, double t, double rate, double vol)
    {
        // The node sits among ordinary nodes so hoisted per-option values are shared with them.
        double[] forwards = [forward * 0.9, forward, 100.0, forward];
        double[] vols = [0.3, vol, vol, 0.25];
        var price = new double[4];
        var delta = new double[4];
        var gamma = new double[4];
        var vega = new double[4];

        Black76.NodeGreeks(isCall, strike, t, rate, forwards, vols, price, delta, gamma, vega);

        for (var s = 0; s < 4; s++)
        {
            var expected = Black76.Greeks(isCall, forwards[s], strike, t, rate, vols[s]);
            AssertSameBits(expected, price[s], delta[s], gamma[s], vega[s], isCall, forwards[s], strike, t, rate, vols[s]);
        }
    }

    [Fact]
    public void NodeGreeks_OutputsOverTheirInputs_EqualGreeksBitForBit()
    {
        // The risk-array build lands prices in a row it reads nothing from; in place is allowed as well.
        double[] nodes = [80, 90, 100, 110, 120];
        double[] vols = [0.3, 0.25, 0.2, 0.25, 0.3];
        var forwards = (double[])nodes.Clone();
        var vegaOverVols = (double[])vols.Clone();
        var delta = new double[5];
        var gamma = new double[5];

        Black76.NodeGreeks(false, 100, 0.5, 0.02, forwards, vegaOverVols, forwards, delta, gamma, vegaOverVols);

        for (var s = 0; s < 5; s++)
        {
            var expected = Black76.Greeks(false, nodes[s], 100, 0.5, 0.02, vols[s]);
            AssertSameBits(expected, forwards[s], delta[s], gamma[s], vegaOverVols[s], false, nodes[s], 100, 0.5, 0.02, vols[s]);
        }
    }

    [Fact]
    public void NodeGreeks_ShortOutput_ThrowsAndEmptyInputWritesNothing()
    {
        var sentinel = new double[] { -7.0 };
        Black76.NodeGreeks(true, 100, 1, 0, [], [], sentinel, sentinel, sentinel, sentinel);
        Assert.Equal(-7.0, sentinel[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Black76.NodeGreeks(true, 100, 1, 0, new double[2], new double[2], new double[1], new double[2], new double[2], new double[2]));
    }

    [Fact]
    public void NodeGreeks_AfterWarmUp_AllocateNothing()
    {
        var forwards = new double[31];
        var vols = new double[31];
        var outputs = new double[4 * 31];
        for (var s = 0; s < 31; s++)
        {
            forwards[s] = 6000 * (1 + (s - 15) * 0.01);
            vols[s] = 0.2 + 0.01 * (s % 3);
        }

        var sink = 0.0;
        for (var i = 0; i < 2; i++)
        {
            sink += Evaluate(i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            sink += Evaluate(i);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(double.IsFinite(sink));

        double Evaluate(int i)
        {
            var o = outputs.AsSpan();
            Black76.NodeGreeks((i & 1) == 0, 5900 + i % 200, 0.25, 0.04, forwards, vols, o[..31], o[31..62], o[62..93], o[93..]);
            return o[0];
        }
    }

    private static void AssertSameBits(in OptionGreeks expected, double price, double delta, double gamma, double vega, bool isCall, double forward, double strike, double t, double rate, double vol)
    {
        if (Same(expected.Price, price) && Same(expected.Delta, delta) && Same(expected.Gamma, gamma) && Same(expected.Vega, vega))
        {
            return;
        }

        Assert.Fail(
            "call=" + isCall + " F=" + forward.ToString("R") + " K=" + strike.ToString("R") + " T=" + t.ToString("R") + " r=" + rate.ToString("R") + " σ=" + vol.ToString("R")
            + ": Greeks (" + expected.Price.ToString("R") + ", " + expected.Delta.ToString("R") + ", " + expected.Gamma.ToString("R") + ", " + expected.Vega.ToString("R")
            + ") vs nodes (" + price.ToString("R") + ", " + delta.ToString("R") + ", " + gamma.ToString("R") + ", " + vega.ToString("R") + ")");
    }

    // Same bits, or both NaN: which NaN (sign, payload) an operation on two NaN operands returns on x64
    // depends on the operand order the JIT picks for + and ×, which can differ between tiers of the same
    // method, so Greeks does not give one NaN bit pattern either. Zeros keep their sign.
    private static bool Same(double a, double b)
        => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b) || (double.IsNaN(a) && double.IsNaN(b));

    // Each draw is an ordinary value most of the time and a special one otherwise.
    // Random nodes of one option; a third repeat the previous price with another vol, as scans do.
    private static void RandomNodes(Random rng, double strike, double[] forwards, double[] vols)
    {
        for (var s = 0; s < forwards.Length; s++)
        {
            forwards[s] = s > 0 && rng.Next(3) == 0 ? forwards[s - 1] : Forward(rng, strike);
            vols[s] = Vol(rng);
        }
    }

    private static double Strike(Random rng) => rng.Next(10) switch
    {
        0 => Special(rng, [double.NaN, 0.0, -0.0, -100.0, double.Epsilon, 1e-300, 1e300, double.PositiveInfinity, double.NegativeInfinity]),
        _ => LogUniform(rng, 1e-3, 1e6),
    };

    private static double Forward(Random rng, double strike) => rng.Next(10) switch
    {
        0 => Special(rng, [double.NaN, 0.0, -0.0, -1.0, double.Epsilon, 1e-300, 1e300, double.PositiveInfinity]),
        1 => strike, // at the money exactly
        2 => strike * (1 + (rng.Next(2) == 0 ? 1e-15 : -1e-15)),
        3 => strike * Math.Exp(rng.NextDouble() * 80 - 40), // deep in or out of the money
        _ => strike * Math.Exp((rng.NextDouble() - 0.5) * 1.5),
    };

    private static double Vol(Random rng) => rng.Next(10) switch
    {
        0 => Special(rng, [double.NaN, 0.0, -0.0, -0.1, 1e-300, 1e-13, 1e-12, 50.0, 1e10, 1e300, double.PositiveInfinity]),
        1 => LogUniform(rng, 1e-14, 1e-9), // around MinStdDev
        2 => LogUniform(rng, 5.0, 1e4), // huge: φ(d₁) may underflow
        _ => LogUniform(rng, 1e-4, 5.0),
    };

    private static double Expiry(Random rng) => rng.Next(8) switch
    {
        0 => Special(rng, [double.NaN, 0.0, -0.0, -0.5, -1e-300, 1e-300, 1e-24, 1e-16, 1e3, double.PositiveInfinity]),
        1 => LogUniform(rng, 1e-12, 1e-4), // near 0
        _ => LogUniform(rng, 1e-4, 30.0),
    };

    private static double Rate(Random rng) => rng.Next(10) switch
    {
        0 => Special(rng, [double.NaN, 0.0, -0.0, -5.0, 1.0, double.PositiveInfinity, double.NegativeInfinity]),
        _ => rng.NextDouble() * 0.12 - 0.02,
    };

    private static double Special(Random rng, ReadOnlySpan<double> values) => values[rng.Next(values.Length)];

    private static double LogUniform(Random rng, double lo, double hi) => lo * Math.Pow(hi / lo, rng.NextDouble());

    // Which path of Greeks a node takes, recomputed here from its definition.
    private sealed class BranchCounts
    {
        public int NaN;
        public int Degenerate;
        public int DensityUnderflow;
        public int OutOfTheMoneyCall;
        public int OutOfTheMoneyPut;
        public int AtTheMoney;

        public void Count(bool isCall, double forward, double strike, double t, double rate, double vol)
        {
            _ = isCall;
            if (double.IsNaN(forward) || double.IsNaN(strike) || double.IsNaN(t) || double.IsNaN(rate) || double.IsNaN(vol))
            {
                NaN++;
                return;
            }

            var sd = vol > 0 ? vol * Math.Sqrt(Math.Max(t, 0)) : 0;
            if (sd < Black76.MinStdDev || !(forward > 0) || !(strike > 0))
            {
                Degenerate++;
                return;
            }

            var x = Math.Log(forward) - Math.Log(strike);
            if (forward == strike)
            {
                AtTheMoney++;
            }

            if (x <= 0)
            {
                OutOfTheMoneyCall++;
            }
            else
            {
                OutOfTheMoneyPut++;
            }

            if (NormalDistribution.Pdf((x / sd) + (0.5 * sd)) == 0)
            {
                DensityUnderflow++;
            }
        }
    }
}
