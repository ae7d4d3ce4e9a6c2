using System.Runtime.CompilerServices;
using RiskGate.Gate.Idle;

namespace RiskGate.Gate.Ring;

/// <summary>
/// Runs one stage on a dedicated thread: waits on its barrier, hands every available event of the batch to
/// the handler in order, and publishes its progress once per batch.
/// </summary>
/// <remarks>
/// <para>Threads: <see cref="Start"/> and <see cref="Halt"/> from any thread; the handler runs only on the
/// processor's own background thread (named <see cref="Name"/>). <see cref="Handler"/> may be read by other
/// threads only after <see cref="Halt"/> returned true.</para>
/// <para>Per batch: one read of the cursor (or of the earlier stages), up to <c>maxBatchSize</c> handler
/// calls with no fence between them, one release store of <see cref="Sequence"/>, one read of the ring's
/// waiter count. The handler and idle strategy are struct generic arguments: nothing is virtual per event.</para>
/// <para>Faults: a handler exception goes to the <see cref="IExceptionPolicy"/>. On
/// <see cref="ExceptionAction.Continue"/> the event counts as processed; on <see cref="ExceptionAction.Halt"/>
/// (or if the policy throws) the processor stops with its sequence just before the failing event and
/// records the fault. The thread never dies silently and the sequence is never lost.</para>
/// </remarks>
/// <typeparam name="T">The slot type.</typeparam>
/// <typeparam name="THandler">The stage's handler.</typeparam>
/// <typeparam name="TIdle">How the thread waits when nothing is available.</typeparam>
public sealed class BatchEventProcessor<T, THandler, TIdle> : IEventProcessor
    where T : struct
    where THandler : struct, IStageHandler<T>
    where TIdle : struct, IIdleStrategy
{
    private const int Created = 0;
    private const int Running = 1;
    private const int Stopped = 2;

    private readonly RingBuffer<T> _ring;
    private readonly SequenceBarrier _barrier;
    private readonly WaitSignal _signal;
    private readonly IExceptionPolicy _policy;
    private readonly long _maxBatchSize;
    private readonly int _coalescePauses;
    private THandler _handler;
    private TIdle _idle;
    private Thread? _thread;
    private int _state;
    private long _batchCount;
    private long _inFlight;
    private Exception? _fault;
    private long _faultSequence = Sequence.InitialValue;

    /// <summary>Creates a processor (not started).</summary>
    /// <param name="name">Name of the stage and of its thread.</param>
    /// <param name="ring">The slots.</param>
    /// <param name="sequencer">The ring's sequencer (for its wake-up signal).</param>
    /// <param name="barrier">What the stage waits on (from <see cref="Sequencer.NewBarrier"/>).</param>
    /// <param name="handler">The stage's work; copied into the processor (see <see cref="Handler"/>).</param>
    /// <param name="idle">The idle strategy; copied into the processor.</param>
    /// <param name="maxBatchSize">Most events per batch before progress is published; 0 means the ring capacity.</param>
    /// <param name="policy">What to do when the handler throws; null means <see cref="ExceptionPolicy.HaltSilently"/>.</param>
    /// <param name="coalescePauses">Pause instructions before re-reading the cursor while streaming small
    /// batches (see <see cref="BatchCoalescing"/>); 0 turns coalescing off.</param>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBatchSize"/> is negative, or
    /// <paramref name="coalescePauses"/> is outside [0, <see cref="BatchCoalescing.MaxPauses"/>].</exception>
    public BatchEventProcessor(
        string name,
        RingBuffer<T> ring,
        Sequencer sequencer,
        SequenceBarrier barrier,
        THandler handler,
        TIdle idle,
        int maxBatchSize = 0,
        IExceptionPolicy? policy = null,
        int coalescePauses = BatchCoalescing.DefaultPauses)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(sequencer);
        ArgumentNullException.ThrowIfNull(barrier);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBatchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(coalescePauses);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(coalescePauses, BatchCoalescing.MaxPauses);
        if (ring.Capacity != sequencer.Capacity)
        {
            throw new ArgumentException("The ring and the sequencer must have the same capacity.", nameof(sequencer));
        }

        Name = name;
        _ring = ring;
        _barrier = barrier;
        _signal = sequencer.Signal;
        _handler = handler;
        _idle = idle;
        _maxBatchSize = maxBatchSize == 0 ? ring.Capacity : maxBatchSize;
        _policy = policy ?? ExceptionPolicy.HaltSilently;
        _coalescePauses = coalescePauses;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public Sequence Sequence { get; } = new();

    /// <inheritdoc />
    public bool IsRunning => Volatile.Read(ref _state) == Running;

    /// <inheritdoc />
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <inheritdoc />
    public long FaultSequence => Volatile.Read(ref _faultSequence);

    /// <inheritdoc />
    public long BatchCount => Volatile.Read(ref _batchCount);

    /// <summary>The handler held by the processor (read its results after <see cref="Halt"/>).</summary>
    public ref THandler Handler => ref _handler;

    /// <inheritdoc />
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Created) != Created)
        {
            ThrowHelper.ThrowInvalidState("Processor '" + Name + "' was already started.");
        }

        var thread = new Thread(Run) { IsBackground = true, Name = Name };
        _thread = thread;
        thread.Start();
    }

    /// <inheritdoc />
    public bool Halt(TimeSpan timeout)
    {
        _barrier.Alert();
        var thread = _thread;
        if (thread is null || thread == Thread.CurrentThread)
        {
            return true;
        }

        return thread.Join(timeout);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run()
    {
        var next = Sequence.Value + 1;
        var streaming = false;
        try
        {
            while (!_barrier.IsAlerted)
            {
                var available = _barrier.Peek(next);
                if (available < next)
                {
                    available = _barrier.WaitFor(next, ref _idle);
                    if (available < next)
                    {
                        continue;
                    }

                    streaming = false;
                }
                else if (streaming && available - next + 1 < BatchCoalescing.SmallBatch && _coalescePauses != 0)
                {
                    // See BatchCoalescing: let a streaming producer publish more from a line it owns, reading
                    // the cursor once after the window (earlier reads measured halve the gain).
                    BatchCoalescing.Pause(_coalescePauses);
                    available = _barrier.Peek(next);
                }
                else
                {
                    streaming = true;
                }

                var end = Math.Min(available, next + _maxBatchSize - 1);
                if (!ProcessBatch(next, end))
                {
                    return;
                }

                Sequence.SetValue(end);
                _signal.NotifyIfWaiting();
                _batchCount++;
                next = end + 1;
            }
        }
        finally
        {
            Volatile.Write(ref _state, Stopped);
            _signal.SignalAll();
        }
    }

    /// <summary>Handles [first, end]; on a handler exception asks the policy and either skips the event or stops.</summary>
    /// <returns>False when the processor must halt.</returns>
    private bool ProcessBatch(long first, long end)
    {
        while (true)
        {
            try
            {
                HandleRange(first, end);
                return true;
            }
            catch (Exception ex)
            {
                var failed = _inFlight;
                if (!ContinueAfter(ex, failed))
                {
                    return false;
                }

                first = failed + 1;
            }
        }
    }

    /// <summary>
    /// The per-event loop, kept free of exception handling so the JIT keeps every local in a register; the
    /// sequence in flight is noted in a field the exception path reads (a store to a line only this thread writes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void HandleRange(long first, long end)
    {
        ref var firstSlot = ref _ring.FirstSlot;
        var mask = _ring.Mask;
        for (var s = first; s <= end; s++)
        {
            _inFlight = s;
            if (s + 2 <= end)
            {
                _handler.OnLookahead(ref Unsafe.Add(ref firstSlot, (nint)((s + 2) & mask)), s + 2);
            }

            _handler.OnEvent(ref Unsafe.Add(ref firstSlot, (nint)(s & mask)), s, s == end);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ContinueAfter(Exception exception, long sequence)
    {
        ExceptionAction action;
        try
        {
            action = _policy.OnEventException(exception, sequence, Name);
        }
        catch (Exception policyFailure)
        {
            exception = new AggregateException("The exception policy of '" + Name + "' threw.", exception, policyFailure);
            action = ExceptionAction.Halt;
        }

        if (action == ExceptionAction.Continue)
        {
            return true;
        }

        Volatile.Write(ref _faultSequence, sequence);
        Volatile.Write(ref _fault, exception);
        Sequence.SetValue(sequence - 1);
        _signal.NotifyIfWaiting();
        return false;
    }
}
