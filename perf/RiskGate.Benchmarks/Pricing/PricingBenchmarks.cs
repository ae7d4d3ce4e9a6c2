using BenchmarkDotNet.Attributes;
using RiskGate.Engine.Pricing;

namespace RiskGate.Benchmarks.Pricing;

/// <summary>
/// Black-76 price, price + all Greeks, and implied-vol solve, per option, over a fixed book of 64
/// options (calls and puts, k = ln(K/F) from −0.4 to +0.4, T from three months to two years, σ 20%–60%);
/// plus the normal CDF alone, next to the Hart/West approximation it replaced (kept here only as the
/// baseline of that comparison). Inputs are prepared and checked in setup; a wrong result throws.
/// Twin tests: Black76Tests.Greeks_BenchmarkBook_MatchPriceAndParity and
/// ImpliedVolatilityTests.TrySolve_BenchmarkBook_RecoversEveryVol (same book).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PricingBenchmarks
{
    /// <summary>Options per benchmark invocation.</summary>
    public const int BookSize = 64;

    private const double Forward = 100.0;
    private const double Rate = 0.03;

    private readonly bool[] _isCall = new bool[BookSize];
    private readonly double[] _strike = new double[BookSize];
    private readonly double[] _time = new double[BookSize];
    private readonly double[] _vol = new double[BookSize];
    private readonly double[] _price = new double[BookSize];
    private readonly double[] _cdfArgs = new double[BookSize];

    /// <summary>Option <paramref name="i"/> of the book; the twin tests hold an identical copy (PricingBenchmarkBook).</summary>
    public static void Book(int i, out bool isCall, out double strike, out double time, out double vol)
    {
        isCall = (i & 1) == 0;
        strike = Forward * Math.Exp(-0.4 + (0.8 * (i % 16) / 15.0));
        time = (i / 16) switch { 0 => 0.25, 1 => 0.5, 2 => 1.0, _ => 2.0 };
        vol = 0.2 + (0.4 * (i % 7) / 6.0);
    }

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < BookSize; i++)
        {
            Book(i, out _isCall[i], out _strike[i], out _time[i], out _vol[i]);
            _price[i] = Black76.Price(_isCall[i], Forward, _strike[i], _time[i], Rate, _vol[i]);
            _cdfArgs[i] = -8.0 + (16.0 * i / (BookSize - 1));
        }

        for (var i = 0; i < BookSize; i++)
        {
            var g = Black76.Greeks(_isCall[i], Forward, _strike[i], _time[i], Rate, _vol[i]);
            var other = Black76.Price(!_isCall[i], Forward, _strike[i], _time[i], Rate, _vol[i]);
            var parity = Math.Exp(-Rate * _time[i]) * (Forward - _strike[i]) * (_isCall[i] ? 1 : -1);
            if (g.Price != _price[i] || Math.Abs(g.Price - other - parity) > 1e-12 * Forward)
            {
                throw new InvalidOperationException("Black-76 price/parity check failed at book index " + i);
            }

            if (Math.Abs(NormalDistribution.Cdf(_cdfArgs[i]) - HartWestCdf(_cdfArgs[i])) > 1e-14)
            {
                throw new InvalidOperationException("normal CDF and its Hart/West baseline disagree at " + _cdfArgs[i]);
            }

            var status = ImpliedVolatility.TrySolve(_isCall[i], _price[i], Forward, _strike[i], _time[i], Rate, out var implied);
            if (status != ImpliedVolStatus.Solved || Math.Abs(implied - _vol[i]) > 1e-8)
            {
                throw new InvalidOperationException("implied vol failed at book index " + i + ": " + status + " " + implied);
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BookSize)]
    public double Price()
    {
        var sum = 0.0;
        for (var i = 0; i < BookSize; i++)
        {
            sum += Black76.Price(_isCall[i], Forward, _strike[i], _time[i], Rate, _vol[i]);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = BookSize)]
    public double PriceAndGreeks()
    {
        var sum = 0.0;
        for (var i = 0; i < BookSize; i++)
        {
            var g = Black76.Greeks(_isCall[i], Forward, _strike[i], _time[i], Rate, _vol[i]);
            sum += g.Price + g.Delta + g.Gamma + g.Vega + g.Theta + g.Vanna + g.Volga;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = BookSize)]
    public double ImpliedVol()
    {
        var sum = 0.0;
        for (var i = 0; i < BookSize; i++)
        {
            ImpliedVolatility.TrySolve(_isCall[i], _price[i], Forward, _strike[i], _time[i], Rate, out var vol);
            sum += vol;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = BookSize)]
    public double NormalCdf()
    {
        var sum = 0.0;
        for (var i = 0; i < BookSize; i++)
        {
            sum += NormalDistribution.Cdf(_cdfArgs[i]);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = BookSize)]
    public double NormalCdfHartWest()
    {
        var sum = 0.0;
        for (var i = 0; i < BookSize; i++)
        {
            sum += HartWestCdf(_cdfArgs[i]);
        }

        return sum;
    }

    /// <summary>
    /// The cumulative normal RiskGate used before (Hart 1968 as arranged by West 2005): ~1e-15 absolute,
    /// but up to 9e-9 relative in the left tail. Baseline for the cost of the Mills-ratio version.
    /// </summary>
    private static double HartWestCdf(double x)
    {
        var a = Math.Abs(x);
        double tail;
        if (a > 37.0)
        {
            tail = 0.0;
        }
        else
        {
            var e = Math.Exp(-0.5 * a * a);
            if (a < 7.07106781186547)
            {
                var n = (3.52624965998911E-02 * a) + 0.700383064443688;
                n = (n * a) + 6.37396220353165;
                n = (n * a) + 33.912866078383;
                n = (n * a) + 112.079291497871;
                n = (n * a) + 221.213596169931;
                n = (n * a) + 220.206867912376;
                var d = (8.83883476483184E-02 * a) + 1.75566716318264;
                d = (d * a) + 16.064177579207;
                d = (d * a) + 86.7807322029461;
                d = (d * a) + 296.564248779674;
                d = (d * a) + 637.333633378831;
                d = (d * a) + 793.826512519948;
                d = (d * a) + 440.413735824752;
                tail = e * n / d;
            }
            else
            {
                var d = a + 0.65;
                d = a + (4.0 / d);
                d = a + (3.0 / d);
                d = a + (2.0 / d);
                d = a + (1.0 / d);
                tail = e / d / 2.506628274631;
            }
        }

        return x > 0 ? 1.0 - tail : tail;
    }
}
