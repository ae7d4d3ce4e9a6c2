using RiskGate.Engine.Margin;
using RiskGate.Engine.Market;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Tests.Margin;

/// <summary>
/// Invariants of <see cref="IncrementalMargin"/>'s caches and decision shortcuts: the per-(account,
/// group slot, combination) expansion cache (expanded vector read in place, its worst loss cached) must
/// give bit for bit what a checker with empty caches computes, and the accept decision taken before
/// rounding must equal the documented rule on the rounded buffered initial margin.
/// </summary>
public sealed class IncrementalMarginCacheTests
{
    [Theory]
    [InlineData(true, 0.0, 11, 1, false)] // credit pair between ES and NQ: the credit bookkeeping path
    [InlineData(false, 0.0, 12, 1, false)] // no credit pair: the credit-free maintenance sum
    [InlineData(true, 0.01, 13, 1, false)] // a safety buffer: the buffered decision differs from the initial margin
    [InlineData(true, 0.0, 14, 64, false)] // accounts 0, 64, 128, 192: their entries share the direct-mapped cache slots
    [InlineData(true, 0.0, 15, 64, true)] // the same with a 31-node NQ scan: groups with different row strides
    public void CheckOrder_WarmCachesAcrossRandomFillsTicksAndReanchors_EqualsAColdChecker(bool credits, double buffer, int seed, int spacing, bool mixedScans)
    {
        var nqPoints = mixedScans ? Spans.DefaultDeribit : null;
        var book = credits
            ? new TestBook(spreadRate: 40, shortOptionMinimum: 150, credits: [new InterGroupCredit(0, 1, 0.5, 1, 1)], nqPoints: nqPoints)
            : new TestBook(spreadRate: 40, shortOptionMinimum: 150, nqPoints: nqPoints);

        // Cache keys are (account × 4 group slots + slot) × 3 + combination; 256 entries: a spacing of 64
        // accounts maps every account's entries onto the same slots.
        var fx = new IncrementalFixture(book, accounts: 3 * spacing + 1, safetyBuffer: buffer);
        var instruments = fx.AllInstruments;
        var futures = new[] { book.EsZ, book.EsH, book.NqZ };
        var random = new Random(seed);
        var time = 1L;
        var cacheHits = 0;
        for (var a = 0; a < 4; a++)
        {
            fx.Store.SetCash(a * spacing, 50_000 + 100_000 * a);
        }

        for (var step = 0; step < 3_000; step++)
        {
            var account = random.Next(4) * spacing;
            var instrument = instruments[random.Next(instruments.Count)];
            var quantity = (long)random.Next(1, 5) * (random.Next(2) == 0 ? 1 : -1);
            var price = IncrementalMarginTests.Price(fx, instrument);
            var evt = random.Next(100);
            if (evt < 30)
            {
                fx.Store.ApplyFill(account, instrument, quantity, price);
            }
            else if (evt < 45)
            {
                fx.Store.AddWorking(account, instrument, quantity > 0 ? OrderSide.Buy : OrderSide.Sell, Math.Abs(quantity));
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
            else if (evt < 90)
            {
                // Mostly inside the drift limit (cache invalidated by the version), sometimes past it (re-anchor).
                var f = futures[random.Next(futures.Length)];
                fx.Market.SetFuturePrice(f, fx.Market.AnchorPrice(f) + fx.Market.DriftLimit(f) * (random.NextDouble() * 2.4 - 1.2), time++);
            }
            else if (evt < 95)
            {
                fx.Market.Reanchor(random.Next(2));
            }
            else
            {
                fx.Store.SetCash(account, random.Next(0, 300_000));
            }

            var checkAccount = random.Next(4) * spacing;
            var order = instruments[random.Next(instruments.Count)];
            var orderQuantity = (long)random.Next(1, 5) * (random.Next(2) == 0 ? 1 : -1);
            var orderPrice = IncrementalMarginTests.Price(fx, order);
            var warm = fx.Margin.CheckOrder(checkAccount, order, orderQuantity, orderPrice);
            var warmUncertain = fx.Margin.CreditUncertain;
            var repeated = fx.Margin.CheckOrder(checkAccount, order, orderQuantity, orderPrice);
            var cold = new IncrementalMargin(fx.Store, buffer);
            var fresh = cold.CheckOrder(checkAccount, order, orderQuantity, orderPrice);
            AssertSame(fresh, warm, step);
            AssertSame(fresh, repeated, step);
            Assert.Equal(cold.CreditUncertain, warmUncertain);
            AssertSame(cold.Requirement(checkAccount), fx.Margin.Requirement(checkAccount), step);
            if (fx.Store.SlotCount(checkAccount) > 0)
            {
                cacheHits++;
            }
        }

        // The comparison only means something when accounts held positions (cached vectors) at check time.
        Assert.True(cacheHits > 1_000, "checks against a non-empty account: " + cacheHits);
    }

    [Theory]
    [InlineData(0.0, 1.0)] // default: whole currency units, no buffer
    [InlineData(0.01, 1.0)] // buffered decision rounded separately from the reported initial
    [InlineData(0.0, 0.01)] // cents: the rounding divides by the unit's integer inverse
    [InlineData(0.02, 5.0)] // a unit above 1: the rounding multiplies back by the unit
    public void CheckOrder_EquityWithinTwoUnitsOfTheBufferedInitial_DecidesAsTheRoundedRule(double buffer, double unit)
    {
        var book = new TestBook(spreadRate: 40, shortOptionMinimum: 150);
        var options = new MarginOptions(book.Options.Groups, [], MarginOptions.DefaultInitialRatio, unit);
        var market = new MarketState(book.Instruments, options, book.Market, ReanchorPolicy.Default, 0, 4);
        market.ReanchorAll();
        var store = new AccountStore(market, new AccountStoreOptions(1, 16, 2));
        var margin = new IncrementalMargin(store, buffer);
        var call = book.EsOption(true, 5100);
        Assert.Equal(StateStatus.Ok, store.ApplyFill(0, call, -2, 60));
        Assert.Equal(StateStatus.Ok, store.ApplyFill(0, book.EsZ, 1, 5000));
        market.SetFuturePrice(book.EsZ, market.AnchorPrice(book.EsZ) + market.DriftLimit(book.EsZ) / 3, 1);
        store.SetCash(0, 1_000_000);
        var probe = margin.CheckOrder(0, call, -3, 55);
        var unrounded = options.InitialRatio * probe.MaintenanceAfter * (1.0 + buffer);
        var accepted = 0;
        var refused = 0;
        for (var step = -32; step <= 32; step++)
        {
            // Equity walks across the boundary in eighths of a unit, plus a hair to land off the grid.
            var offset = step * unit / 8 + (step & 1) * 1e-7;
            store.SetCash(0, 1_000_000 + (unrounded - probe.EquityAfter) + offset);
            var check = margin.CheckOrder(0, call, -3, 55);
            Assert.Equal(StateStatus.Ok, check.Status);
            Assert.Equal(probe.MaintenanceAfter, check.MaintenanceAfter);
            var buffered = MoneyRounding.RoundHalfUp(unrounded, unit);
            var expected = buffered <= check.EquityAfter
                ? OrderMarginOutcome.Accepted
                : buffered < check.InitialBefore * (1.0 - buffer) ? OrderMarginOutcome.AcceptedRiskReducing : OrderMarginOutcome.RejectedInsufficientMargin;
            Assert.Equal(expected, check.Outcome);
            Assert.Equal(MoneyRounding.RoundHalfUp(options.InitialRatio * check.MaintenanceAfter, unit), check.InitialAfter);
            Assert.Equal(MoneyRounding.RoundHalfUp(options.InitialRatio * check.MaintenanceBefore, unit), check.InitialBefore);
            if (check.Outcome == OrderMarginOutcome.Accepted)
            {
                accepted++;
            }
            else
            {
                refused++;
            }
        }

        // The walk must cross the boundary, or it tested nothing.
        Assert.True(accepted > 0 && refused > 0, "accepted " + accepted + ", refused " + refused);
    }

    private static void AssertSame(MarginCheck expected, MarginCheck actual, int step)
    {
        Assert.True(expected.Status == actual.Status, "status at step " + step);
        Assert.True(expected.Outcome == actual.Outcome, "outcome at step " + step + ": " + expected.Outcome + " vs " + actual.Outcome);
        Assert.Equal(expected.MaintenanceBefore, actual.MaintenanceBefore);
        Assert.Equal(expected.MaintenanceAfter, actual.MaintenanceAfter);
        Assert.Equal(expected.InitialBefore, actual.InitialBefore);
        Assert.Equal(expected.InitialAfter, actual.InitialAfter);
        Assert.Equal(expected.EquityBefore, actual.EquityBefore);
        Assert.Equal(expected.EquityAfter, actual.EquityAfter);
    }
}
