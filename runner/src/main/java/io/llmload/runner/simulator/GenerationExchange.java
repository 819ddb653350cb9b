package io.llmload.runner.simulator;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP side of one admitted chat/completions request. The scheduler thread calls {@link #onProgress}; that
 * hands a drain to the request's event loop at most once at a time (later tokens are picked up by the pending
 * drain), and the drain writes chunks and records the write times. All other methods run on the event loop.
 */
final class GenerationExchange implements Sequence.Listener {

    private final HttpServerResponse response;
    private final Context context;
    private final BatchScheduler scheduler;
    private final GroundTruth groundTruth;
    private final GenerationRequest request;
    private final String requestId;
    private final long arrivalNanos;
    private final Fault fault;
    private final WireFormat format;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final long[] writeNanos;
    private final long stallNanos;
    private final int tokensPerChunk;
    private Sequence sequence;
    private int written;
    private boolean done;
    /** Stall fault: no token chunk may be written before this time (0 = no hold). */
    private long holdUntilNanos;
    private boolean holdTimerPending;

    GenerationExchange(HttpServerResponse response, Context context, BatchScheduler scheduler, GroundTruth groundTruth,
            GenerationRequest request, String requestId, long arrivalNanos, Fault fault, long stallNanos,
            String responseId, long createdSeconds, String quotedModel, long seed, long ordinal, int tokensPerChunk) {
        this.response = response;
        this.context = context;
        this.scheduler = scheduler;
        this.groundTruth = groundTruth;
        this.request = request;
        this.requestId = requestId;
        this.arrivalNanos = arrivalNanos;
        this.fault = fault;
        this.stallNanos = stallNanos;
        this.tokensPerChunk = tokensPerChunk;
        this.format = WireFormat.of(request, responseId, createdSeconds, quotedModel, seed, ordinal);
        this.writeNanos = request.stream() ? new long[request.maxTokens()] : null;
    }

    /** Queues the sequence; for streams, sends the headers now like vLLM (the role chunk comes with token 1). */
    void start() {
        sequence = new Sequence(requestId, request.promptTokens(), request.maxTokens(), stallNanos, request.stream(),
                this, request.blocks());
        response.closeHandler(v -> abort());
        if (request.stream()) {
            response.setChunked(true)
                    .putHeader("content-type", "text/event-stream; charset=utf-8")
                    .putHeader("cache-control", "no-cache");
            response.writeHead();
        }
        scheduler.submit(sequence);
    }

    @Override
    public void onProgress(Sequence s) {
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    private void drain() {
        drainScheduled.set(false);
        if (done) {
            return;
        }
        if (response.closed()) {
            abort();
            return;
        }
        int produced = sequence.produced();
        if (!request.stream()) {
            if (produced >= request.maxTokens()) {
                respondInFull();
            }
            return;
        }
        while (written < produced) {
            if (holdUntilNanos != 0 && holdStillActive()) {
                return;
            }
            // A chunk goes out once it is full (tokensPerChunk tokens) or holds the last token.
            int count = Math.min(tokensPerChunk, request.maxTokens() - written);
            if (produced - written < count) {
                return;
            }
            boolean firstChunk = written == 0;
            Buffer opening = firstChunk ? format.opening() : null;
            if (opening != null) {
                response.write(opening);
            }
            Buffer chunk = format.tokenChunk(written, count, written + count == request.maxTokens());
            long now = System.nanoTime();
            response.write(chunk);
            for (int i = 0; i < count; i++) {
                writeNanos[written++] = now;
            }
            if (fault == Fault.MALFORMED) {
                endMalformedStream();
                return;
            }
            if (fault == Fault.STALL && firstChunk) {
                // The scheduler pauses the sequence from its generation time; holding writes from the time the
                // client could see the first chunk guarantees the client-visible gap is at least stallMillis too.
                holdUntilNanos = now + stallNanos;
            }
        }
        if (written >= request.maxTokens()) {
            endStream();
        }
    }

    /** True (and a wake-up timer armed) while the stall hold has not expired. */
    private boolean holdStillActive() {
        long remaining = holdUntilNanos - System.nanoTime();
        if (remaining <= 0) {
            holdUntilNanos = 0;
            return false;
        }
        if (!holdTimerPending) {
            holdTimerPending = true;
            long millis = Math.max(1, (remaining + 999_999) / 1_000_000);
            context.owner().setTimer(millis, id -> {
                holdTimerPending = false;
                drain();
            });
        }
        return true;
    }

    private void endStream() {
        response.write(format.closing(request.promptTokens(), written, request.includeUsage()));
        finish(written, System.nanoTime());
        response.end();
    }

    private void endMalformedStream() {
        response.write(format.malformed());
        scheduler.cancel(sequence);
        finish(written, System.nanoTime());
        response.end();
    }

    private void respondInFull() {
        int tokens = request.maxTokens();
        String body = fault == Fault.MALFORMED
                ? ChunkFormat.BROKEN_JSON
                : format.fullResponse(request.promptTokens(), tokens);
        finish(tokens, System.nanoTime());
        response.putHeader("content-type", OpenAiJson.APPLICATION_JSON).end(body);
    }

    /** Records the truth before ending the response, so a client that saw the end can already find it. */
    private void finish(int tokens, long endNanos) {
        done = true;
        long[] generatedNanos = sequence.generatedNanosCopy(tokens);
        long[] tokenNanos = generatedNanos;
        if (request.stream()) {
            tokenNanos = new long[tokens];
            System.arraycopy(writeNanos, 0, tokenNanos, 0, tokens);
        }
        groundTruth.record(new RequestTruth(requestId, request.api(), request.stream(), arrivalNanos,
                tokens > 0 ? tokenNanos[0] : 0, tokenNanos, endNanos, request.promptTokens(), tokens,
                fault.wireName, generatedNanos));
    }

    /** The client went away: free the sequence's KV, record nothing (the request did not complete). */
    private void abort() {
        if (!done) {
            done = true;
            scheduler.cancel(sequence);
        }
    }
}
