namespace RiskGate.Perf;

/// <summary>Options shared by every sub-command.</summary>
/// <param name="Quick">Short smoke run (CI): small sizes, few rounds; still validates every event.</param>
/// <param name="JsonPath">Where to write the machine-readable figures, or null.</param>
/// <param name="Rounds">Interleaved rounds per implementation, or 0 for the sub-command's default.</param>
/// <param name="Accounts">Accounts in the gate harness's session (its working set), or 0 for the default.</param>
internal sealed record PerfOptions(bool Quick, string? JsonPath, int Rounds, int Accounts = 0);
