using RiskGate.Host;

return CommandLine.Run(args, Console.Out, Console.Error);
