using RiskGate.Engine.Margin;
using RiskGate.Engine.Market;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Tests.Margin;

/// <summary>
/// The system under test (market state, account store, incremental margin) over a <see cref="TestBook"/>,
/// with the book's <see cref="MarginCalculator"/> as the full-revaluation oracle.
/// </summary>
internal sealed class IncrementalFixture
{
    public IncrementalFixture(TestBook book, int accounts = 8, double safetyBuffer = 0, ReanchorPolicy? policy = null, int maxPositions = 64, int maxGroups = 4)
    {
        Book = book;
        Market = new MarketState(book.Instruments, book.Options, book.Market, policy ?? ReanchorPolicy.Default, 0, 4);
        Market.ReanchorAll();
        Store = new AccountStore(Market, new AccountStoreOptions(accounts, maxPositions, maxGroups));
        Margin = new IncrementalMargin(Store, safetyBuffer);
        Full = book.Calculator.CreateBreakdown();
    }

    public TestBook Book { get; }

    public MarketState Market { get; }

    public AccountStore Store { get; }

    public IncrementalMargin Margin { get; }

    public MarginBreakdown Full { get; }

    public List<int> AllInstruments
    {
        get
        {
            var list = new List<int> { Book.EsZ, Book.EsH, Book.NqZ };
            list.AddRange(Book.OptionList);
            return list;
        }
    }

    /// <summary>Rebuilds the oracle's arrays at the current market and time.</summary>
    public void RevalueOracle()
    {
        for (var i = 0; i < Book.Instruments.Count; i++)
        {
            Book.Arrays.BuildAt(i, Book.Options.Groups[Book.Instruments[i].Group].Scan, Book.Market, Market.ElapsedYears);
        }
    }

    /// <summary>A portfolio mirroring the account's positions, average prices and cash (working orders excluded).</summary>
    public Portfolio Mirror(int account, int buysOrSells = 0)
    {
        var p = new Portfolio(Book.Instruments);
        for (var k = 0; k < Store.SlotCount(account); k++)
        {
            var i = Store.SlotInstrument(account, k);
            var q = Store.Position(account, i);
            if (buysOrSells == 1)
            {
                q += Store.Working(account, i, OrderSide.Buy);
            }
            else if (buysOrSells == 2)
            {
                q -= Store.Working(account, i, OrderSide.Sell);
            }

            p.SetPosition(i, q, Store.AveragePrice(account, i));
        }

        p.Cash = Store.Cash(account);
        return p;
    }

    /// <summary>Full-revaluation maintenance of the account's positions (oracle arrays must be current).</summary>
    public MarginBreakdown FullMargin(int account, int buysOrSells = 0)
    {
        Book.Calculator.Compute(Mirror(account, buysOrSells), Book.Market, Full);
        return Full;
    }

    public static void AssertRelative(double expected, double actual, double tolerance, string because)
    {
        var scale = Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance * scale, because + ": expected " + expected + ", got " + actual);
    }
}
