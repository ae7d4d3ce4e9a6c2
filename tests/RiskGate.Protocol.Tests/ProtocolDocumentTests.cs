using System.Reflection;
using System.Text.RegularExpressions;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;
using RiskGate.Protocol.Tests.Support;

namespace RiskGate.Protocol.Tests;

/// <summary>Keeps docs/protocol.md equal to the code: template ids, block lengths, offsets, enums, reject reasons, statuses.</summary>
public partial class ProtocolDocumentTests
{
    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "protocol.md")));

    [Fact]
    public void Messages_TemplateIdsAndBlockLengths_MatchTheCode()
    {
        var documented = new Dictionary<string, (int TemplateId, int BlockLength)>();
        string? heading = null;
        foreach (var line in Lines.Value)
        {
            var h = Heading3().Match(line);
            if (h.Success)
            {
                heading = h.Groups[1].Value;
                continue;
            }

            var m = TemplateLine().Match(line);
            if (m.Success)
            {
                Assert.NotNull(heading);
                documented.Add(heading!, (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)));
            }
        }

        Assert.Equal(MessageSamples.All.Select(s => s.Name).Order(), documented.Keys.Order());
        foreach (var sample in MessageSamples.All)
        {
            Assert.Equal(((int)sample.Type, sample.BlockLength), documented[sample.Name]);
        }
    }

    [Fact]
    public void Messages_FieldOffsetsAndGroups_MatchTheDecoders()
    {
        var assembly = typeof(MessageHeader).Assembly;
        Type? decoder = null;
        var seen = new HashSet<(Type, string)>();
        foreach (var line in Lines.Value)
        {
            var h = Heading3().Match(line);
            if (h.Success)
            {
                decoder = assembly.GetType($"RiskGate.Protocol.Messages.{h.Groups[1].Value}Decoder");
                continue;
            }

            if (decoder is null)
            {
                continue;
            }

            var g = GroupLine().Match(line);
            if (g.Success)
            {
                var name = char.ToUpperInvariant(g.Groups[1].Value[0]) + g.Groups[1].Value[1..];
                Assert.Equal(int.Parse(g.Groups[2].Value), Constant(decoder, $"{name}EntryLength"));
                Assert.Equal(int.Parse(g.Groups[3].Value), Constant(decoder, $"Max{name}Count"));
                decoder = assembly.GetType($"{decoder.FullName![..^"Decoder".Length]}{name}Decoder", throwOnError: true);
                continue;
            }

            var f = FieldRow().Match(line);
            if (f.Success)
            {
                var field = f.Groups[3].Value;
                var offset = int.Parse(f.Groups[1].Value);
                var pascal = char.ToUpperInvariant(field[0]) + field[1..];
                Assert.True(offset == Constant(decoder!, $"{pascal}Offset"), $"{decoder!.Name}.{pascal}Offset");
                if (f.Groups[2].Success && f.Groups[2].Value.Length > 0)
                {
                    Assert.Equal(offset + MessageHeader.Length, int.Parse(f.Groups[2].Value));
                }

                seen.Add((decoder, pascal + "Offset"));
            }
        }

        // Every offset constant of every decoder is documented.
        var decoders = assembly.GetTypes().Where(t => t.Namespace == "RiskGate.Protocol.Messages" && t.Name.EndsWith("Decoder", StringComparison.Ordinal));
        foreach (var type in decoders)
        {
            foreach (var constant in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(c => c.IsLiteral && c.Name.EndsWith("Offset", StringComparison.Ordinal)))
            {
                Assert.True(seen.Contains((type, constant.Name)), $"{type.Name}.{constant.Name} is not in docs/protocol.md");
            }
        }
    }

    [Fact]
    public void RejectReasons_Table_MatchesTheEnum()
    {
        AssertTableMatchesEnum<RejectReason>("## 6. Reject reasons");
    }

    [Fact]
    public void FrameStatuses_Table_MatchesTheEnum()
    {
        AssertTableMatchesEnum<FrameStatus>("### Frame statuses");
    }

    [Fact]
    public void Enumerations_Tables_MatchTheEnums()
    {
        AssertTableMatchesEnum<Side>("### Side ");
        AssertTableMatchesEnum<OrderType>("### OrderType ");
        AssertTableMatchesEnum<TimeInForce>("### TimeInForce ");
        AssertTableMatchesEnum<InstrumentKind>("### InstrumentKind ");
        AssertTableMatchesEnum<PutCall>("### PutCall ");
        AssertTableMatchesEnum<TradingState>("### TradingState ");
        AssertTableMatchesEnum<AlertKind>("### AlertKind ");
        AssertTableMatchesEnum<CollateralAction>("### CollateralAction ");
        AssertTableMatchesEnum<ControlScope>("### ControlScope ");
        AssertTableMatchesEnum<DecisionStatus>("### DecisionStatus ");
        AssertTableMatchesEnum<MarginMethodology>("### MarginMethodology ");
        AssertTableMatchesEnum<ScanRangeKind>("### ScanRangeKind ");
        AssertTableMatchesEnum<SurfaceForm>("### SurfaceForm ");
        AssertTableMatchesEnum<MarketPriceType>("### MarketPriceType ");
        AssertTableMatchesEnum<BooleanType>("### BooleanType ");
        AssertTableMatchesEnum<FillAttributes>("### FillAttributes ");
    }

    private static void AssertTableMatchesEnum<TEnum>(string headingPrefix)
        where TEnum : struct, Enum
    {
        var start = Array.FindIndex(Lines.Value, l => l.StartsWith(headingPrefix, StringComparison.Ordinal));
        Assert.True(start >= 0, $"docs/protocol.md has no section '{headingPrefix}'");
        var documented = new List<(long Value, string Name)>();
        for (var i = start + 1; i < Lines.Value.Length && !Lines.Value[i].StartsWith('#'); i++)
        {
            var row = EnumRow().Match(Lines.Value[i]);
            if (row.Success)
            {
                Assert.False(string.IsNullOrWhiteSpace(row.Groups[3].Value), $"{row.Groups[2].Value} has no meaning");
                documented.Add((long.Parse(row.Groups[1].Value), row.Groups[2].Value));
            }
        }

        var actual = Enum.GetValues<TEnum>().Select(v => (Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture), v.ToString())).ToList();
        Assert.Equal(actual.OrderBy(a => a.Item1), documented.OrderBy(d => d.Value));
    }

    private static int Constant(Type type, string name)
    {
        var field = type.GetField(name, BindingFlags.Public | BindingFlags.Static);
        Assert.True(field is not null, $"{type.Name}.{name} does not exist");
        return Convert.ToInt32(field!.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RiskGate.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RiskGate.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^### (\w+)$")]
    private static partial Regex Heading3();

    [GeneratedRegex(@"^Template id: \*\*(\d+)\*\* · block length: \*\*(\d+)\*\*")]
    private static partial Regex TemplateLine();

    [GeneratedRegex(@"^Repeating group `(\w+)`.*Entry length: \*\*(\d+)\*\* · maximum count: \*\*(\d+)\*\*")]
    private static partial Regex GroupLine();

    [GeneratedRegex(@"^\| (\d+) (?:\| (\d+) )?\| \d+ \| [^|]+ \| `(\w+)` \|")]
    private static partial Regex FieldRow();

    [GeneratedRegex(@"^\| (\d+) \| (\w+) \| ([^|]*) \|")]
    private static partial Regex EnumRow();
}
