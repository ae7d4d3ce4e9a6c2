using RiskGate.Engine.Pricing;

namespace RiskGate.Engine.Tests.Pricing;

public class Black76Tests
{
    [Fact]
    public void Price_HaugExample_CallEqualsPutAtTheMoney()
    {
        // Haug, "The Complete Guide to Option Pricing Formulas": F = K = 19, T = 0.75, r = 10%, σ = 28%.
        var call = Black76.Price(true, 19, 19, 0.75, 0.10, 0.28);
        var put = Black76.Price(false, 19, 19, 0.75, 0.10, 0.28);
        Assert.Equal(1.7011, call, 4);
        Assert.Equal(call, put, 12);
    }
}
