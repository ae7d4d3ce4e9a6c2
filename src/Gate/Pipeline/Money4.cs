namespace RiskGate.Gate.Pipeline;

/// <summary>The one place engine money (double, currency units) and prices meet the wire's fixed exponents.</summary>
/// <remarks>Pure functions, any thread.</remarks>
public static class Money4
{
    /// <summary>MONEY4 null sentinel.</summary>
    public const long Null = long.MinValue;

    /// <summary>Mantissa units per currency unit (exponent −4).</summary>
    public const double Scale = 1e4;

    /// <summary>PRICE9 units per price unit (exponent −9).</summary>
    public const double PriceScale = 1e9;

    /// <summary>Currency units to a MONEY4 mantissa, rounded half away from zero; NaN or out of range gives null.</summary>
    public static long FromDouble(double value)
    {
        var scaled = Math.Round(value * Scale, MidpointRounding.AwayFromZero);
        return scaled is > -9.2e18 and < 9.2e18 ? (long)scaled : Null;
    }

    /// <summary>A MONEY4 mantissa to currency units; null gives NaN.</summary>
    public static double ToDouble(long mantissa) => mantissa == Null ? double.NaN : mantissa / Scale;
}
