using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Support;

/// <summary>Sample <c>VolSurface</c> messages: every field set to a distinct value, or the optional ones null.</summary>
public static class VolSurfaceSamples
{
    /// <summary>Every field set, three group entries.</summary>
    public static int EncodeFull(Span<byte> buffer)
    {
        var encoder = VolSurfaceEncoder.Wrap(buffer)
            .ProductGroupId(2147484416u)
            .Form(SurfaceForm.Grid)
            .Expiry(1790000000000003002UL)
            .SendingTime(1790000000000003003UL)
            .SviA(0.246875)
            .SviB(0.371875)
            .SviRho(0.496875)
            .SviM(0.621875)
            .SviSigma(0.746875);
        var g = encoder.BeginGridPoints(3);
        g.LogMoneyness(0, -1.0).Volatility(0, -0.75);
        g.LogMoneyness(1, -0.666666666667).Volatility(1, -0.416666666667);
        g.LogMoneyness(2, -0.333333333333).Volatility(2, -0.083333333333);
        return encoder.EncodedLength;
    }

    /// <summary>Only required fields set; optional ones left as Wrap initialised them, no group entries.</summary>
    public static int EncodeRequiredOnly(Span<byte> buffer) => VolSurfaceEncoder.Wrap(buffer)
            .ProductGroupId(2147484416u)
            .Form(SurfaceForm.Grid)
            .Expiry(1790000000000003002UL)
            .EncodedLength;

    /// <summary>Sets required fields to the full sample's values and every optional field explicitly to null.</summary>
    public static int EncodeExplicitNulls(Span<byte> buffer) => VolSurfaceEncoder.Wrap(buffer)
            .ProductGroupId(2147484416u)
            .Form(SurfaceForm.Grid)
            .Expiry(1790000000000003002UL)
            .SendingTime(WireNull.Timestamp)
            .SviA(double.NaN)
            .SviB(double.NaN)
            .SviRho(double.NaN)
            .SviM(double.NaN)
            .SviSigma(double.NaN)
            .EncodedLength;

    /// <summary>Asserts the message is the full sample.</summary>
    public static void AssertFull(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, VolSurfaceDecoder.TryWrap(message, out var d));
        Assert.Equal(2147484416u, d.ProductGroupId);
        Assert.Equal(SurfaceForm.Grid, d.Form);
        Assert.Equal(1790000000000003002UL, d.Expiry);
        Assert.Equal(1790000000000003003UL, d.SendingTime);
        Assert.Equal(0.246875, d.SviA);
        Assert.Equal(0.371875, d.SviB);
        Assert.Equal(0.496875, d.SviRho);
        Assert.Equal(0.621875, d.SviM);
        Assert.Equal(0.746875, d.SviSigma);
        var g = d.GridPoints;
        Assert.Equal(3, g.Count);
        Assert.Equal(-1.0, g.LogMoneyness(0));
        Assert.Equal(-0.75, g.Volatility(0));
        Assert.Equal(-0.666666666667, g.LogMoneyness(1));
        Assert.Equal(-0.416666666667, g.Volatility(1));
        Assert.Equal(-0.333333333333, g.LogMoneyness(2));
        Assert.Equal(-0.083333333333, g.Volatility(2));
    }

    /// <summary>Asserts the message carries the required sample values and null in every optional field.</summary>
    public static void AssertNulls(ReadOnlySpan<byte> message)
    {
        Assert.Equal(FrameStatus.Ok, VolSurfaceDecoder.TryWrap(message, out var d));
        Assert.Equal(2147484416u, d.ProductGroupId);
        Assert.Equal(SurfaceForm.Grid, d.Form);
        Assert.Equal(1790000000000003002UL, d.Expiry);
        Assert.Equal(WireNull.Timestamp, d.SendingTime);
        Assert.True(double.IsNaN(d.SviA));
        Assert.True(double.IsNaN(d.SviB));
        Assert.True(double.IsNaN(d.SviRho));
        Assert.True(double.IsNaN(d.SviM));
        Assert.True(double.IsNaN(d.SviSigma));
        Assert.Equal(0, d.GridPoints.Count);
    }

    /// <summary>Reads every field (and group entry) into a hash without allocating; 0 when the message does not wrap.</summary>
    public static ulong ReadAll(ReadOnlySpan<byte> message)
    {
        if (VolSurfaceDecoder.TryWrap(message, out var d) != FrameStatus.Ok)
        {
            return 0;
        }

        var h = 14695981039346656037UL;
        h = Mix(h, d.ProductGroupId);
        h = Mix(h, (ulong)d.Form);
        h = Mix(h, d.Expiry);
        h = Mix(h, d.SendingTime);
        h = Mix(h, BitConverter.DoubleToUInt64Bits(d.SviA));
        h = Mix(h, BitConverter.DoubleToUInt64Bits(d.SviB));
        h = Mix(h, BitConverter.DoubleToUInt64Bits(d.SviRho));
        h = Mix(h, BitConverter.DoubleToUInt64Bits(d.SviM));
        h = Mix(h, BitConverter.DoubleToUInt64Bits(d.SviSigma));
        var g = d.GridPoints;
        h = Mix(h, (ulong)g.Count);
        for (var i = 0; i < g.Count; i++)
        {
            h = Mix(h, BitConverter.DoubleToUInt64Bits(g.LogMoneyness(i)));
            h = Mix(h, BitConverter.DoubleToUInt64Bits(g.Volatility(i)));
        }
        return h;
    }

    private static ulong Mix(ulong h, ulong v) => unchecked((h ^ v) * 1099511628211UL);
}
