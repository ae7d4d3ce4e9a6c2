using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;
using RiskGate.Engine.Tests.Margin;

namespace RiskGate.Engine.Tests.State;

/// <summary>
/// The lazy rebuild against its definition: every set's rows are +0 plus, in the account's slot
/// order, q × the instrument's anchor rows, and its centre sums the same sums from zero, bit for bit
/// (the order the former clear-then-add rebuild used). Also the premises that let a future add only
/// three of its four rows: a future's anchor vega row is +0, and no cached cell is ever −0.
/// </summary>
public sealed class AccountStoreRebuildTests
{
    [Theory]
    [InlineData(31, false)] // both groups on the 16-node scan
    [InlineData(32, true)] // a 31-node NQ scan: groups with different row strides
    public void RebuildAccount_RandomBooksAcrossMovesAndReanchors_EqualsSlotOrderSumBitForBit(int seed, bool mixedScans)
    {
        var book = new TestBook(nqPoints: mixedScans ? Spans.DefaultDeribit : null);
        var fx = new IncrementalFixture(book, accounts: 4, maxPositions: 24, maxGroups: 2);
        var instruments = fx.AllInstruments;
        var futures = new[] { book.EsZ, book.EsH, book.NqZ };
        var vols = new[] { 0.20, 0.20, 0.25 };
        var random = new Random(seed);
        var time = 1L;
        var sharedSets = 0;
        for (var step = 0; step < 3_000; step++)
        {
            var a = random.Next(4);
            var i = instruments[random.Next(instruments.Count)];
            var q = (long)random.Next(1, 6);
            var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            switch (random.Next(8))
            {
                case 0:
                case 1:
                    fx.Store.ApplyFill(a, i, side == OrderSide.Buy ? q : -q, IncrementalMarginTests.Price(fx, i));
                    break;
                case 2:
                case 3:
                    fx.Store.AddWorking(a, i, side, q);
                    break;
                case 4:
                    var working = fx.Store.Working(a, i, side);
                    if (working > 0)
                    {
                        fx.Store.RemoveWorking(a, i, side, Math.Min(q, working));
                    }

                    break;
                case 5:
                    var f = random.Next(futures.Length);
                    fx.Market.SetFuturePrice(futures[f], fx.Market.AnchorPrice(futures[f]) + fx.Market.DriftLimit(futures[f]) * (random.NextDouble() * 2.4 - 1.2), time++);
                    break;
                case 6:
                    var v = random.Next(futures.Length);
                    fx.Market.SetSmile(futures[v], new FlatSmile(vols[v] + fx.Market.Policy.VolLimit * (random.NextDouble() * 2.4 - 1.2), 0.24), time++);
                    break;
                default:
                    // A new epoch: the next rebuild reads other anchor rows than the ones the cache holds.
                    fx.Market.Reanchor(random.Next(2));
                    break;
            }

            var account = random.Next(4);
            fx.Store.RebuildAccount(account);
            sharedSets += AssertRowsAreSlotOrderSums(fx.Store, account, step);
        }

        // Sets holding several instruments are where the first-written/added-after split matters.
        Assert.True(sharedSets > 2_000, "sets with two or more instruments compared: " + sharedSets);
    }

    [Fact]
    public void AnchorRows_EveryFuture_VegaRowIsPositiveZero()
    {
        var book = new TestBook(nqPoints: Spans.DefaultDeribit);
        var fx = new IncrementalFixture(book, accounts: 1);
        fx.Market.SetSmile(book.EsZ, new FlatSmile(0.2 + 0.5 * fx.Market.Policy.VolLimit, 0.24), 1);
        fx.Market.Reanchor(TestBook.Es);
        foreach (var f in new[] { book.EsZ, book.EsH, book.NqZ })
        {
            var n = fx.Market.GroupStride(fx.Book.Instruments[f].Group);
            var vega = new ReadOnlySpan<double>(fx.Market.Rows, fx.Market.RowsOffset(f) + 3 * n, n);
            foreach (var x in vega)
            {
                Assert.Equal(0L, BitConverter.DoubleToInt64Bits(x));
            }
        }
    }

    [Fact]
    public void CachedRows_RandomAddsAndRemovesOfFuturesAndOptions_NeverNegativeZero()
    {
        var book = new TestBook();
        var fx = new IncrementalFixture(book, accounts: 2, maxPositions: 24, maxGroups: 2);
        var instruments = fx.AllInstruments;
        var random = new Random(33);
        var negativeZero = BitConverter.DoubleToInt64Bits(-0.0);
        var zeros = 0;
        for (var step = 0; step < 5_000; step++)
        {
            var a = random.Next(2);

            // Futures half the time: their rows hold zeros (gamma, vega) that ±0 products land on.
            var i = random.Next(2) == 0 ? instruments[random.Next(3)] : instruments[random.Next(instruments.Count)];
            var q = (long)random.Next(1, 4) * (random.Next(2) == 0 ? 1 : -1);
            if (random.Next(3) == 0)
            {
                fx.Store.ApplyFill(a, i, q, IncrementalMarginTests.Price(fx, i));
            }
            else if (q > 0)
            {
                fx.Store.AddWorking(a, i, random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, q);
            }
            else
            {
                var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
                var working = fx.Store.Working(a, i, side);
                if (working > 0)
                {
                    fx.Store.RemoveWorking(a, i, side, Math.Min(-q, working));
                }
            }

            if (step % 500 == 0)
            {
                fx.Market.Reanchor(random.Next(2));
            }

            for (var gs = 0; gs < fx.Store.MaxGroupsPerAccount; gs++)
            {
                if (fx.Store.GroupOfSlot(a, gs) < 0)
                {
                    continue;
                }

                for (var ordinal = 0; ordinal < fx.Market.MaxFuturesPerGroup; ordinal++)
                {
                    for (var set = 0; set < AccountStore.Sets; set++)
                    {
                        for (var row = 0; row < AccountStore.Rows; row++)
                        {
                            foreach (var x in fx.Store.Row(fx.Store.Block(a, gs, ordinal, set), row))
                            {
                                Assert.NotEqual(negativeZero, BitConverter.DoubleToInt64Bits(x));
                                zeros += x == 0 ? 1 : 0;
                            }
                        }
                    }
                }
            }
        }

        Assert.True(zeros > 10_000, "zero cells seen: " + zeros);
    }

    // Every set of every group slot of the account against the definition; returns how many sets held
    // two or more instruments.
    private static int AssertRowsAreSlotOrderSums(AccountStore store, int account, int step)
    {
        var market = store.Market;
        var shared = 0;
        for (var gs = 0; gs < store.MaxGroupsPerAccount; gs++)
        {
            var group = store.GroupOfSlot(account, gs);
            if (group < 0)
            {
                continue;
            }

            var n = market.GroupStride(group);
            for (var ordinal = 0; ordinal < market.MaxFuturesPerGroup; ordinal++)
            {
                for (var set = 0; set < AccountStore.Sets; set++)
                {
                    var rows = new double[AccountStore.Rows * n];
                    double delta = 0, gamma = 0, vega = 0, value = 0, de = 0, deSlope = 0, deVolSlope = 0;
                    var count = 0;
                    for (var k = 0; k < store.SlotCount(account); k++)
                    {
                        var i = store.SlotInstrument(account, k);
                        if (market.Instruments[i].Group != group || market.FutureOrdinal(i) != ordinal)
                        {
                            continue;
                        }

                        long quantity = set switch
                        {
                            0 => store.Position(account, i),
                            1 => store.Working(account, i, OrderSide.Buy),
                            _ => -store.Working(account, i, OrderSide.Sell),
                        };
                        if (quantity == 0)
                        {
                            continue;
                        }

                        count++;
                        double q = quantity;
                        var anchor = new ReadOnlySpan<double>(market.Rows, market.RowsOffset(i), AccountStore.Rows * n);
                        for (var e = 0; e < rows.Length; e++)
                        {
                            rows[e] += anchor[e] * q;
                        }

                        delta += q * market.CentreDelta(i);
                        gamma += q * market.CentreGamma(i);
                        vega += q * market.CentreVega(i);
                        value += q * market.CentreValue(i);
                        de += q * market.DeltaEquivalent(i);
                        deSlope += q * market.DeltaEquivalentSlope(i);
                        deVolSlope += q * market.DeltaEquivalentVolSlope(i);
                    }

                    var block = store.Block(account, gs, ordinal, set);
                    Assert.Equal(count, store.SetCount(block));
                    for (var row = 0; row < AccountStore.Rows; row++)
                    {
                        var actual = store.Row(block, row);
                        for (var e = 0; e < n; e++)
                        {
                            Bits(rows[row * n + e], actual[e], step, "row " + row + " node " + e);
                        }
                    }

                    var sums = store.Sums(block);
                    Bits(delta, sums.Delta, step, "delta");
                    Bits(gamma, sums.Gamma, step, "gamma");
                    Bits(vega, sums.Vega, step, "vega");
                    Bits(value, sums.Value, step, "value");
                    Bits(de, sums.DeltaEquivalent, step, "delta equivalent");
                    Bits(deSlope, sums.DeltaEquivalentSlope, step, "delta equivalent slope");
                    Bits(deVolSlope, sums.DeltaEquivalentVolSlope, step, "delta equivalent vol slope");
                    shared += count >= 2 ? 1 : 0;
                }
            }
        }

        return shared;
    }

    private static void Bits(double expected, double actual, int step, string what)
    {
        Assert.True(
            BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            "step " + step + ", " + what + ": " + expected.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + " vs " + actual.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }
}
