using RiskGate.Engine.Pricing;

namespace RiskGate.Engine.Tests.Pricing;

public class VolSurfaceTests
{
    private const ulong March = 20270319;
    private const ulong June = 20270618;
    private const ulong September = 20270917;

    [Fact]
    public void Constructor_CalendarConsistentSmiles_LooksUpByExpiry()
    {
        var near = new SviSmile(0.25, 0.005, 0.05, -0.5, 0.0, 0.2);
        var mid = new GridSmile(0.5, [-0.5, 0.0, 0.5], [0.32, 0.26, 0.27]);
        var far = new FlatSmile(0.3, 0.75);
        var surface = new VolSurface([March, June, September], [near, mid, far]);

        Assert.Equal(3, surface.Count);
        Assert.True(surface.TryGetSmile(June, out var smile));
        Assert.Same(mid, smile);
        Assert.False(surface.TryGetSmile(20270620, out _));
        Assert.True(surface.TryGetVol(March, 100, 110, out var vol));
        Assert.Equal(near.Vol(100, 110), vol);
        Assert.False(surface.TryGetVol(1, 100, 110, out var missing));
        Assert.True(double.IsNaN(missing));
        Assert.Equal(September, surface.ExpiryAt(2));
        Assert.Same(far, surface.SmileAt(2));
    }

    [Fact]
    public void TotalVariance_BetweenExpiries_IsLinearInTime()
    {
        var near = new FlatSmile(0.2, 0.25);
        var far = new FlatSmile(0.3, 1.0);
        var surface = new VolSurface([March, September], [near, far]);
        var wNear = 0.2 * 0.2 * 0.25;
        var wFar = 0.3 * 0.3 * 1.0;
        Assert.Equal(wNear, surface.TotalVariance(0.25, 0.1), 15);
        Assert.Equal(wFar, surface.TotalVariance(1.0, 0.1), 15);
        Assert.Equal(wNear + (0.5 - 0.25) / 0.75 * (wFar - wNear), surface.TotalVariance(0.5, 0.1), 15);
        Assert.Equal(0.2, surface.Vol(0.1, 100, 120), 14); // before the first expiry: its vol
        Assert.Equal(0.3, surface.Vol(2.0, 100, 120), 14); // after the last: its vol
    }

    public static TheoryData<string, SmileError, double> Violations => new()
    {
        { "decreasing", SmileError.Calendar, 1 }, // why: the later smile has less total variance everywhere
        { "crossing", SmileError.Calendar, 1 }, // why: wings cross: far smile below near one in the left wing
        { "grid-node", SmileError.Calendar, 1 }, // why: the drop is only at a grid node off the regular check grid
        { "grid-range", SmileError.Calendar, 1 }, // why: an SVI wing above a grid inside the grid's node range
        { "unordered", SmileError.ExpiryOrder, 1 }, // why: expiry keys not increasing
        { "times", SmileError.ExpiryOrder, 1 }, // why: keys increase but the smiles' times do not
        { "empty", SmileError.BadShape, 0 }, // why: no smiles
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void Validate_Violation_ReportsErrorAndExpiryIndex(string name, SmileError error, double index)
    {
        (ulong[] expiries, VolSmile[] smiles) = name switch
        {
            "decreasing" => (new[] { March, June }, new VolSmile[] { new FlatSmile(0.4, 0.25), new FlatSmile(0.2, 0.5) }),
            "crossing" => (new[] { March, June }, new VolSmile[]
            {
                new SviSmile(0.25, 0.01, 0.2, -0.7, 0.0, 0.1),
                new SviSmile(0.5, 0.03, 0.1, 0.5, 0.0, 0.1),
            }),
            "grid-node" => (new[] { March, June }, new VolSmile[]
            {
                new GridSmile(0.25, [-0.5, 0.005, 0.5], [0.3, 0.3, 0.3]),
                new GridSmile(0.5, [-0.5, 0.005, 0.5], [0.3, 0.2, 0.3]),
            }),
            "grid-range" => (new[] { March, June }, new VolSmile[]
            {
                new SviSmile(0.25, 0.005, 0.05, -0.5, 0.0, 0.2),
                new GridSmile(0.5, [-0.5, 0.0, 0.5], [0.28, 0.26, 0.27]),
            }),
            "unordered" => (new[] { June, March }, new VolSmile[] { new FlatSmile(0.2, 0.25), new FlatSmile(0.2, 0.5) }),
            "times" => (new[] { March, June }, new VolSmile[] { new FlatSmile(0.2, 0.5), new FlatSmile(0.2, 0.25) }),
            _ => (Array.Empty<ulong>(), Array.Empty<VolSmile>()),
        };

        var validation = VolSurface.Validate(expiries, smiles);
        Assert.Equal(error, validation.Error);
        Assert.Equal(index, validation.Location);
        var exception = Assert.ThrowsAny<ArgumentException>(() => new VolSurface(expiries, smiles));
        Assert.Contains(validation.Parameter!, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GridFlatWingBelowSviWing_IsOutsideTheCheckedRange()
    {
        // Far outside the grid's nodes its flat-vol wing falls below the SVI's linear wing; the check is
        // limited to strikes the grid defines, so this consistent surface is accepted.
        var near = new SviSmile(0.25, 0.005, 0.05, -0.5, 0.0, 0.2);
        var far = new GridSmile(0.5, [-0.5, 0.0, 0.5], [0.32, 0.26, 0.27]);
        Assert.True(near.TotalVariance(-3.0) > far.TotalVariance(-3.0));
        var validation = VolSurface.Validate([March, June], [near, far]);
        Assert.True(validation.IsValid, validation.Describe());
    }

    [Fact]
    public void Validate_EqualTotalVariance_IsAllowed()
    {
        // Zero forward variance between expiries is the boundary, not arbitrage.
        var surface = VolSurface.Validate([March, June], [new FlatSmile(0.2, 0.25), new FlatSmile(0.1, 1.0)]);
        Assert.True(surface.IsValid, surface.Describe());
    }

    [Fact]
    public void TryWith_NewExpiry_InsertsInOrderAndLeavesOriginalUnchanged()
    {
        var surface = new VolSurface([March, September], [new FlatSmile(0.2, 0.25), new FlatSmile(0.2, 0.75)]);
        var june = new FlatSmile(0.2, 0.5);
        var validation = surface.TryWith(June, june, out var updated);
        Assert.True(validation.IsValid, validation.Describe());
        Assert.NotNull(updated);
        Assert.Equal(3, updated.Count);
        Assert.Equal(June, updated.ExpiryAt(1));
        Assert.Same(june, updated.SmileAt(1));
        Assert.Equal(2, surface.Count);
        Assert.False(surface.TryGetSmile(June, out _));
    }

    [Fact]
    public void TryWith_ExistingExpiry_ReplacesTheSmile()
    {
        var surface = new VolSurface([March, June], [new FlatSmile(0.2, 0.25), new FlatSmile(0.2, 0.5)]);
        var replacement = new FlatSmile(0.25, 0.5);
        Assert.True(surface.TryWith(June, replacement, out var updated).IsValid);
        Assert.Equal(2, updated!.Count);
        Assert.True(updated.TryGetSmile(June, out var smile));
        Assert.Same(replacement, smile);
    }

    [Fact]
    public void TryWith_CalendarArbitrage_RejectsWithReasonAndNoSurface()
    {
        // why: a June smile with less total variance than March's
        var surface = new VolSurface([March, September], [new FlatSmile(0.4, 0.25), new FlatSmile(0.4, 0.75)]);
        var validation = surface.TryWith(June, new FlatSmile(0.1, 0.5), out var updated);
        Assert.Equal(SmileError.Calendar, validation.Error);
        Assert.Null(updated);
        Assert.Equal(2, surface.Count);
    }

    [Fact]
    public void TryCreate_Invalid_ReturnsReasonWithoutThrowing()
    {
        var validation = VolSurface.TryCreate([June, March], [new FlatSmile(0.2, 0.25), new FlatSmile(0.2, 0.5)], out var surface);
        Assert.Equal(SmileError.ExpiryOrder, validation.Error);
        Assert.Null(surface);
        Assert.True(VolSurface.TryCreate([March], [new FlatSmile(0.2, 0.25)], out surface).IsValid);
        Assert.NotNull(surface);
    }
}
