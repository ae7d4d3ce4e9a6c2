using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Market;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;

namespace RiskGate.Benchmarks.Engine;

/// <summary>
/// The incremental benchmarks' setup: one product group with 4 futures (quarterly, 6000 × (1 + 1%·e),
/// multiplier 50), 25 calls and 25 puts on each (200 options, SVI smiles), SPAN 16 points; accounts
/// 0..2 hold 5 options on each of 1, 2 and 4 futures, account 3 holds 20 positions across the group.
/// The market is moved inside the re-anchor limits so the expansion is exercised. The same book is
/// built by the twin test IncrementalBenchmarkTwinTests.
/// </summary>
internal sealed class IncrementalBook
{
    public IncrementalBook()
    {
        Instruments = new InstrumentTable(256, 1);
        Snapshot = new MarketSnapshot(256) { Rate = 0.04 };
        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        for (var e = 0; e < 4; e++)
        {
            var t = 0.25 * (e + 1);
            var f = Instruments.AddFuture(0, t, 50, 0.25);
            Futures[e] = f;
            var price = 6000.0 * (1 + 0.01 * e);
            Snapshot.SetPrice(f, price);
            Smiles[e] = new SviSmile(t - 0.01, 0.0008 * (e + 1), 0.012, -0.6, 0.01, 0.08);
            for (var k = -12; k <= 12; k++)
            {
                var strike = Math.Round(price * (1 + 0.01 * k));
                var call = Instruments.AddOption(f, true, strike, t - 0.01, 50, 0.05);
                var put = Instruments.AddOption(f, false, strike, t - 0.01, 50, 0.05);
                Snapshot.SetSmile(call, Smiles[e]);
                Snapshot.SetSmile(put, Smiles[e]);
            }
        }

        Options = new MarginOptions([new GroupRiskParameters(scan, 300, 100)], []);
        Market = new MarketState(Instruments, Options, Snapshot, ReanchorPolicy.Default, 0, 4);
        Market.ReanchorAll();
        Store = new AccountStore(Market, new AccountStoreOptions(8, 32, 2));
        Margin = new IncrementalMargin(Store, 0.01);
        for (var touched = 1; touched <= 4; touched *= 2)
        {
            var account = touched == 4 ? 2 : touched - 1;
            for (var e = 0; e < touched; e++)
            {
                for (var k = 0; k < 5; k++)
                {
                    Fill(account, OptionOn(e, 10 + 2 * k + (k & 1)), (k & 1) == 0 ? -3 : 2);
                }
            }

            Store.SetCash(account, 5_000_000);
        }

        for (var p = 0; p < 20; p++)
        {
            Fill(RebuildAccount, OptionOn(p % 4, 3 + 2 * p), p % 3 == 0 ? 4 : -2);
        }

        Store.SetCash(RebuildAccount, 5_000_000);

        // Inside the limits: a third of the drift limit, a fifth of the vol limit.
        for (var e = 0; e < 4; e++)
        {
            var f = Futures[e];
            Market.SetFuturePrice(f, Snapshot.Price(f) + Market.DriftLimit(f) / 3, 1);
            Market.SetSmile(f, new ShiftedSmile(Smiles[e], ReanchorPolicy.DefaultVolLimit / 5), 1);
        }

        if (Market.Epoch(0) != 1)
        {
            throw new InvalidOperationException("benchmark market left the re-anchor limits");
        }
    }

    public const int RebuildAccount = 3;

    public InstrumentTable Instruments { get; }

    public MarketSnapshot Snapshot { get; }

    public MarginOptions Options { get; }

    public MarketState Market { get; }

    public AccountStore Store { get; }

    public IncrementalMargin Margin { get; }

    public int[] Futures { get; } = new int[4];

    public VolSmile[] Smiles { get; } = new VolSmile[4];

    /// <summary>The k-th option (0..49: call, put alternating by strike) on future e.</summary>
    public int OptionOn(int e, int k) => Futures[e] + 1 + k;

    /// <summary>The account that holds options on <paramref name="touched"/> futures (1, 2 or 4).</summary>
    public static int AccountTouching(int touched) => touched == 4 ? 2 : touched - 1;

    /// <summary>
    /// Working orders on every future the account holds options on: 3 calls bought and 2 puts sold
    /// per future (<paramref name="sides"/> 2), or the buys only (1), so a check evaluates the worse of
    /// positions + buys and positions + sells. Throws when the store refuses one.
    /// </summary>
    public void PlaceWorkingOrders(int account, int touched, int sides)
    {
        for (var e = 0; e < touched; e++)
        {
            Work(account, OptionOn(e, 20 + 2 * e), OrderSide.Buy, 3);
            if (sides == 2)
            {
                Work(account, OptionOn(e, 31 - 2 * e), OrderSide.Sell, 2);
            }
        }
    }

    private void Work(int account, int instrument, OrderSide side, long quantity)
    {
        if (Store.AddWorking(account, instrument, side, quantity) != StateStatus.Ok)
        {
            throw new InvalidOperationException("benchmark working order refused");
        }
    }

    private void Fill(int account, int instrument, long quantity)
    {
        if (Store.ApplyFill(account, instrument, quantity, 10) != StateStatus.Ok)
        {
            throw new InvalidOperationException("benchmark fill failed");
        }
    }
}
