using RiskGate.Host.Margin;

namespace RiskGate.Host;

/// <summary>
/// The <c>riskgate</c> command line: dispatches the first argument to a sub-command.
/// Called once from <c>Main</c> on the main thread.
/// </summary>
internal static class CommandLine
{
    /// <summary>Runs a command; returns the process exit code (0 success, 1 failure, 2 usage error).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage(args.Length == 0 ? stderr : stdout);
            return args.Length == 0 ? 2 : 0;
        }

        switch (args[0])
        {
            case "margin":
                return MarginCommand.Run(args.AsSpan(1), stdout, stderr);
            default:
                stderr.WriteLine("riskgate: unknown command '" + args[0] + "'.");
                PrintUsage(stderr);
                return 2;
        }
    }

    private static void PrintUsage(TextWriter w)
    {
        w.WriteLine("usage: riskgate <command> [options]");
        w.WriteLine();
        w.WriteLine("commands:");
        w.WriteLine(MarginCommand.Usage);
    }
}
