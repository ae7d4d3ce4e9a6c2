using RiskGate.Engine.Orders;

namespace RiskGate.Engine.Tests.Orders;

/// <summary>The order pool and its (account, id) table against a dictionary under random adds and removes.</summary>
public sealed class OrderBookTests
{
    [Fact]
    public void AddFindRemove_RandomOperations_MatchDictionary()
    {
        var book = new OrderBook(256, 8);
        var model = new Dictionary<(int, ulong), int>();
        var random = new Random(7);
        for (var step = 0; step < 200_000; step++)
        {
            var account = random.Next(8);
            var id = (ulong)random.Next(1, 64) * 0x1_0000_0001UL; // clustered ids stress probing
            var key = (account, id);
            var slot = book.Find(account, id);
            Assert.Equal(model.TryGetValue(key, out var expected) ? expected : -1, slot);
            if (slot >= 0 && random.Next(2) == 0)
            {
                book.Remove(slot);
                model.Remove(key);
            }
            else if (slot < 0)
            {
                var added = book.Add(account, id);
                if (model.Count == book.Capacity)
                {
                    Assert.Equal(-1, added); // why: a full pool refuses, it never grows
                }
                else
                {
                    Assert.True(added >= 0);
                    model[key] = added;
                }
            }

            Assert.Equal(model.Count, book.Count);
        }

        for (var a = 0; a < 8; a++)
        {
            var n = 0;
            for (var s = book.FirstOfAccount(a); s >= 0; s = book.NextInAccount(s))
            {
                Assert.Equal(a, book[s].Account);
                n++;
            }

            Assert.Equal(model.Keys.Count(k => k.Item1 == a), n);
            Assert.Equal(n, book.AccountCount(a));
        }
    }

    [Fact]
    public void Rename_KeepsSlotAndMovesKey()
    {
        var book = new OrderBook(4, 2);
        var slot = book.Add(1, 10);
        book.Rename(slot, 11);
        Assert.Equal(-1, book.Find(1, 10));
        Assert.Equal(slot, book.Find(1, 11));
        Assert.Equal(-1, book.Find(0, 11)); // why: ids are per account
    }
}
