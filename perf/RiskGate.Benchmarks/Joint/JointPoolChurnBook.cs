using RiskGate.Engine;
using RiskGate.Engine.Checks;
using RiskGate.Engine.Orders;
using RiskGate.Engine.State;

namespace RiskGate.Benchmarks.Joint;

/// <summary>
/// The accounts of <c>JointPoolChurnBenchmarks</c> on a <see cref="JointEngineBook"/>: <see cref="Rotation"/>
/// flat accounts from <see cref="FirstFlat"/> and as many from <see cref="FirstHolding"/> that hold one
/// ES future each, all with 1e8 cash; a round is a GTC buy of 2 NQ then its cancel. Twin: JointPoolChurnBenchmarkTwinTests.
/// </summary>
public static class JointPoolChurnBook
{
    /// <summary>Accounts per side.</summary>
    public const int Rotation = 28;

    /// <summary>First flat account id (the book's accounts 1–4 are left alone).</summary>
    public const uint FirstFlat = 5;

    /// <summary>First holding account id.</summary>
    public const uint FirstHolding = FirstFlat + Rotation;

    /// <summary>Enables the rotation accounts (1e8 cash) and gives each holding account one ES future; returns the order to rotate.</summary>
    public static OrderRequest Prepare(JointEngineBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        var engine = book.Engine;
        for (var a = FirstFlat; a < FirstHolding + Rotation; a++)
        {
            Expect(engine.OnAccountLimits(book.Seq(), 0, a, true, OrderLimits.UseDefaults).Reason);
            Expect(engine.OnCollateral(book.Seq(), 0, a, CollateralAction.Set, 1e8).Reason);
            if (a >= FirstHolding)
            {
                Expect(engine.OnFill(book.Seq(), book.Time += 1_000, a, 0, JointEngineBook.EsZ, OrderSide.Buy, 1, book.PriceOf(JointEngineBook.EsZ)).Reason);
            }
        }

        var order = book.Order(JointEngineBook.NqZ, 1, OrderSide.Buy, 2, TimeInForce.GoodTillCancel);
        return order;
    }

    /// <summary>One round: the order on <paramref name="account"/>, then its cancel. Returns the first reject, or None.</summary>
    public static RejectCode OpenCancel(JointEngineBook book, ref OrderRequest order, uint account)
    {
        ArgumentNullException.ThrowIfNull(book);
        order.AccountId = account;
        order.Sequence = book.Seq();
        order.Timestamp = book.Time += 1_000;
        var d = book.Engine.OnNewOrder(order);
        return d.Accepted ? book.Engine.OnCancelOrder(book.Seq(), book.Time += 1_000, account, order.ClientOrderId, order.InstrumentId).Reason : d.Reason;
    }

    private static void Expect(RejectCode actual)
    {
        if (actual != RejectCode.None)
        {
            throw new InvalidOperationException("book set-up step returned " + actual + ", expected an accept.");
        }
    }
}
