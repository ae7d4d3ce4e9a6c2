using RiskGate.Perf;

// The latency/throughput harness: a small dispatcher over sub-commands (see PerfCommandLine).
return PerfCommandLine.Run(args, Console.Out, Console.Error);
