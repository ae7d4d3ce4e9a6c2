using BenchmarkDotNet.Attributes;
using RiskGate.Gate.Ring;

namespace RiskGate.Benchmarks.Ring;

/// <summary>
/// Why sequences are padded: two threads each write their own counter. Unpadded, the two counters share a
/// cache line and every write steals it from the other core (false sharing); padded (<see cref="Sequence"/>),
/// they never do. A persistent worker thread does the second thread's writes, so nothing is allocated.
/// </summary>
[MemoryDiagnoser]
public class SequencePaddingBenchmarks
{
    private const int Writes = 2_000_000;
    private const int Idle = 0;
    private const int RunUnpadded = 1;
    private const int RunPadded = 2;
    private const int Exit = 3;
    private const int Running = 4;

    private sealed class UnpaddedPair
    {
        public long First;
        public long Second;
    }

    private UnpaddedPair _unpadded = null!;
    private Sequence _paddedFirst = null!;
    private Sequence _paddedSecond = null!;
    private Thread _worker = null!;
    private int _command;

    [GlobalSetup]
    public void Setup()
    {
        _unpadded = new UnpaddedPair();
        _paddedFirst = new Sequence();
        _paddedSecond = new Sequence();
        _worker = new Thread(Work) { IsBackground = true, Name = "padding-worker" };
        _worker.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Volatile.Write(ref _command, Exit);
        if (!_worker.Join(TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException("worker did not stop");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Writes)]
    public long Unpadded()
    {
        Start(RunUnpadded);
        var pair = _unpadded;
        for (long i = 1; i <= Writes; i++)
        {
            Volatile.Write(ref pair.First, i);
        }

        WaitForWorker();
        if (Volatile.Read(ref pair.Second) != Writes)
        {
            throw new InvalidOperationException("worker did not finish its writes");
        }

        return pair.First;
    }

    [Benchmark(OperationsPerInvoke = Writes)]
    public long Padded()
    {
        Start(RunPadded);
        var first = _paddedFirst;
        for (long i = 1; i <= Writes; i++)
        {
            first.SetValue(i);
        }

        WaitForWorker();
        if (_paddedSecond.Value != Writes)
        {
            throw new InvalidOperationException("worker did not finish its writes");
        }

        return first.Value;
    }

    /// <summary>Hands the worker a command and waits until it is running, so both threads write at the same time.</summary>
    private void Start(int command)
    {
        Volatile.Write(ref _command, command);
        var spin = default(SpinWait);
        while (Volatile.Read(ref _command) == command)
        {
            spin.SpinOnce(-1);
        }
    }

    private void WaitForWorker()
    {
        var spin = default(SpinWait);
        while (Volatile.Read(ref _command) != Idle)
        {
            spin.SpinOnce(-1);
        }
    }

    private void Work()
    {
        var spin = default(SpinWait);
        while (true)
        {
            var command = Volatile.Read(ref _command);
            switch (command)
            {
                case RunUnpadded:
                    Volatile.Write(ref _command, Running);
                    for (long i = 1; i <= Writes; i++)
                    {
                        Volatile.Write(ref _unpadded.Second, i);
                    }

                    Volatile.Write(ref _command, Idle);
                    break;
                case RunPadded:
                    Volatile.Write(ref _command, Running);
                    for (long i = 1; i <= Writes; i++)
                    {
                        _paddedSecond.SetValue(i);
                    }

                    Volatile.Write(ref _command, Idle);
                    break;
                case Exit:
                    return;
                default:
                    spin.SpinOnce(-1);
                    break;
            }
        }
    }
}
