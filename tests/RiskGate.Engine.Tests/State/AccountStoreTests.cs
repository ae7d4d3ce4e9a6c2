using RiskGate.Engine.Margin;
using RiskGate.Engine.State;
using RiskGate.Engine.Tests.Margin;

namespace RiskGate.Engine.Tests.State;

public class AccountStoreTests
{
    [Fact]
    public void Mutations_RandomFillsWorkingAndCancels_CacheEqualsFromScratchRebuild()
    {
        var fx = new IncrementalFixture(new TestBook(), accounts: 4, maxPositions: 16, maxGroups: 2);
        var instruments = fx.AllInstruments;
        var random = new Random(77);
        var mirrors = new Portfolio[4];
        for (var a = 0; a < 4; a++)
        {
            mirrors[a] = new Portfolio(fx.Book.Instruments);
        }

        for (var step = 0; step < 20_000; step++)
        {
            var a = random.Next(4);
            var i = instruments[random.Next(instruments.Count)];
            var q = (long)random.Next(1, 9);
            var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            switch (random.Next(4))
            {
                case 0:
                case 1:
                    var signed = side == OrderSide.Buy ? q : -q;
                    var price = IncrementalMarginTests.Price(fx, i) * (0.98 + 0.04 * random.NextDouble());
                    if (fx.Store.ApplyFill(a, i, signed, price) == StateStatus.Ok)
                    {
                        mirrors[a].Trade(i, signed, price);
                    }

                    break;
                case 2:
                    _ = fx.Store.AddWorking(a, i, side, q);
                    break;
                default:
                    var working = fx.Store.Working(a, i, side);
                    if (working > 0)
                    {
                        Assert.Equal(StateStatus.Ok, fx.Store.RemoveWorking(a, i, side, Math.Min(q, working)));
                    }
                    else
                    {
                        Assert.Equal(StateStatus.InvalidQuantity, fx.Store.RemoveWorking(a, i, side, q));
                    }

                    break;
            }

            AssertSetCounts(fx.Store, a, "step " + step);
            if (step % 97 == 0)
            {
                AssertCacheMatchesRebuild(fx.Store, a, "step " + step);
                AssertMirror(fx.Store, mirrors[a], a, instruments, "step " + step);
            }
        }
    }

    [Fact]
    public void RefreshAccount_AfterReanchor_RebuildsStaleGroupsOnceAndMatchesFreshStore()
    {
        var book = new TestBook();
        var fx = new IncrementalFixture(book, accounts: 1);
        fx.Store.ApplyFill(0, book.EsZ, 3, 5000);
        fx.Store.ApplyFill(0, book.EsOption(true, 5100), -5, 40);
        fx.Store.ApplyFill(0, book.NqOption(false, 17750), 2, 100);
        fx.Market.SetFuturePrice(book.EsZ, 5100, 1);

        var rebuilt = fx.Store.RefreshAccount(0);
        var again = fx.Store.RefreshAccount(0);
        var lazy = fx.Margin.Requirement(0).MaintenanceBefore;
        var fresh = new IncrementalFixture(new TestBook(), accounts: 1);
        fresh.Market.SetFuturePrice(fresh.Book.EsZ, 5100, 1);
        fresh.Store.ApplyFill(0, book.EsZ, 3, 5000);
        fresh.Store.ApplyFill(0, book.EsOption(true, 5100), -5, 40);
        fresh.Store.ApplyFill(0, book.NqOption(false, 17750), 2, 100);

        Assert.Equal(2, fx.Market.Epoch(TestBook.Es));
        Assert.Equal(1, rebuilt);
        Assert.Equal(0, again);
        IncrementalFixture.AssertRelative(fresh.Margin.Requirement(0).MaintenanceBefore, lazy, 1e-9, "lazy rebuild equals a store built after the re-anchor");
    }

    [Fact]
    public void AddWorking_GroupSlotsFull_ReturnsCapacityExhaustedAndChangesNothing()
    {
        var book = new TestBook();
        var fx = new IncrementalFixture(book, accounts: 1, maxGroups: 1);
        Assert.Equal(StateStatus.Ok, fx.Store.AddWorking(0, book.EsZ, OrderSide.Buy, 2));

        var status = fx.Store.AddWorking(0, book.NqZ, OrderSide.Buy, 2);

        Assert.Equal(StateStatus.CapacityExhausted, status);
        Assert.Equal(1, fx.Store.SlotCount(0));
        Assert.Equal(0, fx.Store.Working(0, book.NqZ, OrderSide.Buy));
    }

    [Fact]
    public void ApplyFill_ClosingEveryPosition_FreesSlotsAndLeavesZeroRequirement()
    {
        var book = new TestBook();
        var fx = new IncrementalFixture(book, accounts: 1);
        fx.Store.ApplyFill(0, book.EsZ, 4, 5000);
        fx.Store.ApplyFill(0, book.NqOption(true, 18000), -3, 300);

        fx.Store.ApplyFill(0, book.EsZ, -4, 5010);
        fx.Store.ApplyFill(0, book.NqOption(true, 18000), 3, 300);

        Assert.Equal(0, fx.Store.SlotCount(0));
        Assert.Equal(4 * 10 * 50, fx.Store.Cash(0), 9);
        Assert.Equal(0, fx.Margin.Requirement(0).MaintenanceBefore);
        Assert.Equal(-1, fx.Store.GroupSlot(0, TestBook.Es));
    }

    // Per (future, set): SetCount is the number of instruments with a non-zero quantity there, recounted
    // from the positions and working orders; an empty set's rows and sums are exactly zero (readers skip it).
    private static void AssertSetCounts(AccountStore store, int account, string because)
    {
        var market = store.Market;
        Span<int> expected = stackalloc int[AccountStore.Sets];
        for (var gs = 0; gs < store.MaxGroupsPerAccount; gs++)
        {
            var group = store.GroupOfSlot(account, gs);
            if (group < 0)
            {
                continue;
            }

            for (var ordinal = 0; ordinal < market.MaxFuturesPerGroup; ordinal++)
            {
                expected.Clear();
                for (var k = 0; k < store.SlotCount(account); k++)
                {
                    var i = store.SlotInstrument(account, k);
                    if (market.Instruments[i].Group == group && market.FutureOrdinal(i) == ordinal)
                    {
                        expected[0] += store.Position(account, i) != 0 ? 1 : 0;
                        expected[1] += store.Working(account, i, OrderSide.Buy) != 0 ? 1 : 0;
                        expected[2] += store.Working(account, i, OrderSide.Sell) != 0 ? 1 : 0;
                    }
                }

                for (var set = 0; set < AccountStore.Sets; set++)
                {
                    var block = store.Block(account, gs, ordinal, set);
                    Assert.True(expected[set] == store.SetCount(block), because + ": set " + set + " of future " + ordinal + " counts " + store.SetCount(block) + ", expected " + expected[set]);
                    if (expected[set] != 0)
                    {
                        continue;
                    }

                    for (var row = 0; row < AccountStore.Rows; row++)
                    {
                        foreach (var cell in store.Row(block, row))
                        {
                            Assert.True(BitConverter.DoubleToInt64Bits(cell) == 0, because + ": empty set " + set + " of future " + ordinal + " holds " + cell);
                        }
                    }

                    Assert.Equal(default, store.Sums(block));
                }
            }
        }
    }

    private static void AssertCacheMatchesRebuild(AccountStore store, int account, string because)
    {
        var before = Snapshot(store, account);
        store.RebuildAccount(account);
        var after = Snapshot(store, account);
        Assert.Equal(after.Count, before.Count);
        for (var k = 0; k < after.Count; k++)
        {
            Assert.True(Math.Abs(after[k] - before[k]) <= 1e-9 * Math.Max(1, Math.Abs(after[k])), because + ": cell " + k + " cached " + before[k] + " rebuilt " + after[k]);
        }
    }

    private static List<double> Snapshot(AccountStore store, int account)
    {
        var cells = new List<double>();
        for (var gs = 0; gs < store.MaxGroupsPerAccount; gs++)
        {
            if (store.GroupOfSlot(account, gs) < 0)
            {
                continue;
            }

            for (var ordinal = 0; ordinal < store.Market.MaxFuturesPerGroup; ordinal++)
            {
                for (var set = 0; set < AccountStore.Sets; set++)
                {
                    var block = store.Block(account, gs, ordinal, set);
                    for (var row = 0; row < AccountStore.Rows; row++)
                    {
                        cells.AddRange(store.Row(block, row).ToArray());
                    }

                    var sums = store.Sums(block);
                    cells.AddRange([sums.Delta, sums.Gamma, sums.Vega, sums.Value, sums.DeltaEquivalent, sums.DeltaEquivalentSlope]);
                }
            }
        }

        return cells;
    }

    private static void AssertMirror(AccountStore store, Portfolio mirror, int account, List<int> instruments, string because)
    {
        Assert.True(Math.Abs(mirror.Cash - store.Cash(account)) <= 1e-6 * Math.Max(1, Math.Abs(mirror.Cash)), because + ": cash");
        foreach (var i in instruments)
        {
            Assert.Equal(mirror.Quantity(i), store.Position(account, i));
            Assert.Equal(mirror.AveragePrice(i), store.AveragePrice(account, i), 9);
        }
    }
}
