using System.Globalization;
using System.Runtime.InteropServices;

namespace RiskGate.Perf;

/// <summary>A one-line description of the machine and runtime, for reports.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var cpu = "unknown CPU";
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal))
                    {
                        cpu = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                        break;
                    }
                }
            }
        }
        catch (IOException)
        {
            // keep "unknown CPU": the description is informative only
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{cpu}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}");
    }
}
