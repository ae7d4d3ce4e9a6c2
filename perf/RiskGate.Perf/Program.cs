// The latency/throughput harness. Sub-commands are added by the ring and gate work.
Console.Error.WriteLine("usage: RiskGate.Perf <ring|gate> [--quick] [--json PATH]");
return 2;
