using System.Numerics;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;
using RiskGate.Engine.Tests.Margin;

namespace RiskGate.Engine.Tests.State;

/// <summary>
/// The performance layout of <see cref="AccountStore"/>: rows packed at each group's own stride,
/// per-combination mutation stamps, start-up pre-faulting. Oracles: the scan's node count, full
/// revaluation (<see cref="MarginCalculator"/>), and what each kind of change can affect.
/// </summary>
public sealed class AccountStoreLayoutTests
{
    [Fact]
    public void GroupStride_GroupsWithDifferentNodeCounts_IsEachNodeCountInWholeLanes()
    {
        var fx = new IncrementalFixture(new TestBook(nqPoints: Spans.DefaultDeribit));
        var lanes = Vector<double>.Count;

        // ES: SPAN 16 nodes; NQ: the 31-node Deribit grid.
        Assert.Equal((16 + lanes - 1) / lanes * lanes, fx.Market.GroupStride(TestBook.Es));
        Assert.Equal((31 + lanes - 1) / lanes * lanes, fx.Market.GroupStride(TestBook.Nq));
        Assert.Equal(fx.Market.GroupStride(TestBook.Nq), fx.Market.NodeStride);
        Assert.Equal(fx.Market.GroupStride(TestBook.Es), fx.Market.AnchorLosses(fx.Book.EsZ).Length);
    }

    [Theory]
    [InlineData(21)] // positions only in some accounts, working orders in others
    [InlineData(22)]
    public void Requirement_GroupsWithDifferentNodeCountsAtTheAnchor_EqualsFullRevaluation(int seed)
    {
        // Packed rows of a 16-node and a 31-node group side by side in one account: any overlap or a
        // wrong stride would corrupt one group's scan, which full revaluation would expose.
        var book = new TestBook(spreadRate: 40, shortOptionMinimum: 150, nqPoints: Spans.DefaultDeribit);
        var fx = new IncrementalFixture(book, accounts: 6);
        var instruments = fx.AllInstruments;
        var random = new Random(seed);
        for (var step = 0; step < 400; step++)
        {
            var a = random.Next(6);
            var i = instruments[random.Next(instruments.Count)];
            var q = (long)random.Next(1, 6);
            var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            if (random.Next(3) == 0 && a % 2 == 1)
            {
                Assert.Equal(StateStatus.Ok, fx.Store.AddWorking(a, i, side, q));
            }
            else
            {
                Assert.Equal(StateStatus.Ok, fx.Store.ApplyFill(a, i, side == OrderSide.Buy ? q : -q, IncrementalMarginTests.Price(fx, i)));
            }
        }

        var compared = 0;
        for (var a = 0; a < 6; a++)
        {
            var incremental = fx.Margin.Requirement(a);
            Assert.Equal(StateStatus.Ok, incremental.Status);
            var expected = fx.Store.HasWorking(a)
                ? Math.Max(fx.FullMargin(a, 1).Maintenance, fx.FullMargin(a, 2).Maintenance)
                : fx.FullMargin(a, 0).Maintenance;
            IncrementalFixture.AssertRelative(expected, incremental.MaintenanceBefore, 1e-9, "account " + a);
            IncrementalFixture.AssertRelative(fx.FullMargin(a, 0).Equity, incremental.EquityBefore, 1e-9, "equity of account " + a);
            compared += expected > 0 ? 1 : 0;
        }

        Assert.True(compared >= 4, "accounts with a requirement: " + compared);
    }

    [Fact]
    public void Mutation_WorkingBuysOrSellsOfAHeldInstrument_MovesOnlyThatCombination()
    {
        var fx = new IncrementalFixture(new TestBook(), accounts: 2);
        var store = fx.Store;
        var i = fx.Book.EsZ;
        Assert.Equal(StateStatus.Ok, store.ApplyFill(0, i, 3, 5000));
        var gs = store.GroupSlot(0, TestBook.Es);
        long[] Stamps() => [store.Mutation(0, gs, 0), store.Mutation(0, gs, 1), store.Mutation(0, gs, 2)];

        var before = Stamps();
        Assert.Equal(StateStatus.Ok, store.AddWorking(0, i, OrderSide.Buy, 2));
        var afterBuy = Stamps();
        Assert.Equal(before[0], afterBuy[0]); // positions (and the equity terms) unchanged
        Assert.NotEqual(before[1], afterBuy[1]);
        Assert.Equal(before[2], afterBuy[2]);

        Assert.Equal(StateStatus.Ok, store.RemoveWorking(0, i, OrderSide.Buy, 2));
        Assert.Equal(StateStatus.Ok, store.AddWorking(0, i, OrderSide.Sell, 1));
        var afterSell = Stamps();
        Assert.Equal(afterBuy[0], afterSell[0]);
        Assert.NotEqual(afterBuy[2], afterSell[2]);

        // A fill moves positions, which every combination includes.
        Assert.Equal(StateStatus.Ok, store.ApplyFill(0, i, -1, 5000));
        var afterFill = Stamps();
        Assert.NotEqual(afterSell[0], afterFill[0]);
        Assert.NotEqual(afterSell[1], afterFill[1]);
        Assert.NotEqual(afterSell[2], afterFill[2]);

        // A working order in a new instrument adds a future to the slot: every combination iterates it.
        Assert.Equal(StateStatus.Ok, store.AddWorking(0, fx.Book.EsH, OrderSide.Buy, 1));
        var afterNew = Stamps();
        Assert.NotEqual(afterFill[0], afterNew[0]);
        Assert.NotEqual(afterFill[2], afterNew[2]);
    }

    [Fact]
    public void Touch_FreshArray_LeavesEveryElementDefault()
    {
        var doubles = new double[100_003];
        var sums = new CentreSums[9_001];
        MemoryPrefault.Touch(doubles);
        MemoryPrefault.Touch(sums);
        Assert.All(doubles, static d => Assert.Equal(0.0, d));
        Assert.All(sums, static s => Assert.Equal(default, s));
    }
}
