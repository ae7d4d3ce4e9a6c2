using RiskGate.Engine.State;

namespace RiskGate.Engine.Tests.Margin;

public class IncrementalAllocationTests
{
    [Fact]
    public void CheckOrderFillAndMarketUpdate_AfterWarmUp_AllocateNothing()
    {
        var book = new TestBook(spreadRate: 40, shortOptionMinimum: 150, credits: [new Engine.Margin.InterGroupCredit(0, 1, 0.5, 1, 1)]);
        var fx = new IncrementalFixture(book, accounts: 2);
        var call = book.EsOption(true, 5000);
        var put = book.NqOption(false, 18000);
        fx.Store.SetCash(0, 1e7);
        fx.Store.ApplyFill(0, call, -5, 100);
        fx.Store.ApplyFill(0, put, 3, 300);
        fx.Store.ApplyFill(0, book.EsH, 2, 5050);
        fx.Store.AddWorking(1, book.EsZ, OrderSide.Buy, 4);
        fx.Store.ApplyFill(1, call, 2, 100);

        var checks = 0L;
        var updates = 0L;
        Run(fx, book, call, 1_000, ref checks, ref updates);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(fx, book, call, 10_000, ref checks, ref updates);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(checks > 0 && updates > 0);
    }

    private static void Run(IncrementalFixture fx, TestBook book, int call, int count, ref long checks, ref long updates)
    {
        for (var k = 0; k < count; k++)
        {
            var a = k & 1;
            var check = fx.Margin.CheckOrder(a, call, (k & 2) == 0 ? 1 : -1, 100);
            if (check.Status == StateStatus.Ok)
            {
                checks++;
            }

            if (fx.Store.ApplyFill(a, book.EsZ, (k & 4) == 0 ? 1 : -1, 5000) == StateStatus.Ok)
            {
                updates++;
            }

            // Ticks inside the drift limit, and every 500th one across it (a re-anchor plus lazy rebuilds).
            var price = k % 500 == 499 ? 5000 + (k % 1000 == 999 ? 60 : -60) : 5000 + (k % 7) * 5;
            fx.Market.SetFuturePrice(book.EsZ, price, k);
        }
    }
}
