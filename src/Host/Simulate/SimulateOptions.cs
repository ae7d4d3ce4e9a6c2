using System.Globalization;

namespace RiskGate.Host.Simulate;

/// <summary>
/// Options of <c>riskgate simulate</c>. <see cref="TryParse"/> validates every value and names the
/// option in its one-line error. Immutable; built on the main thread.
/// </summary>
internal sealed record SimulateOptions
{
    /// <summary>Default seed.</summary>
    public const ulong DefaultSeed = 42;

    /// <summary>Default account count.</summary>
    public const int DefaultAccounts = 10_000;

    /// <summary>Default message count.</summary>
    public const int DefaultMessages = 3_000_000;

    /// <summary>Usage lines for the help text.</summary>
    public const string Usage =
        "  simulate [--seed N] [--accounts N] [--messages N] [--rate N] [--wait busy-spin|yield|sleep|block] [--json PATH] [--quiet]\n" +
        "           generate a realistic session (two correlated product groups, futures curves, SVI option chains,\n" +
        "           10,000 accounts) and drive it through the full gate; prints throughput, latency percentiles,\n" +
        "           decisions by reason, margin calls, netting savings, fast-path accuracy and a decision hash.\n" +
        "           defaults: --seed 42 --accounts 10000 --messages 3000000 --rate 0 (as fast as possible) --wait yield";

    /// <summary>Seed of the session generator.</summary>
    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>Accounts, in [10, 1,000,000].</summary>
    public int Accounts { get; init; } = DefaultAccounts;

    /// <summary>Messages, in [1,000, 50,000,000] (at least two per account for start-of-day setup).</summary>
    public int Messages { get; init; } = DefaultMessages;

    /// <summary>Offered rate in messages per second; 0 = as fast as the gate takes them.</summary>
    public long Rate { get; init; }

    /// <summary>Idle strategy of the gate's stages.</summary>
    public WaitKind Wait { get; init; } = WaitKind.Yield;

    /// <summary>Where to write the JSON summary, or null.</summary>
    public string? JsonPath { get; init; }

    /// <summary>No progress bar.</summary>
    public bool Quiet { get; init; }

    /// <summary>Parses the arguments after <c>simulate</c>; on failure <paramref name="error"/> is one line naming the option.</summary>
    public static bool TryParse(ReadOnlySpan<string> args, out SimulateOptions options, out string error)
    {
        options = new SimulateOptions();
        error = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--quiet")
            {
                options = options with { Quiet = true };
                continue;
            }

            if (name is not ("--seed" or "--accounts" or "--messages" or "--rate" or "--wait" or "--json"))
            {
                error = "simulate: unknown option '" + name + "'.";
                return false;
            }

            if (i + 1 >= args.Length)
            {
                error = "simulate: " + name + " needs a value.";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--seed":
                    if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
                    {
                        error = "simulate: --seed must be a whole number in [0, 2^64-1], got '" + value + "'.";
                        return false;
                    }

                    options = options with { Seed = seed };
                    break;
                case "--accounts":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var accounts) || accounts is < 10 or > 1_000_000)
                    {
                        error = "simulate: --accounts must be a whole number in [10, 1000000], got '" + value + "'.";
                        return false;
                    }

                    options = options with { Accounts = accounts };
                    break;
                case "--messages":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var messages) || messages is < 1_000 or > 50_000_000)
                    {
                        error = "simulate: --messages must be a whole number in [1000, 50000000], got '" + value + "'.";
                        return false;
                    }

                    options = options with { Messages = messages };
                    break;
                case "--rate":
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rate) || rate > 100_000_000)
                    {
                        error = "simulate: --rate must be messages per second in [0, 100000000] (0 = as fast as possible), got '" + value + "'.";
                        return false;
                    }

                    options = options with { Rate = rate };
                    break;
                case "--wait":
                    if (!TryParseWait(value, out var wait))
                    {
                        error = "simulate: --wait must be busy-spin, yield, sleep or block, got '" + value + "'.";
                        return false;
                    }

                    options = options with { Wait = wait };
                    break;
                default:
                    if (value.Length == 0)
                    {
                        error = "simulate: --json needs a file path.";
                        return false;
                    }

                    options = options with { JsonPath = value };
                    break;
            }
        }

        if (options.Messages < (options.Accounts * 2) + 1000)
        {
            error = "simulate: --messages must be at least 2 x --accounts + 1000 (start-of-day setup plus trading), got " +
                options.Messages.ToString(CultureInfo.InvariantCulture) + " for " + options.Accounts.ToString(CultureInfo.InvariantCulture) + " accounts.";
            return false;
        }

        return true;
    }

    private static bool TryParseWait(string value, out WaitKind wait)
    {
        wait = value switch
        {
            "busy-spin" => WaitKind.BusySpin,
            "yield" => WaitKind.Yield,
            "sleep" => WaitKind.Sleep,
            "block" => WaitKind.Block,
            _ => (WaitKind)255,
        };
        return wait != (WaitKind)255;
    }
}
