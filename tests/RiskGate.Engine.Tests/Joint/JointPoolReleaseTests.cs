using RiskGate.Engine.Checks;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Orders;
using RiskGate.Engine.State;
using static RiskGate.Engine.Tests.Joint.JointEngineFixture;

namespace RiskGate.Engine.Tests.Joint;

/// <summary>
/// The joint (ES) pool gives a slot back when its account no longer holds or works an ES-group
/// instrument, and a reused slot behaves exactly as a never-used one. Oracles: the same sequence with
/// slots kept for ever (<see cref="JointIncrementalMargin.KeepIdleSlots"/>, the former pool), a pool as
/// large as the account count, a fresh engine, and full revaluation (<see cref="JointEngineFixture.FullJoint"/>).
/// </summary>
public class JointPoolReleaseTests
{
    private const double Tolerance = 1e-9;
    private const int ChurnPool = 4;
    private const int ChurnAccounts = 40;
    private const int SessionAccounts = 60;
    private const int SessionPool = 3;
    private const int ReturningPool = 2;

    [Theory]
    [InlineData(false, 0)] // why: released slots serve ten times the pool's accounts
    [InlineData(true, ChurnAccounts - ChurnPool)] // why: the former keep-for-ever pool rejects every account past its capacity, so the churn can fail
    public void Churn_TenTimesPoolAccountsOpenThenClose_RejectsOnlyWithoutRelease(bool keepIdleSlots, int expectedRejects)
    {
        var f = new JointEngineFixture(pool: ChurnPool, accounts: ChurnAccounts, scenarios: 250);
        var joint = f.Engine.JointMargin!;
        joint.KeepIdleSlots = keepIdleSlots;
        var rejects = 0;
        var opened = new bool[ChurnAccounts];

        for (var k = 0; k < ChurnAccounts + ChurnPool - 1; k++)
        {
            if (k < ChurnAccounts)
            {
                var d = Open(f, k);
                opened[k] = d.Accepted;
                rejects += d.Reason == RejectCode.CapacityExhausted ? 1 : 0;
                Assert.True(d.Accepted || d.Reason == RejectCode.CapacityExhausted, "account " + k + ": " + d.Reason);
            }

            // At most ChurnPool accounts hold an ES order at once: k−3 .. k.
            var closing = k - (ChurnPool - 1);
            if (closing >= 0 && opened[closing])
            {
                Assert.True(Close(f, closing), "account " + closing + " closed");
            }
        }

        Assert.Equal(expectedRejects, rejects);
        Assert.Equal(expectedRejects, joint.PoolExhaustions);
        Assert.Equal(ChurnPool, joint.PoolHighWater);
        Assert.Equal(keepIdleSlots ? ChurnPool : 0, joint.PoolUsed);
        Assert.Equal(keepIdleSlots ? 0 : ChurnAccounts, joint.PoolReleases);
        for (var slot = 0; slot < ChurnPool; slot++)
        {
            Assert.Equal(!keepIdleSlots, joint.IsPristine(slot));
        }
    }

    [Fact]
    public void Churn_AfterWarmUp_AllocatesNothing()
    {
        var f = new JointEngineFixture(pool: ChurnPool, accounts: ChurnAccounts, scenarios: 500);
        var joint = f.Engine.JointMargin!;
        var k = 0;
        var failures = 0;
        void Step()
        {
            failures += Open(f, k % ChurnAccounts).Accepted && Close(f, (k - (ChurnPool - 1)) % ChurnAccounts) ? 0 : 1;
            k++;
        }

        for (var n = 0; n < ChurnPool - 1; n++)
        {
            Assert.True(Open(f, k++).Accepted);
        }

        // Warm-up: every account through every way of closing, ten times.
        for (var n = 0; n < 10 * ChurnAccounts; n++)
        {
            Step();
        }

        var releases = joint.PoolReleases;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var n = 0; n < 10_000; n++)
        {
            Step();
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(0, failures);
        Assert.Equal(releases + 10_000, joint.PoolReleases);
        Assert.Equal(ChurnPool - 1, joint.PoolUsed);
        Assert.Equal(0, joint.PoolExhaustions);
    }

    [Theory]
    [InlineData(11)] // why: seeds interleave arrivals, partial fills, cancels, direct fills and re-anchoring ticks differently
    [InlineData(12)]
    public void RandomSession_SmallPoolReusingSlots_BitForBitEqualsPoolOfEveryAccount(int seed)
    {
        var small = new JointEngineFixture(pool: SessionPool, accounts: SessionAccounts, scenarios: 250, shortOptionMinimum: 40);
        var large = new JointEngineFixture(pool: 64, accounts: SessionAccounts, scenarios: 250, shortOptionMinimum: 40);
        large.Engine.JointMargin!.KeepIdleSlots = true; // every account its own never-used slot
        var rng = new Random(seed);
        var traded = new List<uint> { EsZ, NqZ, small.EsOptions[5], small.EsOptions[8], small.NqOptions[3], small.NqOptions[6] };
        var working = new List<(uint Account, ulong Id, uint Instrument, OrderSide Side)>();
        var active = new List<uint>();
        var ops = new int[SessionAccounts + 1];
        uint next = 1;
        ulong nextId = 1;
        double es = 6000, nq = 21000;
        var step = 0;
        var reusedChecks = 0;
        var owners = new uint[SessionPool];
        var onReusedSlot = new HashSet<uint>();

        void Both(Func<JointEngineFixture, EngineDecision> run, string what)
        {
            var x = run(small);
            var y = run(large);
            Assert.True(x.Reason != RejectCode.CapacityExhausted, what + ": the small pool was sized for the concurrent accounts");
            AssertSame(y, x, what);
        }

        while (next <= SessionAccounts || active.Count > 0)
        {
            step++;
            var action = rng.Next(20);
            if (next <= SessionAccounts && (active.Count == 0 || (active.Count < SessionPool && action < 3)))
            {
                // Arrival: a base position in an instrument the random orders never touch, so the account
                // is never idle before it retires (the large pool keeps idle slots, the small one does not).
                var account = next++;
                var baseQuantity = 1 + rng.Next(3);
                active.Add(account);
                Both(g => g.Fill(account, g.NqOptions[0], OrderSide.Sell, baseQuantity), "arrival " + account);
                continue;
            }

            var a = active[rng.Next(active.Count)];
            if (action == 3)
            {
                es = Math.Round(es * (1 + 0.08 * (rng.NextDouble() - 0.5)) / 0.25) * 0.25;
                nq = Math.Round(nq * (1 + 0.08 * (rng.NextDouble() - 0.5)) / 0.25) * 0.25;
                small.Tick(EsZ, es);
                large.Tick(EsZ, es);
                small.Tick(NqZ, nq);
                large.Tick(NqZ, nq);
            }
            else if (action == 4 && ops[a] > 8)
            {
                Retire(a);
                active.Remove(a);
                continue;
            }
            else if (action < 12)
            {
                var inst = traded[rng.Next(traded.Count)];
                var side = rng.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
                var id = nextId++;
                var q = 1 + rng.Next(5);
                var x = small.New(a, inst, id, side, q);
                AssertSame(large.New(a, inst, id, side, q), x, "step " + step + " new");
                if (x.Accepted)
                {
                    working.Add((a, id, inst, side));
                }
            }
            else if (action < 16 && Pick(a) is var k and >= 0)
            {
                var w = working[k];
                var leaves = small.Engine.Orders[small.Engine.Orders.Find(small.Engine.AccountIndex(a), w.Id)].Leaves;
                var q = 1 + rng.Next((int)leaves);
                Both(g => g.Fill(a, w.Instrument, w.Side, q, w.Id), "step " + step + " fill");
                if (q == leaves)
                {
                    working.RemoveAt(k);
                }
            }
            else if (action < 18 && Pick(a) is var c and >= 0)
            {
                Both(g => g.Cancel(a, working[c].Id), "step " + step + " cancel");
                working.RemoveAt(c);
            }
            else
            {
                var inst = traded[rng.Next(traded.Count)];
                var side = rng.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
                var q = 1 + rng.Next(3);
                Both(g => g.Fill(a, inst, side, q), "step " + step + " direct fill");
            }

            ops[a]++;
            CompareAccount(a);
        }

        var smallPool = small.Engine.JointMargin!;
        var largePool = large.Engine.JointMargin!;
        Assert.Equal(SessionAccounts, smallPool.PoolReleases);
        Assert.Equal(0, smallPool.PoolUsed);
        Assert.True(smallPool.PoolHighWater <= SessionPool, "high water " + smallPool.PoolHighWater);
        Assert.Equal(SessionAccounts, largePool.PoolHighWater);
        Assert.Equal(0, largePool.PoolReleases);
        Assert.True(reusedChecks > 200, "checks on a slot another account held before: " + reusedChecks);

        int Pick(uint account)
        {
            var found = -1;
            var seen = 0;
            for (var k = 0; k < working.Count; k++)
            {
                if (working[k].Account == account && rng.Next(++seen) == 0)
                {
                    found = k;
                }
            }

            return found;
        }

        void Retire(uint account)
        {
            for (var k = working.Count - 1; k >= 0; k--)
            {
                if (working[k].Account == account)
                {
                    var id = working[k].Id;
                    Both(g => g.Cancel(account, id), "retire " + account + " cancel");
                    working.RemoveAt(k);
                }
            }

            var store = small.Engine.Store!;
            var ai = small.Engine.AccountIndex(account);
            while (store.SlotCount(ai) > 0)
            {
                var i = store.SlotInstrument(ai, 0);
                var position = store.Position(ai, i);
                var id = ExternalId(small, i);
                Both(g => g.Fill(account, id, position > 0 ? OrderSide.Sell : OrderSide.Buy, Math.Abs(position)), "retire " + account + " close");
            }

            Assert.False(small.Engine.JointMargin!.HasSlot(ai), "released on retirement");
            Assert.True(large.Engine.JointMargin!.HasSlot(ai), "kept by the former pool");
        }

        void CompareAccount(uint account)
        {
            var ai = small.Engine.AccountIndex(account);
            var s = small.Engine.JointMargin!;
            var l = large.Engine.JointMargin!;
            Assert.True(s.Evaluate(ai, -1, 0, out var sb, out _, out _));
            Assert.True(l.Evaluate(ai, -1, 0, out var lb, out _, out _));
            AssertBits(lb, sb, "step " + step + " account " + account + " requirement");
            var i = small.Index(traded[rng.Next(traded.Count)]);
            var q = (long)(1 + rng.Next(6)) * (rng.Next(2) == 0 ? 1 : -1);
            Assert.True(s.Evaluate(ai, i, q, out _, out var sa, out _));
            Assert.True(l.Evaluate(ai, i, q, out _, out var la, out _));
            AssertBits(la, sa, "step " + step + " account " + account + " check");
            var slot = s.SlotOf(ai);
            if (owners[slot] != 0 && owners[slot] != account)
            {
                onReusedSlot.Add(account);
            }

            owners[slot] = account;
            reusedChecks += onReusedSlot.Contains(account) ? 1 : 0;
        }
    }

    [Theory]
    [InlineData(21)] // why: seeds give different idle points (an account's last order cancelled or filled flat) and returns
    [InlineData(22)]
    public void RandomSession_AccountsIdleAndReturning_IncrementalEqualsFullRevaluation(int seed)
    {
        var f = new JointEngineFixture(pool: ReturningPool, accounts: 8, scenarios: 250, shortOptionMinimum: 40);
        var e = f.Engine;
        var joint = e.JointMargin!;
        var rng = new Random(seed);
        var traded = new List<uint> { EsZ, NqZ, f.EsOptions[4], f.EsOptions[9], f.NqOptions[2], f.NqOptions[7] };
        var working = new List<(uint Account, ulong Id, uint Instrument, OrderSide Side)>();
        var active = new List<uint> { 1, 2 };
        var owners = new int[ReturningPool];
        owners.AsSpan().Fill(-1);
        ulong nextId = 1;
        var reused = 0;
        for (var step = 0; step < 600; step++)
        {
            if (step % 40 == 39)
            {
                // One active account flattens and leaves; an idle one (possibly a returning one) takes its place.
                var leaving = active[rng.Next(active.Count)];
                Flatten(f, working, leaving);
                Assert.False(joint.HasSlot(e.AccountIndex(leaving)), "step " + step + ": released when flat");
                active.Remove(leaving);
                uint joining;
                do
                {
                    joining = (uint)rng.Next(1, 9);
                }
                while (active.Contains(joining) || joining == leaving);

                active.Add(joining);
            }

            var account = active[rng.Next(active.Count)];
            var op = rng.Next(10);
            var k = working.FindIndex(w => w.Account == account);
            if (op < 5 || k < 0)
            {
                var id = nextId++;
                var inst = traded[rng.Next(traded.Count)];
                var side = rng.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
                Ok(f.New(account, inst, id, side, rng.Next(1, 5)));
                working.Add((account, id, inst, side));
            }
            else if (op < 7)
            {
                var w = working[k];
                var leaves = e.Orders[e.Orders.Find(e.AccountIndex(account), w.Id)].Leaves;
                var d = f.Fill(account, w.Instrument, w.Side, rng.Next(1, (int)leaves + 1), w.Id);
                Ok(d);
                if (d.LeavesQuantity == 0)
                {
                    working.RemoveAt(k);
                }
            }
            else
            {
                // Cancel (often the account's last order: it goes idle and its slot back to the pool).
                Ok(f.Cancel(account, working[k].Id));
                working.RemoveAt(k);
            }

            var a = e.AccountIndex(account);
            Assert.True(joint.PoolUsed <= ReturningPool);
            Assert.True(joint.Evaluate(a, -1, 0, out var before, out _, out _));
            AssertClose(f.FullJointWorse(account), before, "step " + step + " before");
            var i = f.Index(traded[rng.Next(traded.Count)]);
            var q = (long)rng.Next(1, 8) * (rng.Next(2) == 0 ? 1 : -1);
            Assert.True(joint.Evaluate(a, i, q, out _, out var after, out _));
            var full = f.HasWorking(account)
                ? Math.Max(f.FullJoint(account, q > 0 ? 1 : 2, i, q), f.FullJoint(account, q > 0 ? 2 : 1))
                : f.FullJoint(account, 0, i, q);
            AssertClose(full, after, "step " + step + " after");

            // A direct Evaluate with an order is a what-if check: give back what it took, as the engine does.
            joint.ReleaseIfIdle(a);
            var slot = joint.SlotOf(a);
            if (slot >= 0)
            {
                reused += owners[slot] >= 0 && owners[slot] != a ? 1 : 0;
                owners[slot] = a;
            }
        }

        Assert.Equal(0, joint.PoolExhaustions);
        Assert.True(joint.PoolReleases > 20, "releases " + joint.PoolReleases);
        Assert.True(reused > 10, "evaluations on a slot another account held before: " + reused);
    }

    [Fact]
    public void ReleasedAccount_ComesBack_BitForBitAFreshAccount()
    {
        var used = new JointEngineFixture(pool: 1, shortOptionMinimum: 40);
        var fresh = new JointEngineFixture(pool: 1, shortOptionMinimum: 40);
        var joint = used.Engine.JointMargin!;

        // Account 1 trades and goes flat, account 2 takes the slot and goes flat, account 1 comes back.
        Ok(used.Fill(1, used.NqOptions[4], OrderSide.Sell, 3));
        Ok(used.New(1, NqZ, 1, OrderSide.Buy, 2));
        Ok(used.Fill(1, EsZ, OrderSide.Buy, 4));
        Ok(used.Cancel(1, 1));
        Ok(used.Fill(1, used.NqOptions[4], OrderSide.Buy, 3));
        Assert.True(joint.HasSlot(used.Engine.AccountIndex(1)), "still long ES");
        Ok(used.Fill(1, EsZ, OrderSide.Sell, 4));
        Assert.False(joint.HasSlot(used.Engine.AccountIndex(1)));
        Ok(used.New(2, used.EsOptions[3], 1, OrderSide.Sell, 5));
        Ok(used.Fill(2, used.EsOptions[3], OrderSide.Sell, 5, 1));
        Ok(used.Fill(2, used.EsOptions[3], OrderSide.Buy, 5));
        Assert.Equal(0, joint.PoolUsed);
        Assert.True(joint.IsPristine(0));

        foreach (var g in new[] { used, fresh })
        {
            Ok(g.Fill(1, g.EsOptions[6], OrderSide.Sell, 4));
            Ok(g.New(1, NqZ, 7, OrderSide.Sell, 2));
            Ok(g.New(1, g.NqOptions[5], 8, OrderSide.Buy, 3));
            Ok(g.Fill(1, NqZ, OrderSide.Sell, 1, 7));
        }

        var a = used.Engine.AccountIndex(1);
        Assert.Equal(0, joint.SlotOf(a));
        Assert.Equal(2, joint.PoolReleases);
        var sv = new double[used.Set.Count];
        var fv = new double[fresh.Set.Count];
        for (var combo = 0; combo < 3; combo++)
        {
            Assert.True(joint.CopyLosses(a, combo, sv));
            Assert.True(fresh.Engine.JointMargin!.CopyLosses(a, combo, fv));
            for (var s = 0; s < sv.Length; s++)
            {
                AssertBits(fv[s], sv[s], "combo " + combo + " scenario " + s);
            }
        }

        foreach (var (inst, q) in new[] { (NqZ, 3L), (EsZ, -2L), (used.NqOptions[5], -4L), (used.EsOptions[6], 4L) })
        {
            var i = used.Index(inst);
            Assert.True(joint.Evaluate(a, i, q, out var ub, out var ua, out _));
            Assert.True(fresh.Engine.JointMargin!.Evaluate(a, i, q, out var fb, out var fa, out _));
            AssertBits(fb, ub, "before");
            AssertBits(fa, ua, "after " + q + " of " + inst);
        }

        Assert.True(joint.Evaluate(a, -1, 0, out var requirement, out _, out _));
        AssertClose(used.FullJointWorse(1), requirement, "full revaluation");
    }

    [Fact]
    public void NewOrder_RejectedForMargin_SlotTakenForTheCheckIsReleased()
    {
        var f = new JointEngineFixture(pool: 1, cash: 1_000);
        var joint = f.Engine.JointMargin!;

        var invalid = f.New(3, NqZ, 1, OrderSide.Buy, 0);
        Assert.Equal(0, joint.PoolHighWater); // a check refused before the margin step takes no slot
        var rejected = f.New(1, NqZ, 1, OrderSide.Buy, 20);

        Assert.Equal(RejectCode.InvalidQuantity, invalid.Reason);
        Assert.Equal(RejectCode.InsufficientMargin, rejected.Reason);
        Assert.True(rejected.InitialAfter > 0, "the ES part was computed for the decision");
        Assert.False(joint.HasSlot(f.Engine.AccountIndex(1)));
        Assert.Equal(0, joint.PoolUsed);
        Assert.Equal(1, joint.PoolHighWater);
        Assert.Equal(1, joint.PoolReleases);
        Assert.True(joint.IsPristine(0));

        // The only slot is free for the next account; while that one works an order, a third is refused.
        Ok(f.Engine.OnCollateral(f.Seq(), f.Time += 1_000, 2, CollateralAction.Set, 1e9));
        Ok(f.New(2, NqZ, 1, OrderSide.Buy, 20));
        Assert.Equal(0, joint.SlotOf(f.Engine.AccountIndex(2)));
        Ok(f.Engine.OnCollateral(f.Seq(), f.Time += 1_000, 1, CollateralAction.Set, 1e9));
        Assert.Equal(RejectCode.CapacityExhausted, f.New(1, NqZ, 2, OrderSide.Buy, 1).Reason);
        Assert.Equal(1, joint.PoolExhaustions);
        Assert.Equal(1, joint.PoolUsed);
    }

    [Fact]
    public void NewOrder_IocOnFlatAccount_KeepsSlotForItsFillThenReleasesWhenFlat()
    {
        var f = new JointEngineFixture(pool: 1);
        var joint = f.Engine.JointMargin!;
        var a = f.Engine.AccountIndex(1);
        var option = f.NqOptions[5];

        Ok(f.Engine.OnNewOrder(f.Order(1, option, 1, OrderSide.Buy, 3, f.Price(option), TimeInForce.ImmediateOrCancel)));
        Assert.True(joint.HasSlot(a), "reserved for the IOC's fill");
        Assert.Equal(RejectCode.CapacityExhausted, f.New(2, NqZ, 1, OrderSide.Buy, 1).Reason);

        Ok(f.Fill(1, option, OrderSide.Buy, 3));
        Assert.True(joint.Evaluate(a, -1, 0, out var held, out _, out _));
        AssertClose(f.FullJoint(1, 0), held, "after the fill");
        Ok(f.Fill(1, option, OrderSide.Sell, 3));
        Assert.False(joint.HasSlot(a), "flat after the closing fill");
        Assert.Equal(1, joint.PoolReleases);

        // An IOC that never fills: the slot goes back at the end of the account's next emptying event.
        Ok(f.Engine.OnNewOrder(f.Order(1, option, 2, OrderSide.Sell, 1, f.Price(option), TimeInForce.FillOrKill)));
        Assert.True(joint.HasSlot(a));
        Ok(f.New(1, NqZ, 3, OrderSide.Buy, 1));
        Ok(f.Cancel(1, 3));
        Assert.False(joint.HasSlot(a));
        Assert.Equal(2, joint.PoolReleases);
        Assert.True(joint.IsPristine(0));
    }

    [Fact]
    public void KillSwitchCancel_SlotBuiltBeforeReanchor_ReusedAtNewAnchorEqualsFullRevaluation()
    {
        var f = new JointEngineFixture(pool: 1, shortOptionMinimum: 40);
        var e = f.Engine;
        var joint = e.JointMargin!;
        Ok(f.New(1, f.NqOptions[6], 1, OrderSide.Sell, 6));
        Ok(f.New(1, NqZ, 2, OrderSide.Buy, 2));
        var epoch = joint.Epoch;
        var limit = e.Market!.DriftLimit(f.Index(NqZ));
        f.Tick(NqZ, 21000 + Math.Round(2 * limit / 0.25) * 0.25);
        Assert.True(joint.Epoch > epoch, "the NQ group re-anchored");

        // The kill switch cancels both orders: the slot goes back still built at the old anchor.
        Ok(e.OnTradingControl(f.Seq(), f.Time += 1_000, ControlScope.Account, 1, -1, TradingState.Active, cancelOrders: true));
        Assert.False(joint.HasSlot(e.AccountIndex(1)));
        Assert.True(joint.IsPristine(0));

        Ok(f.Fill(2, f.NqOptions[6], OrderSide.Sell, 6));
        Ok(f.New(2, NqZ, 1, OrderSide.Buy, 2));
        var a = e.AccountIndex(2);
        Assert.Equal(0, joint.SlotOf(a));
        Assert.True(joint.Evaluate(a, -1, 0, out var requirement, out _, out _));
        AssertClose(f.FullJointWorse(2), requirement, "reused slot at the new anchor");
    }

    [Fact]
    public void ExpiredOrder_SlotBuiltBeforeScenarioReplacement_ReusedUnderNewSetEqualsFullRevaluation()
    {
        var f = new JointEngineFixture(pool: 1, rho: 0.0);
        var e = f.Engine;
        var joint = e.JointMargin!;
        var gtd = f.Order(1, NqZ, 1, OrderSide.Sell, 4, f.Price(NqZ), TimeInForce.GoodTillDate);
        gtd.ExpireTime = gtd.Timestamp + 5_000;
        Ok(e.OnNewOrder(gtd));
        Assert.True(joint.Evaluate(e.AccountIndex(1), -1, 0, out _, out _, out _));
        var set = JointEngineFixture.Scenarios(0.9, 800, seed: 5);
        e.ReplaceJointScenarios(set);
        f.Set = set;

        // Past its expiry (engine time moves with market data, never with a cancel's stamp) the order
        // leaves the book on its next touch: the cancel finds it expired.
        f.Time += 10_000;
        f.Tick(NqZ, f.Price(NqZ));
        Assert.Equal(RejectCode.UnknownOrder, f.Cancel(1, 1, NqZ).Reason);
        Assert.False(joint.HasSlot(e.AccountIndex(1)));
        Assert.True(joint.IsPristine(0));

        Ok(f.Fill(2, EsZ, OrderSide.Buy, 7));
        Ok(f.Fill(2, NqZ, OrderSide.Sell, 5));
        Assert.True(joint.Evaluate(e.AccountIndex(2), -1, 0, out var requirement, out _, out _));
        AssertClose(f.FullJoint(2, 0), requirement, "reused slot under the new set");
    }

    // Account k (1-based id k + 1) works 2 of an ES-group future or option.
    [Fact]
    public void Withdrawal_EsHoldingWithoutSlotWhilePoolFull_FailsClosedUntilASlotIsFree()
    {
        var f = new JointEngineFixture(pool: 1, accounts: 3, scenarios: 250);
        Ok(f.New(1, NqZ, 1, OrderSide.Buy, 2)); // why: account 1 takes the only slot
        Ok(f.Fill(2, NqZ, OrderSide.Buy, 1)); // why: a fill is never refused, but account 2 gets no slot for it
        Assert.False(f.Engine.JointMargin!.HasSlot(f.Engine.AccountIndex(2)));

        var withdraw = f.Engine.OnCollateral(f.Seq(), f.Time += 1_000, 2, CollateralAction.Withdraw, 1);
        Assert.Equal(RejectCode.CapacityExhausted, withdraw.Reason); // why: the ES part of its requirement is unknown; the scan part alone would let cash out

        Ok(f.Cancel(1, 1)); // why: account 1 goes flat and gives the slot back
        Ok(f.Engine.OnCollateral(f.Seq(), f.Time += 1_000, 2, CollateralAction.Withdraw, 1));
        Assert.True(f.Engine.JointMargin!.HasSlot(f.Engine.AccountIndex(2)));
    }

    private static EngineDecision Open(JointEngineFixture f, int k)
    {
        var instrument = k % 2 == 0 ? NqZ : f.NqOptions[5];
        return f.New((uint)k + 1, instrument, 1, OrderSide.Buy, 2);
    }

    // Takes account k back to flat three ways: cancel; fill in full then close by a trade; kill switch.
    // Returns whether every step was accepted (no assertion message built: the churn measures allocations).
    private static bool Close(JointEngineFixture f, int k)
    {
        var account = (uint)k + 1;
        var instrument = k % 2 == 0 ? NqZ : f.NqOptions[5];
        return (k % 3) switch
        {
            0 => f.Cancel(account, 1, instrument).Accepted,
            1 => f.Fill(account, instrument, OrderSide.Buy, 2, 1).Accepted & f.Fill(account, instrument, OrderSide.Sell, 2).Accepted,
            _ => f.Engine.OnTradingControl(f.Seq(), f.Time += 1_000, ControlScope.Account, account, -1, TradingState.Active, cancelOrders: true).Accepted,
        };
    }

    private static void Flatten(JointEngineFixture f, List<(uint Account, ulong Id, uint Instrument, OrderSide Side)> working, uint account)
    {
        for (var k = working.Count - 1; k >= 0; k--)
        {
            if (working[k].Account == account)
            {
                Ok(f.Cancel(account, working[k].Id));
                working.RemoveAt(k);
            }
        }

        var store = f.Engine.Store!;
        var a = f.Engine.AccountIndex(account);
        while (store.SlotCount(a) > 0)
        {
            var i = store.SlotInstrument(a, 0);
            var position = store.Position(a, i);
            Ok(f.Fill(account, ExternalId(f, i), position > 0 ? OrderSide.Sell : OrderSide.Buy, Math.Abs(position)));
        }
    }

    private static uint ExternalId(JointEngineFixture f, int index)
    {
        foreach (var id in f.EsOptions.Concat(f.NqOptions).Append(EsZ).Append(NqZ))
        {
            if (f.Index(id) == index)
            {
                return id;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(index));
    }

    private static void AssertSame(EngineDecision expected, EngineDecision actual, string what)
    {
        Assert.True(
            expected.Accepted == actual.Accepted && expected.Reason == actual.Reason && expected.LeavesQuantity == actual.LeavesQuantity,
            what + ": " + expected.Reason + " vs " + actual.Reason);
        AssertBits(expected.InitialBefore, actual.InitialBefore, what + " initial before");
        AssertBits(expected.InitialAfter, actual.InitialAfter, what + " initial after");
        AssertBits(expected.Equity, actual.Equity, what + " equity");
        AssertBits(expected.Excess, actual.Excess, what + " excess");
    }

    private static void AssertBits(double expected, double actual, string what)
        => Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), what + ": expected " + expected.ToString("R") + ", got " + actual.ToString("R"));

    private static void AssertClose(double expected, double actual, string what)
        => Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1.0, Math.Abs(expected)), what + ": expected " + expected + ", got " + actual);
}
