using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;

namespace RiskGate.Host.Margin;

/// <summary>
/// <c>riskgate margin FILE.json [--json]</c>: a what-if calculator of integrated margin. Reads the
/// file, margins the positions by full revaluation, evaluates each candidate order alone against
/// them, and prints the breakdown as JSON on stdout. Main thread only.
/// </summary>
internal static class MarginCommand
{
    public const string Usage = "  margin FILE.json [--json]   integrated margin what-if: breakdown per group, totals, candidate orders (JSON on stdout)";

    /// <summary>Runs the command; returns 0 on success, 1 for a bad or unreadable file, 2 for a usage error.</summary>
    public static int Run(ReadOnlySpan<string> args, TextWriter stdout, TextWriter stderr)
    {
        string? path = null;
        foreach (var a in args)
        {
            if (a == "--json")
            {
                continue;
            }

            if (a.StartsWith('-') || path is not null)
            {
                stderr.WriteLine("riskgate margin: unexpected argument '" + a + "'.");
                stderr.WriteLine("usage: riskgate margin FILE.json [--json]");
                return 2;
            }

            path = a;
        }

        if (path is null)
        {
            stderr.WriteLine("usage: riskgate margin FILE.json [--json]");
            return 2;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine("error: " + path + ": cannot read the file: " + e.Message);
            return 1;
        }

        try
        {
            stdout.WriteLine(Evaluate(MarginInputReader.Parse(text)));
            return 0;
        }
        catch (MarginInputException e)
        {
            stderr.WriteLine("error: " + e.Message);
            return 1;
        }
    }

    /// <summary>Margins an input and renders the JSON report.</summary>
    public static string Evaluate(MarginInput input)
    {
        var calculator = new MarginCalculator(input.Instruments, input.Arrays, input.Options);
        calculator.Revalue(input.Market);
        if (input.JointSet is not null)
        {
            return EvaluateCombined(input, calculator);
        }

        var result = calculator.CreateBreakdown();
        calculator.Compute(input.Portfolio, input.Market, result);
        var impacts = new OrderImpact[input.Orders.Count];
        for (var k = 0; k < impacts.Length; k++)
        {
            var o = input.Orders[k];
            impacts[k] = calculator.EvaluateOrder(input.Portfolio, input.Market, result, o.Instrument, o.SignedQuantity, o.Price);
        }

        return MarginReportWriter.Write(input, result, null, impacts);
    }

    // Scan groups by scan, expected_shortfall groups jointly over the file's scenario set.
    private static string EvaluateCombined(MarginInput input, MarginCalculator scan)
    {
        var set = input.JointSet!;
        var arrays = new JointRiskArrayTable(input.Instruments, set.Count);
        arrays.Rebuild(set, input.Market);
        var minimum = new double[input.Methodology.Length];
        for (var g = 0; g < minimum.Length; g++)
        {
            minimum[g] = input.Options.Groups[g].ShortOptionMinimum;
        }

        var joint = new JointMarginCalculator(input.Instruments, arrays, new JointMarginOptions(input.Methodology, minimum, input.Alpha));
        var combined = new CombinedMarginCalculator(input.Instruments, scan, joint);
        var result = combined.CreateResult();
        combined.Compute(input.Portfolio, input.Market, result);
        var impacts = new OrderImpact[input.Orders.Count];
        for (var k = 0; k < impacts.Length; k++)
        {
            var o = input.Orders[k];
            impacts[k] = combined.EvaluateOrder(input.Portfolio, input.Market, result, o.Instrument, o.SignedQuantity, o.Price);
        }

        return MarginReportWriter.Write(input, result.Scan, result, impacts);
    }
}
