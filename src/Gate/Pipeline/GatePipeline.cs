using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RiskGate.Engine;
using RiskGate.Gate.Api;
using RiskGate.Gate.Idle;
using RiskGate.Gate.Ring;
using RiskGate.Protocol.Framing;

namespace RiskGate.Gate.Pipeline;

/// <summary>
/// The gate: a ring of <see cref="GateSlot"/>s, a risk stage (the engine's only writer, deciding each slot
/// in place through the <see cref="MessageRouter"/>) and an egress stage that encodes each decision and its
/// alerts and hands them to <typeparamref name="THandler"/> on the egress thread.
/// </summary>
/// <remarks>
/// <para><b>Lifecycle</b> (configuring thread): construct (options validated) → <see cref="LoadReferenceData"/>
/// as needed → <see cref="Start"/> → submit from producer threads → <see cref="Stop"/> once producers stopped
/// (drains: every published message gets its decision delivered).</para>
/// <para><b>Submitting</b>: <see cref="TrySubmit"/> copies a message into a slot once (a message larger than a
/// slot into a pre-allocated large-message buffer the slot references, decided in ring order);
/// <see cref="TrySubmitFrames(ReadOnlySpan{byte}, long, long, out FrameBatch)"/> takes a gateway's buffer of SOFH frames in batches;
/// <see cref="TryClaim"/> + <see cref="Publish"/> encode straight into the slot. Neither blocks: a full ring
/// returns <see cref="GateSubmitResult.Busy"/>. With <see cref="GateProducerType.Single"/> only one thread may
/// submit; with <see cref="GateProducerType.Multi"/> any number. Publication is a release store; the risk
/// stage reads the slot after an acquire of the sequence.</para>
/// <para><b>Allocation</b>: none after <see cref="Start"/> on any submit or stage path.</para>
/// </remarks>
/// <typeparam name="THandler">Receives decisions and alerts (a struct: calls are specialised, not virtual).</typeparam>
public sealed class GatePipeline<THandler>
    where THandler : struct, IDecisionHandler
{
    private const int Created = 0;
    private const int Running = 1;
    private const int Stopped = 2;

    private readonly RingBuffer<GateSlot> _ring;
    private readonly SingleProducerSequencer? _single;
    private readonly MultiProducerSequencer? _multi;
    private readonly StageGraph<GateSlot> _graph;
    private readonly MessageRouter _router;
    private readonly LargeMessagePool? _largeMessages;
    private readonly FrameReader _frames;
    private readonly AlertBridge _alerts;
    private readonly IEventProcessor _risk;
    private readonly IEventProcessor _egress;
    private readonly Func<StrongBox<THandler>> _readHandler;
    private readonly StrongBoxCounters _counters = new();
    private int _state;

    // A producer thread's copy of a frame that spans PipeReader segments (one per thread, made on first need).
    [ThreadStatic]
    private static byte[]? _spanningFrame;

    /// <summary>Creates the gate (engine, ring, stages; nothing runs until <see cref="Start"/>).</summary>
    /// <param name="options">Settings; validated here.</param>
    /// <param name="handler">Receives the output on the egress thread (copied into the egress stage).</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it and the range).</exception>
    public GatePipeline(GateOptions options, THandler handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Engine = new RiskEngine(options.Engine!);
        _largeMessages = options.LargeMessageBuffers > 0 ? new LargeMessagePool(options.LargeMessageBuffers, options.LargeMessageCapacity) : null;
        _router = new MessageRouter(Engine, options.SweepInterval, options.SweepAccounts, _largeMessages);

        // Frames are bounded by what the gate can carry: a longer declared length breaks the stream's framing.
        _frames = new FrameReader(FramingHeader.Length + (_largeMessages?.Capacity ?? GateSlot.MessageCapacity));
        _alerts = new AlertBridge(options.AlertQueueSize);
        _ring = new RingBuffer<GateSlot>(options.RingSize);
        Sequencer sequencer;
        if (options.ProducerType == GateProducerType.Single)
        {
            _single = new SingleProducerSequencer(options.RingSize);
            sequencer = _single;
        }
        else
        {
            _multi = new MultiProducerSequencer(options.RingSize);
            sequencer = _multi;
        }

        _graph = new StageGraph<GateSlot>(_ring, sequencer);
        var decisionTimes = new long[options.RingSize];
        var risk = new RiskStageHandler(_router, _alerts, decisionTimes, _counters);
        var egress = new EgressStageHandler<THandler>(handler, _alerts, decisionTimes, _counters);
        _risk = AddStage("riskgate-risk", risk, options.RiskWait, sequencer.Signal, [], Math.Min(options.MaxBatchSize, options.RingSize), out _);
        _egress = AddStage("riskgate-egress", egress, options.EgressWait, sequencer.Signal, [_risk], Math.Min(options.MaxBatchSize, options.RingSize), out _readHandler);
    }

    /// <summary>The options.</summary>
    public GateOptions Options { get; }

    /// <summary>The engine. Touch it only before <see cref="Start"/> or after <see cref="Stop"/> (the risk stage owns it in between).</summary>
    public RiskEngine Engine { get; }

    /// <summary>True between <see cref="Start"/> and <see cref="Stop"/>.</summary>
    public bool IsRunning => Volatile.Read(ref _state) == Running;

    /// <summary>Ring capacity in slots.</summary>
    public int Capacity => _ring.Capacity;

    /// <summary>The exception that halted a stage (a handler or engine bug), or null.</summary>
    public Exception? Fault => _risk.Fault ?? _egress.Fault;

    /// <summary>Alerts lost to a full buffer (engine buffer, risk→egress queue). Exact after <see cref="Stop"/>.</summary>
    public long AlertsDropped => _router.AlertsDropped + _alerts.Dropped;

    /// <summary>Bytes allocated so far by the risk and egress stage threads, sampled at the end of each batch
    /// (exact once <see cref="DeliveredSequence"/> passed the inputs of interest). Any thread.</summary>
    public StageCounters StageAllocations => new()
    {
        RiskAllocatedBytes = Volatile.Read(ref _counters.Value.RiskAllocatedBytes),
        EgressAllocatedBytes = Volatile.Read(ref _counters.Value.EgressAllocatedBytes),
    };

    /// <summary>Highest input sequence whose decision was delivered to the handler (−1 before any). Any thread (acquire).</summary>
    public long DeliveredSequence => _egress.Sequence.Value;

    /// <summary>
    /// Decides a message synchronously on the calling thread, before <see cref="Start"/>: the start-up path for
    /// reference data of any size (after start, <see cref="TrySubmit"/> takes messages larger than a slot too).
    /// It takes no ring sequence: the decision's input and outbound sequences are −1 and 0.
    /// </summary>
    /// <exception cref="InvalidOperationException">The gate was started.</exception>
    public GateDecision LoadReferenceData(ReadOnlySpan<byte> message, long receiveTimestampNs = 0)
    {
        if (Volatile.Read(ref _state) != Created)
        {
            throw new InvalidOperationException("LoadReferenceData is the start-up path: call it before Start().");
        }

        var sink = new DiscardSink();
        _router.Decide(message, -1, receiveTimestampNs, 0, out var decision, ref sink);
        return decision;
    }

    /// <summary>Starts the risk and egress threads. Configuring thread, once.</summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Created) != Created)
        {
            throw new InvalidOperationException("The gate was already started.");
        }

        _graph.Start();
    }

    /// <summary>
    /// Stops accepting submits, waits until every published message's decision was delivered, then halts
    /// the stages. Call after producers stopped submitting. Idempotent.
    /// </summary>
    /// <returns>True when everything was delivered and the threads ended within <paramref name="timeout"/>.</returns>
    public bool Stop(TimeSpan timeout)
    {
        var previous = Interlocked.Exchange(ref _state, Stopped);
        if (previous != Running)
        {
            return previous == Created || _graph.Halt(timeout);
        }

        var drained = _graph.Drain(timeout);
        CloseOutbound();
        return drained;
    }

    /// <summary>The handler held by the egress stage. Read it after <see cref="Stop"/> returned true.</summary>
    public THandler Handler => _readHandler().Value;

    /// <summary>The pool that carries messages larger than a slot through the ring (null when
    /// <see cref="GateOptions.LargeMessageBuffers"/> is 0).</summary>
    public LargeMessagePool? LargeMessages => _largeMessages;

    /// <summary>
    /// Copies <paramref name="message"/> (a binary protocol message, header first) into a slot and publishes
    /// it. Producer thread(s); never blocks. A message of up to 96 bytes goes inline; a longer one (up to
    /// <see cref="GateOptions.LargeMessageCapacity"/>) is copied once into a pre-allocated large-message
    /// buffer and its slot carries a reference, so it is decided in ring order like any other message.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="receiveTimestampNs">Receive time, echoed in the decision.</param>
    /// <param name="sourceId">Session or source id, echoed in the decision.</param>
    /// <returns><see cref="GateSubmitResult.Published"/>, or why not (nothing published):
    /// <see cref="GateSubmitResult.Busy"/> when the ring is full or every large-message buffer is in flight,
    /// <see cref="GateSubmitResult.TooLarge"/> when longer than the large-message capacity.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public GateSubmitResult TrySubmit(ReadOnlySpan<byte> message, long receiveTimestampNs, long sourceId = 0)
    {
        if (message.Length > GateSlot.MessageCapacity)
        {
            return TrySubmitLarge(message, receiveTimestampNs, sourceId);
        }

        var result = TryClaim(out var claim);
        if (result != GateSubmitResult.Published)
        {
            return result;
        }

        message.CopyTo(claim.Buffer);
        Publish(claim, message.Length, receiveTimestampNs, sourceId);
        return GateSubmitResult.Published;
    }

    /// <summary>
    /// Claims a slot to encode a message straight into it. On <see cref="GateSubmitResult.Published"/> the
    /// caller must call <see cref="Publish"/> with the claim; otherwise nothing was claimed. Producer thread(s); never blocks.
    /// </summary>
    public GateSubmitResult TryClaim(out SlotClaim claim)
    {
        claim = default;
        if (Volatile.Read(ref _state) != Running)
        {
            return GateSubmitResult.Stopped;
        }

        long sequence;
        var claimed = _single is not null ? _single.TryClaim(out sequence) : _multi!.TryClaim(out sequence);
        if (!claimed)
        {
            return GateSubmitResult.Busy;
        }

        ref var slot = ref _ring[sequence];
        claim = new SlotClaim(sequence, MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference((Span<byte>)slot.Message), GateSlot.MessageCapacity));
        return GateSubmitResult.Published;
    }

    /// <summary>
    /// Publishes a claimed slot holding a <paramref name="length"/>-byte message. A length outside
    /// [0, 96] publishes the slot as invalid (it gets a <c>MalformedMessage</c> decision). Producer thread that claimed it.
    /// </summary>
    public void Publish(in SlotClaim claim, int length, long receiveTimestampNs, long sourceId = 0)
    {
        var sequence = claim.Sequence;
        ref var slot = ref _ring[sequence];
        slot.SourceId = sourceId;
        slot.ReceiveTimestampNs = receiveTimestampNs;
        slot.DecisionStatus = 0;
        if ((uint)length <= GateSlot.MessageCapacity)
        {
            slot.Length = length;
            slot.Validity = SlotValidity.Valid;
        }
        else
        {
            slot.Invalidate();
        }

        if (_single is not null)
        {
            _single.Publish(sequence);
        }
        else
        {
            _multi!.Publish(sequence);
        }
    }

    /// <summary>
    /// Batch ingress for gateways: takes the whole SOFH frames at the start of <paramref name="buffer"/> (a
    /// network read), copies each message once into a slot (or a large-message buffer) and publishes them in
    /// batches of up to <see cref="MaxFramesPerBatch"/> with one publish each. Producer thread(s); never blocks.
    /// </summary>
    /// <remarks>
    /// <para>Every frame taken gets exactly one decision, in buffer order. A frame whose framing is sound but
    /// whose message fails validation is published anyway and decided <c>MalformedMessage</c> /
    /// <c>UnsupportedMessage</c> (counted in <see cref="FrameBatch.Malformed"/>); it never disturbs the frames
    /// after it. A framing error (bad length or encoding type) stops the call before that frame: the stream
    /// cannot be resynchronised. Declared lengths above the large-message capacity (96 bytes without a pool)
    /// are framing errors.</para>
    /// <para>A partial frame at the end is left in the buffer (<see cref="FrameBatch.Consumed"/> stops before
    /// it). When the ring or the large-message pool fills mid-buffer, the frames already taken stay published
    /// and the call returns <see cref="GateSubmitResult.Busy"/>: resubmit from <see cref="FrameBatch.Consumed"/>.</para>
    /// </remarks>
    /// <returns><see cref="GateSubmitResult.Published"/> when the call stopped only for <see cref="FrameBatch.Status"/>;
    /// <see cref="GateSubmitResult.Busy"/> when it stopped because the ring or pool was full; <see cref="GateSubmitResult.Stopped"/>.</returns>
    public GateSubmitResult TrySubmitFrames(ReadOnlySpan<byte> buffer, long receiveTimestampNs, long sourceId, out FrameBatch batch)
    {
        batch = default;
        if (Volatile.Read(ref _state) != Running)
        {
            batch.Status = FrameStatus.Incomplete;
            return GateSubmitResult.Stopped;
        }

        Span<int> offsets = stackalloc int[MaxFramesPerBatch];
        Span<int> lengths = stackalloc int[MaxFramesPerBatch];
        Span<int> pooled = stackalloc int[MaxFramesPerBatch];
        while (true)
        {
            // Scan: find up to MaxFramesPerBatch whole frames; a valid message larger than a slot takes its
            // pool buffer now, so that the slots claimed next can all be filled.
            var n = 0;
            var position = batch.Consumed;
            var status = FrameStatus.Ok;
            var poolFull = false;
            while (n < MaxFramesPerBatch)
            {
                var rest = buffer[position..];
                if (rest.IsEmpty)
                {
                    break;
                }

                status = _frames.TryRead(rest, out var message, out var frameLength);
                if (status is FrameStatus.Incomplete or FrameStatus.LengthTooSmall or FrameStatus.LengthTooLarge or FrameStatus.WrongEncodingType)
                {
                    break;
                }

                var bodyLength = frameLength - FramingHeader.Length;
                var index = -1;
                if (status == FrameStatus.Ok && bodyLength > GateSlot.MessageCapacity)
                {
                    index = _largeMessages!.TryClaim(message);
                    if (index < 0)
                    {
                        poolFull = true;
                        status = FrameStatus.Ok;
                        break;
                    }
                }

                offsets[n] = position + FramingHeader.Length;
                lengths[n] = status == FrameStatus.Ok ? bodyLength : -bodyLength - 1;
                pooled[n] = index;
                n++;
                position += frameLength;
                status = FrameStatus.Ok;
            }

            if (n == 0)
            {
                batch.Status = poolFull ? FrameStatus.Incomplete : status == FrameStatus.Ok ? (batch.Consumed == buffer.Length ? FrameStatus.Ok : FrameStatus.Incomplete) : status;
                return poolFull ? GateSubmitResult.Busy : GateSubmitResult.Published;
            }

            // Claim: all n slots at once, or as many as the ring has (halving); give back what is not taken.
            var take = Math.Min(n, _ring.Capacity);
            long high;
            while (!(_single is not null ? _single.TryClaim(take, out high) : _multi!.TryClaim(take, out high)))
            {
                take >>= 1;
                if (take == 0)
                {
                    ReleasePooled(pooled[..n]);
                    batch.Status = FrameStatus.Incomplete;
                    return GateSubmitResult.Busy;
                }
            }

            ReleasePooled(pooled[take..n]);
            var low = high - take + 1;
            for (var k = 0; k < take; k++)
            {
                var sequence = low + k;
                ref var slot = ref _ring[sequence];
                slot.SourceId = sourceId;
                slot.ReceiveTimestampNs = receiveTimestampNs;
                slot.DecisionStatus = 0;
                var length = lengths[k];
                var body = buffer.Slice(offsets[k], length >= 0 ? length : -length - 1);
                var inline = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference((Span<byte>)slot.Message), GateSlot.MessageCapacity);
                if (pooled[k] >= 0)
                {
                    _largeMessages!.Bind(pooled[k], body.Length, sequence, inline);
                    slot.Length = LargeMessagePool.ReferenceLength;
                    slot.Validity = SlotValidity.Valid;
                }
                else if (body.Length <= GateSlot.MessageCapacity)
                {
                    // Malformed messages ride along too: the risk stage decides them like any bad input.
                    body.CopyTo(inline);
                    slot.Length = body.Length;
                    slot.Validity = SlotValidity.Valid;
                }
                else
                {
                    slot.Invalidate(); // a bad message larger than a slot: decided MalformedMessage
                }

                batch.Malformed += length >= 0 ? 0 : 1;
            }

            if (_single is not null)
            {
                _single.Publish(low, high);
            }
            else
            {
                _multi!.Publish(low, high);
            }

            batch.Published += take;
            batch.Consumed = take == n ? position : offsets[take] - FramingHeader.Length;
            if (take < n)
            {
                batch.Status = FrameStatus.Incomplete;
                return GateSubmitResult.Busy;
            }

            if (poolFull)
            {
                batch.Status = FrameStatus.Incomplete;
                return GateSubmitResult.Busy;
            }

            if (n < MaxFramesPerBatch)
            {
                batch.Status = status != FrameStatus.Ok ? status : batch.Consumed == buffer.Length ? FrameStatus.Ok : FrameStatus.Incomplete;
                return GateSubmitResult.Published;
            }
        }
    }

    /// <summary>
    /// As <see cref="TrySubmitFrames(ReadOnlySpan{byte}, long, long, out FrameBatch)"/> over a
    /// <c>PipeReader</c> buffer: frames inside a segment are taken in place; a frame that spans segments is
    /// copied once into a per-thread scratch buffer (64 KiB, allocated on a producer thread's first spanning frame)
    /// and submitted from there. <see cref="FrameBatch.Consumed"/> counts bytes from the start of
    /// <paramref name="buffer"/> (<c>reader.AdvanceTo(buffer.GetPosition(batch.Consumed), buffer.End)</c>).
    /// Producer thread(s); never blocks.
    /// </summary>
    public GateSubmitResult TrySubmitFrames(in ReadOnlySequence<byte> buffer, long receiveTimestampNs, long sourceId, out FrameBatch batch)
    {
        if (buffer.IsSingleSegment)
        {
            return TrySubmitFrames(buffer.FirstSpan, receiveTimestampNs, sourceId, out batch);
        }

        batch = default;
        var rest = buffer;
        while (true)
        {
            // A slice that ends on a segment boundary starts with an empty span: take the first non-empty one.
            var first = rest.FirstSpan;
            if (first.IsEmpty)
            {
                foreach (var memory in rest)
                {
                    if (!memory.IsEmpty)
                    {
                        first = memory.Span;
                        break;
                    }
                }
            }

            var result = TrySubmitFrames(first, receiveTimestampNs, sourceId, out var part);
            if (part.Status == FrameStatus.Incomplete && result == GateSubmitResult.Published && rest.Length > first.Length)
            {
                // The first segment ends inside a frame: take the next frame(s) from a contiguous copy.
                Add(ref batch, in part);
                rest = rest.Slice(part.Consumed);
                var scratch = _spanningFrame ??= new byte[FramingHeader.Length + (1 << 16)]; // the largest frame any gate accepts
                var length = (int)Math.Min(rest.Length, _frames.MaxFrameLength);
                rest.Slice(0, length).CopyTo(scratch);
                result = TrySubmitFrames(scratch.AsSpan(0, length), receiveTimestampNs, sourceId, out part);
                if (part.Consumed == 0)
                {
                    batch.Status = part.Status;
                    return result;
                }
            }

            Add(ref batch, in part);
            rest = rest.Slice(part.Consumed);
            if (result != GateSubmitResult.Published || part.Status is not (FrameStatus.Ok or FrameStatus.Incomplete) || rest.IsEmpty || part.Consumed == 0)
            {
                batch.Status = rest.IsEmpty && result == GateSubmitResult.Published ? FrameStatus.Ok : part.Status;
                return result;
            }
        }
    }

    /// <summary>Most frames <see cref="TrySubmitFrames(ReadOnlySpan{byte}, long, long, out FrameBatch)"/> claims and publishes at once.</summary>
    public const int MaxFramesPerBatch = 64;

    private static void Add(ref FrameBatch total, in FrameBatch part)
    {
        total.Consumed += part.Consumed;
        total.Published += part.Published;
        total.Malformed += part.Malformed;
    }

    private void ReleasePooled(ReadOnlySpan<int> pooled)
    {
        foreach (var index in pooled)
        {
            if (index >= 0)
            {
                _largeMessages!.Release(index);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private GateSubmitResult TrySubmitLarge(ReadOnlySpan<byte> message, long receiveTimestampNs, long sourceId)
    {
        var pool = _largeMessages;
        if (pool is null || message.Length > pool.Capacity)
        {
            return GateSubmitResult.TooLarge;
        }

        if (Volatile.Read(ref _state) != Running)
        {
            return GateSubmitResult.Stopped;
        }

        // Buffer first, slot second: a claimed slot must be published, a claimed buffer can be handed back.
        var index = pool.TryClaim(message);
        if (index < 0)
        {
            return GateSubmitResult.Busy;
        }

        var result = TryClaim(out var claim);
        if (result != GateSubmitResult.Published)
        {
            pool.Release(index);
            return result;
        }

        pool.Bind(index, message.Length, claim.Sequence, claim.Buffer);
        Publish(claim, LargeMessagePool.ReferenceLength, receiveTimestampNs, sourceId);
        return GateSubmitResult.Published;
    }

    private void CloseOutbound()
    {
        if (_readHandler().Value is PollingDecisionHandler polling)
        {
            polling.Ring.Close();
        }
    }

    // The gate's stages take microseconds per message, so waiting for bigger batches (BatchCoalescing) buys no
    // throughput and would only add latency under load.
    private const int NoCoalescing = 0;

    private IEventProcessor AddStage<TStage>(string name, TStage handler, GateWaitStrategy wait, WaitSignal signal, IEventProcessor[] dependsOn, int maxBatch, out Func<StrongBox<THandler>> readHandler)
        where TStage : struct, IStageHandler<GateSlot>
    {
        switch (wait)
        {
            case GateWaitStrategy.BusySpin:
                return Bind(_graph.AddStage(name, handler, default(BusySpinIdleStrategy), dependsOn, maxBatch, policy: null, coalescePauses: NoCoalescing), out readHandler);
            case GateWaitStrategy.Backoff:
                return Bind(_graph.AddStage(name, handler, new BackoffIdleStrategy(), dependsOn, maxBatch, policy: null, coalescePauses: NoCoalescing), out readHandler);
            case GateWaitStrategy.Blocking:
                return Bind(_graph.AddStage(name, handler, new BlockingIdleStrategy(signal), dependsOn, maxBatch, policy: null, coalescePauses: NoCoalescing), out readHandler);
            default:
                return Bind(_graph.AddStage(name, handler, new YieldingIdleStrategy(), dependsOn, maxBatch, policy: null, coalescePauses: NoCoalescing), out readHandler);
        }
    }

    private static BatchEventProcessor<GateSlot, TStage, TIdle> Bind<TStage, TIdle>(BatchEventProcessor<GateSlot, TStage, TIdle> processor, out Func<StrongBox<THandler>> readHandler)
        where TStage : struct, IStageHandler<GateSlot>
        where TIdle : struct, IIdleStrategy
    {
        readHandler = () => processor.Handler is EgressStageHandler<THandler> egress ? new StrongBox<THandler>(egress.Handler) : new StrongBox<THandler>(default);
        return processor;
    }

    private readonly struct DiscardSink : IAlertSink
    {
        public bool TryAdd(in GateAlert alert) => true;
    }
}
