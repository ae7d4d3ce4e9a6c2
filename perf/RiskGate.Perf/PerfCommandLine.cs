using System.Globalization;
using RiskGate.Perf.Gate;
using RiskGate.Perf.Ring;

namespace RiskGate.Perf;

/// <summary>Parses <c>RiskGate.Perf &lt;command&gt; [--quick] [--json PATH] [--rounds N]</c> and runs the command.</summary>
internal static class PerfCommandLine
{
    public const string Usage =
        "usage: RiskGate.Perf <command> [--quick] [--json PATH] [--rounds N] [--accounts N]\n" +
        "commands:\n" +
        "  ring   ring throughput (1P1C, 3P1C) and ping-pong latency vs System.Threading.Channels and ConcurrentQueue\n" +
        "  gate   end-to-end gate: open-loop rate sweep (pipeline, direct mode, naive baseline), max rate, noise floor\n" +
        "options:\n" +
        "  --quick      short smoke run (validates every event; exit code 1 if anything was lost)\n" +
        "  --json PATH  also write the figures as JSON\n" +
        "  --rounds N   interleaved rounds per implementation (1-100)\n" +
        "  --accounts N gate: accounts in the session (100-1,000,000; default 10,000, 1,000 with --quick)";

    /// <returns>0 on success, 1 when a run failed validation, 2 on a usage error.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            return UsageError(stderr, "missing command");
        }

        var command = args[0];
        var quick = false;
        string? json = null;
        var rounds = 0;
        var accounts = 0;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--json":
                    if (i + 1 >= args.Length)
                    {
                        return UsageError(stderr, "--json needs a path");
                    }

                    json = args[++i];
                    break;
                case "--rounds":
                    if (i + 1 >= args.Length
                        || !int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out rounds)
                        || rounds < 1 || rounds > 100)
                    {
                        return UsageError(stderr, "--rounds needs a whole number from 1 to 100");
                    }

                    break;
                case "--accounts":
                    if (i + 1 >= args.Length
                        || !int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out accounts)
                        || accounts < 100 || accounts > 1_000_000)
                    {
                        return UsageError(stderr, "--accounts needs a whole number from 100 to 1000000");
                    }

                    break;
                case "-h":
                case "--help":
                    stdout.WriteLine(Usage);
                    return 0;
                default:
                    return UsageError(stderr, "unknown option '" + args[i] + "'");
            }
        }

        var options = new PerfOptions(quick, json, rounds, accounts);
        return command switch
        {
            "ring" => RingHarness.Run(options, stdout),
            "gate" => GateHarness.Run(options, stdout),
            "-h" or "--help" => Help(stdout),
            _ => UsageError(stderr, "unknown command '" + command + "'"),
        };
    }

    private static int Help(TextWriter stdout)
    {
        stdout.WriteLine(Usage);
        return 0;
    }

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine("error: " + message);
        stderr.WriteLine(Usage);
        return 2;
    }
}
