using RiskGate.Engine.Joint;

namespace RiskGate.Engine.Tests.Joint;

public class CorrelatedMonteCarloTests
{
    private static readonly double[] Correlation3 =
    [
        1.0, 0.6, -0.3,
        0.6, 1.0, 0.2,
        -0.3, 0.2, 1.0,
    ];

    [Fact]
    public void Build_LargeSample_SampleCorrelationAndVolMatchTarget()
    {
        const int N = 40_000;
        double[] vols = [0.2, 0.35, 0.1];
        var set = CorrelatedMonteCarlo.Build(Correlation3, vols, 1, N, 99, [], []);
        var x = new double[N * 3];
        for (var s = 0; s < N; s++)
        {
            for (var g = 0; g < 3; g++)
            {
                x[s * 3 + g] = Math.Log(1 + set.PriceShock(s, g));
            }
        }

        var mean = new double[3];
        for (var s = 0; s < N; s++)
        {
            for (var g = 0; g < 3; g++)
            {
                mean[g] += x[s * 3 + g] / N;
            }
        }

        var cov = new double[9];
        for (var s = 0; s < N; s++)
        {
            for (var i = 0; i < 3; i++)
            {
                for (var j = 0; j < 3; j++)
                {
                    cov[i * 3 + j] += (x[s * 3 + i] - mean[i]) * (x[s * 3 + j] - mean[j]) / (N - 1);
                }
            }
        }

        // Sampling error of a correlation ≈ (1 − ρ²)/√N ≤ 0.005; allow 4 standard errors (0.02).
        for (var i = 0; i < 3; i++)
        {
            var sd = Math.Sqrt(cov[i * 3 + i]);
            Assert.Equal(vols[i] * Math.Sqrt(1 / 252.0), sd, sd * 0.02);
            for (var j = 0; j < i; j++)
            {
                var rho = cov[i * 3 + j] / Math.Sqrt(cov[i * 3 + i] * cov[j * 3 + j]);
                Assert.Equal(Correlation3[i * 3 + j], rho, 0.02);
            }
        }
    }

    [Fact]
    public void Build_SameSeed_IdenticalSetsBitForBit()
    {
        var a = CorrelatedMonteCarlo.Build(Correlation3, [0.2, 0.3, 0.4], 5, 1000, 7, [-1.5, 0, 1], []);
        var b = CorrelatedMonteCarlo.Build(Correlation3, [0.2, 0.3, 0.4], 5, 1000, 7, [-1.5, 0, 1], []);
        var c = CorrelatedMonteCarlo.Build(Correlation3, [0.2, 0.3, 0.4], 5, 1000, 8, [-1.5, 0, 1], []);
        var differs = false;
        for (var s = 0; s < 1000; s++)
        {
            for (var g = 0; g < 3; g++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(a.PriceShock(s, g)), BitConverter.DoubleToInt64Bits(b.PriceShock(s, g)));
                Assert.Equal(BitConverter.DoubleToInt64Bits(a.VolShock(s, g, 0)), BitConverter.DoubleToInt64Bits(b.VolShock(s, g, 0)));
                differs |= a.PriceShock(s, g) != c.PriceShock(s, g);
            }
        }

        Assert.True(differs);
    }

    [Fact]
    public void Build_Seed1_PinnedFirstShock()
    {
        // Pins the generator, the factorisation and the shock formula: a change to any of them is a
        // change of every Monte Carlo margin and must be deliberate. Value: exp(σ·√(h/252)·z − ½σ²h/252) − 1
        // with z the first polar deviate of seed 1, σ = 0.2, h = 1.
        var set = CorrelatedMonteCarlo.Build([1.0], [0.2], 1, 1, 1, [], []);
        var rng = new Xoshiro256StarStar(1);
        var z = rng.NextGaussian();
        var expected = Math.Exp(0.2 * Math.Sqrt(1 / 252.0) * z - 0.5 * 0.04 / 252) - 1;
        Assert.Equal(expected, set.PriceShock(0, 0), 1e-15);
    }

    [Fact]
    public void Factor_PerfectCorrelation_AcceptedAndSecondFactorCopiesFirst()
    {
        var l = CorrelatedMonteCarlo.Factor([1, 1, 1, 1], 2);
        Assert.Equal([1.0, 0.0, 1.0, 0.0], l);
    }

    [Fact]
    public void Factor_Valid3x3_ReproducesMatrix()
    {
        var l = CorrelatedMonteCarlo.Factor(Correlation3, 3);
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                double sum = 0;
                for (var k = 0; k < 3; k++)
                {
                    sum += l[i * 3 + k] * l[j * 3 + k];
                }

                Assert.Equal(Correlation3[i * 3 + j], sum, 1e-14);
            }
        }
    }

    public static TheoryData<string, double[]> InvalidMatrices => new()
    {
        { "symmetric", new double[] { 1, 0.5, 0.4, 1 } }, // asymmetric
        { "unit diagonal", new double[] { 1.1, 0.5, 0.5, 1 } }, // diagonal not 1
        { "[-1, 1]", new double[] { 1, 1.5, 1.5, 1 } }, // correlation above 1
        { "positive semi-definite", new double[] { 1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1 } }, // symmetric, unit diagonal, not PSD
        { "positive semi-definite", new double[] { 1, 1, 0, 1, 1, 0.5, 0, 0.5, 1 } }, // singular leading block with an inconsistent third row
        { "groups × groups", new double[] { 1, 0, 0 } }, // wrong size
    };

    [Theory]
    [MemberData(nameof(InvalidMatrices))]
    public void Build_InvalidCorrelation_ThrowsNamingProblem(string problem, double[] matrix)
    {
        var groups = matrix.Length == 9 ? 3 : 2;
        var vols = Enumerable.Repeat(0.2, groups).ToArray();
        var ex = Assert.ThrowsAny<ArgumentException>(() => CorrelatedMonteCarlo.Build(matrix, vols, 1, 10, 1, [], []));
        Assert.Equal("correlation", ex.ParamName);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 1, 10)] // zero vol
    [InlineData(0.2, 0, 10)] // zero horizon
    [InlineData(0.2, 1, 0)] // no scenarios
    public void Build_BadSetting_Throws(double vol, int horizon, int count)
        => Assert.ThrowsAny<ArgumentException>(() => CorrelatedMonteCarlo.Build([1.0], [vol], horizon, count, 1, [], []));
}
