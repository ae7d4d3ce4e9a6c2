using System.Text.Json;

namespace RiskGate.Host.Tests.Margin;

/// <summary>Runs <c>riskgate margin</c> in process for the CLI tests, and finds the repository's examples.</summary>
internal static class MarginCli
{
    public static readonly string Examples = FindExamples();

    /// <summary>Runs on <paramref name="file"/>; asserts exit 0 and no stderr; returns the output JSON.</summary>
    public static JsonElement RunOk(string file)
    {
        var (code, stdout, stderr) = Run(["margin", file]);
        Assert.True(code == 0, stderr);
        Assert.Equal("", stderr);
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.Clone();
    }

    /// <summary>Runs on <paramref name="json"/> written to a temporary file.</summary>
    public static (int Code, string Stdout, string Stderr) RunText(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "riskgate-margin-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        try
        {
            return Run(["margin", path]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static (int Code, string Stdout, string Stderr) Run(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string FindExamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "RiskGate.sln")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("examples/ not found above " + AppContext.BaseDirectory);
    }
}
