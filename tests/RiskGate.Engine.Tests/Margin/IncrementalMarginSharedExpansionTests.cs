using RiskGate.Engine.Margin;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Tests.Margin;

/// <summary>
/// The shared expansion of the two working combinations (positions + buys, positions + sells in one
/// pass that reads the positions rows once) against the former per-combination expansion
/// (<see cref="IncrementalMargin.ShareWorkingPositions"/> off): every field of every check and
/// requirement must be the same bits, on random books with working orders on one or both sides,
/// price and vol moves inside and past the re-anchor limits, and re-anchors.
/// </summary>
public sealed class IncrementalMarginSharedExpansionTests
{
    [Theory]
    [InlineData(21, true, false)] // credit pair: the credit band reads the shared pass's "moved"
    [InlineData(22, false, false)] // no credit pair: the credit-free maintenance sum
    [InlineData(23, true, true)] // a 31-node NQ scan: groups with different row strides
    public void CheckOrder_SharedWorkingExpansion_EqualsPerCombinationExpansionBitForBit(int seed, bool credits, bool mixedScans)
    {
        var nqPoints = mixedScans ? Spans.DefaultDeribit : null;
        var book = credits
            ? new TestBook(spreadRate: 40, shortOptionMinimum: 150, credits: [new InterGroupCredit(0, 1, 0.5, 1, 1)], nqPoints: nqPoints)
            : new TestBook(spreadRate: 40, shortOptionMinimum: 150, nqPoints: nqPoints);
        var fx = new IncrementalFixture(book, accounts: 4);
        var former = new IncrementalMargin(fx.Store) { ShareWorkingPositions = false };
        Assert.True(fx.Margin.ShareWorkingPositions);
        var instruments = fx.AllInstruments;
        var futures = new[] { book.EsZ, book.EsH, book.NqZ };
        var vols = new[] { 0.20, 0.20, 0.25 };
        var random = new Random(seed);
        var time = 1L;
        var bothSides = 0;
        var oneSide = 0;
        var volMoved = 0;
        for (var a = 0; a < 4; a++)
        {
            fx.Store.SetCash(a, 100_000 + 100_000 * a);
        }

        for (var step = 0; step < 4_000; step++)
        {
            var account = random.Next(4);
            var instrument = instruments[random.Next(instruments.Count)];
            var quantity = (long)random.Next(1, 5) * (random.Next(2) == 0 ? 1 : -1);
            var price = IncrementalMarginTests.Price(fx, instrument);
            var evt = random.Next(100);
            if (evt < 25)
            {
                fx.Store.ApplyFill(account, instrument, quantity, price);
            }
            else if (evt < 45)
            {
                // Account 3 only ever works buys: the shared pass with one working side empty.
                fx.Store.AddWorking(account, instrument, quantity > 0 || account == 3 ? OrderSide.Buy : OrderSide.Sell, Math.Abs(quantity));
            }
            else if (evt < 55)
            {
                var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
                var working = fx.Store.Working(account, instrument, side);
                if (working > 0)
                {
                    fx.Store.RemoveWorking(account, instrument, side, Math.Min(working, Math.Abs(quantity)));
                }
            }
            else if (evt < 75)
            {
                // Mostly inside the drift limit (the caches go stale by the version), sometimes past it.
                var f = futures[random.Next(futures.Length)];
                fx.Market.SetFuturePrice(f, fx.Market.AnchorPrice(f) + fx.Market.DriftLimit(f) * (random.NextDouble() * 2.4 - 1.2), time++);
            }
            else if (evt < 92)
            {
                // A vol move: the vega rows take part in the expansion (past the limit: a re-anchor).
                var k = random.Next(futures.Length);
                var shift = fx.Market.Policy.VolLimit * (random.NextDouble() * 2.4 - 1.2);
                fx.Market.SetSmile(futures[k], new FlatSmile(vols[k] + shift, 0.24), time++);
                volMoved++;
            }
            else if (evt < 95)
            {
                fx.Market.Reanchor(random.Next(2));
            }
            else
            {
                fx.Store.SetCash(account, random.Next(0, 400_000));
            }

            var checkAccount = random.Next(4);
            var order = instruments[random.Next(instruments.Count)];
            var orderQuantity = (long)random.Next(1, 5) * (random.Next(2) == 0 ? 1 : -1);
            var orderPrice = IncrementalMarginTests.Price(fx, order);

            // The former path first, so the shared one starts from stale entries and does the work.
            var expected = former.CheckOrder(checkAccount, order, orderQuantity, orderPrice);
            var actual = fx.Margin.CheckOrder(checkAccount, order, orderQuantity, orderPrice);
            AssertSameBits(expected, actual, step);
            Assert.Equal(former.CreditUncertain, fx.Margin.CreditUncertain);
            AssertSameBits(former.Requirement(checkAccount), fx.Margin.Requirement(checkAccount), step);
            if (fx.Store.HasWorking(checkAccount) && fx.Store.SlotCount(checkAccount) > 0)
            {
                var buys = 0L;
                var sells = 0L;
                for (var k = 0; k < fx.Store.SlotCount(checkAccount); k++)
                {
                    var i = fx.Store.SlotInstrument(checkAccount, k);
                    buys += fx.Store.Working(checkAccount, i, OrderSide.Buy);
                    sells += fx.Store.Working(checkAccount, i, OrderSide.Sell);
                }

                if (buys > 0 && sells > 0)
                {
                    bothSides++;
                }
                else
                {
                    oneSide++;
                }
            }
        }

        // The comparison only means something when the shared pass ran in both of its shapes.
        Assert.True(bothSides > 500, "checks with working buys and sells: " + bothSides);
        Assert.True(oneSide > 300, "checks with working orders on one side: " + oneSide);
        Assert.True(volMoved > 300, "vol moves: " + volMoved);
    }

    [Fact]
    public void CheckOrder_SharedWorkingExpansion_AllocatesNothing()
    {
        var book = new TestBook(spreadRate: 40, shortOptionMinimum: 150, credits: [new InterGroupCredit(0, 1, 0.5, 1, 1)]);
        var fx = new IncrementalFixture(book, accounts: 1);
        fx.Store.SetCash(0, 1_000_000);
        Assert.Equal(StateStatus.Ok, fx.Store.ApplyFill(0, book.EsOption(true, 5100), -2, 60));
        Assert.Equal(StateStatus.Ok, fx.Store.ApplyFill(0, book.NqZ, 1, 18_000));
        Assert.Equal(StateStatus.Ok, fx.Store.AddWorking(0, book.EsZ, OrderSide.Buy, 2));
        Assert.Equal(StateStatus.Ok, fx.Store.AddWorking(0, book.EsOption(false, 4900), OrderSide.Sell, 3));
        var limit = fx.Market.DriftLimit(book.EsZ);
        var anchor = fx.Market.AnchorPrice(book.EsZ);
        var put = book.EsOption(false, 5000);
        for (var k = 0; k < 100; k++)
        {
            fx.Market.SetFuturePrice(book.EsZ, anchor + limit * ((k % 7) - 3) / 8, k + 1);
            Assert.Equal(StateStatus.Ok, fx.Margin.CheckOrder(0, put, 1, 80).Status);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 10_000; k++)
        {
            // Every check after a tick: the shared pass recomputes both working combinations.
            fx.Market.SetFuturePrice(book.EsZ, anchor + limit * ((k % 7) - 3) / 8, k + 200);
            fx.Margin.CheckOrder(0, put, 1, 80);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    private static void AssertSameBits(MarginCheck expected, MarginCheck actual, int step)
    {
        Assert.True(expected.Status == actual.Status, "status at step " + step);
        Assert.True(expected.Outcome == actual.Outcome, "outcome at step " + step + ": " + expected.Outcome + " vs " + actual.Outcome);
        AssertBits(expected.MaintenanceBefore, actual.MaintenanceBefore, "maintenance before", step);
        AssertBits(expected.MaintenanceAfter, actual.MaintenanceAfter, "maintenance after", step);
        AssertBits(expected.InitialBefore, actual.InitialBefore, "initial before", step);
        AssertBits(expected.InitialAfter, actual.InitialAfter, "initial after", step);
        AssertBits(expected.EquityBefore, actual.EquityBefore, "equity before", step);
        AssertBits(expected.EquityAfter, actual.EquityAfter, "equity after", step);
    }

    private static void AssertBits(double expected, double actual, string what, int step)
    {
        Assert.True(
            BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            what + " at step " + step + ": " + expected.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + " vs " + actual.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }
}
