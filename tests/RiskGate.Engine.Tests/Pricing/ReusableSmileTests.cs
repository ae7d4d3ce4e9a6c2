using RiskGate.Engine.Pricing;

namespace RiskGate.Engine.Tests.Pricing;

public sealed class ReusableSmileTests
{
    [Fact]
    public void TrySetSvi_ThenGrid_SameNumbersAsTheImmutableSmilesBitForBit()
    {
        var smile = new ReusableSmile(64);
        var svi = new SviSmile(0.24, 0.0096, 0.01, -0.3, 0.0, 0.2);
        Assert.True(smile.TrySetSvi(0.24, 0.0096, 0.01, -0.3, 0.0, 0.2).IsValid);
        AssertSame(svi, smile);

        double[] k = [-0.4, -0.2, -0.05, 0, 0.1, 0.3];
        double[] v = [0.28, 0.24, 0.215, 0.21, 0.205, 0.22];
        var grid = new GridSmile(0.5, k, v);
        Assert.True(smile.TrySetGrid(0.5, k, v).IsValid);
        AssertSame(grid, smile);
        Assert.True(smile.IsGrid);

        // Back to SVI after a grid: no trace of the grid is left.
        Assert.True(smile.TrySetSvi(0.24, 0.0096, 0.01, -0.3, 0.0, 0.2).IsValid);
        AssertSame(svi, smile);
    }

    [Fact]
    public void TrySet_InvalidParameters_ReportsTheSameErrorAndLeavesTheSmileUnchanged()
    {
        var smile = new ReusableSmile(4);
        Assert.True(smile.TrySetSvi(0.24, 0.0096, 0.01, -0.3, 0.0, 0.2).IsValid);
        var before = smile.Vol(100, 90);

        var bad = smile.TrySetSvi(0.24, 0.0096, 0.01, -1.5, 0.0, 0.2); // rho outside (−1, 1)
        Assert.Equal(SviSmile.Validate(0.24, 0.0096, 0.01, -1.5, 0.0, 0.2).Error, bad.Error);
        Assert.False(bad.IsValid);
        Assert.Equal(before, smile.Vol(100, 90));

        double[] k = [-0.1, -0.2];
        double[] v = [0.2, 0.2];
        Assert.Equal(GridSmile.Validate(0.5, k, v).Error, smile.TrySetGrid(0.5, k, v).Error); // not increasing
        Assert.Equal(SmileError.OutOfRange, smile.TrySetGrid(0.5, new double[5], new double[5]).Error); // over capacity
        Assert.False(smile.IsGrid);
        Assert.Equal(before, smile.Vol(100, 90));
    }

    [Fact]
    public void TrySet_RepeatedUpdates_AllocateNothing()
    {
        var smile = new ReusableSmile(8);
        double[] k = [-0.2, 0, 0.2];
        double[] v = [0.25, 0.2, 0.22];
        var valid = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            valid += smile.TrySetGrid(0.5, k, v).IsValid ? 1 : 0;
            valid += smile.TrySetSvi(0.24, 0.0096 + (i * 1e-9), 0.01, -0.3, 0.0, 0.2).IsValid ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - allocated);
        Assert.Equal(20_000, valid);
    }

    private static void AssertSame(VolSmile expected, ReusableSmile actual)
    {
        Assert.Equal(expected.TimeToExpiry, actual.TimeToExpiry);
        for (var strike = 40.0; strike <= 200.0; strike += 0.37)
        {
            Assert.Equal(expected.Vol(100, strike), actual.Vol(100, strike)); // exact: the same arithmetic
        }
    }
}
