using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Market;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Benchmarks.Engine;

/// <summary>
/// The crypto-like group of ReanchorBenchmarks.ReanchorDeribit150Options, shared with its
/// twin test (linked into the engine tests, so both use the same book).
/// </summary>
internal static class DeribitReanchorBook
{
    /// <summary>
    /// The Deribit-style group: futures at 60,000 × (1 + 0.5%·e) expiring in 7, 14, 30, 91 and 182 days
    /// (multiplier 1), 15 strikes from −35% to +35% with a call and a put each, SVI smiles near 60% vol,
    /// the default Deribit grid at ±16% price, 30% relative vol, tenor exponent 0.3, one day look-ahead.
    /// </summary>
    public static MarketState Group(out InstrumentTable instruments) => Group(out instruments, out _, out _);

    /// <summary><see cref="Group(out InstrumentTable)"/>, also returning the market snapshot and scan it was anchored on.</summary>
    public static MarketState Group(out InstrumentTable instruments, out MarketSnapshot snapshot, out ScanParameters scan)
    {
        instruments = new InstrumentTable(160, 1);
        snapshot = new MarketSnapshot(160) { Rate = 0.05 };
        double[] days = [7, 14, 30, 91, 182];
        for (var e = 0; e < days.Length; e++)
        {
            var t = days[e] / 365;
            var price = 60_000 * (1 + 0.005 * e);
            var f = instruments.AddFuture(0, t, 1, 0.5);
            snapshot.SetPrice(f, price);
            var smile = new SviSmile(t, 0.3 * t, 0.4 * t, -0.3, 0.0, 0.15);
            for (var k = -7; k <= 7; k++)
            {
                var strike = Math.Round(price * (1 + 0.05 * k) / 100) * 100;
                snapshot.SetSmile(instruments.AddOption(f, true, strike, t, 1, 0.0005), smile);
                snapshot.SetSmile(instruments.AddOption(f, false, strike, t, 1, 0.0005), smile);
            }
        }

        scan = new ScanParameters(Spans.DefaultDeribit, 0.16, ScanRangeKind.Relative, 0.3, ScanRangeKind.Relative, ScanParameters.OneDay, 0.3);
        var market = new MarketState(instruments, new MarginOptions([new GroupRiskParameters(scan, 0, 0)], []), snapshot, ReanchorPolicy.Default, 0, 5);
        market.ReanchorAll();
        return market;
    }
}
