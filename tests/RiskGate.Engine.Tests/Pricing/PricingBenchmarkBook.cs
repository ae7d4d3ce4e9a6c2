namespace RiskGate.Engine.Tests.Pricing;

/// <summary>
/// The 64-option book of perf/RiskGate.Benchmarks/Pricing/PricingBenchmarks.cs, copied verbatim (the
/// test project does not reference the benchmarks): keep both in step.
/// </summary>
internal static class PricingBenchmarkBook
{
    public const int BookSize = 64;
    public const double Forward = 100.0;
    public const double Rate = 0.03;

    public static void Book(int i, out bool isCall, out double strike, out double time, out double vol)
    {
        isCall = (i & 1) == 0;
        strike = Forward * Math.Exp(-0.4 + (0.8 * (i % 16) / 15.0));
        time = (i / 16) switch { 0 => 0.25, 1 => 0.5, 2 => 1.0, _ => 2.0 };
        vol = 0.2 + (0.4 * (i % 7) / 6.0);
    }
}
