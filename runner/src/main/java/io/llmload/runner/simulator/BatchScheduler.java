package io.llmload.runner.simulator;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the {@link BatchModel} on one daemon thread, paced by {@link StepTimer}. HTTP handlers {@link #submit} from
 * any thread; the thread blocks on the incoming queue when there is nothing to do, so an idle simulator costs no CPU.
 */
final class BatchScheduler implements AutoCloseable {

    static final String THREAD_NAME = "llmload-sim-scheduler";
    private static final long IDLE_POLL_MILLIS = 100;

    private final SimulatorProfile profile;
    private final BatchModel model;
    private final StepTimer timer;
    private final LinkedBlockingQueue<Sequence> incoming = new LinkedBlockingQueue<>();
    private final AtomicBoolean cancelPending = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean closed;
    private volatile SimulatorState state = SimulatorState.EMPTY;

    BatchScheduler(SimulatorProfile profile) {
        this.profile = profile;
        this.model = new BatchModel(profile);
        this.timer = new StepTimer(profile);
        this.thread = new Thread(this::run, THREAD_NAME);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues a sequence for admission. Fails fast if it can never fit or the scheduler is closed. */
    void submit(Sequence sequence) {
        if (!BatchModel.fits(profile, sequence.promptTokens, sequence.maxTokens)) {
            throw new IllegalArgumentException("sequence larger than the KV cache");
        }
        if (closed) {
            throw new IllegalStateException("simulator is closed");
        }
        incoming.add(sequence);
    }

    /** Aborts a sequence (client went away, malformed fault); its KV is freed at the next step. */
    void cancel(Sequence sequence) {
        sequence.cancel();
        cancelPending.set(true);
    }

    SimulatorState state() {
        return state;
    }

    /** Requests on this engine: running, waiting, and submitted but not yet seen by the step loop. */
    int load() {
        SimulatorState s = state;
        return s.running() + s.waiting() + incoming.size();
    }

    private void run() {
        while (!closed) {
            try {
                step();
            } catch (InterruptedException e) {
                // close() interrupts to wake an idle poll; the loop condition decides.
            } catch (RuntimeException e) {
                // Never let one bad sequence kill the engine; back off briefly to stay bounded.
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    private void step() throws InterruptedException {
        drainIncoming();
        if (model.idle()) {
            state = model.snapshot();
            timer.reset();
            Sequence next = incoming.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (next != null) {
                model.enqueue(next);
            }
            return;
        }
        long now = System.nanoTime();
        long prefill = model.schedule(now, cancelPending.getAndSet(false));
        state = model.snapshot();
        if (model.runningCount() == 0) {
            // Everything left was cancelled or cannot be admitted yet; do not spin.
            timer.reset();
            LockSupport.parkNanos(100_000);
            return;
        }
        long deadline = timer.nextDeadline(now, timer.stepNanos(model.kvUsed(), model.runningCount(), prefill));
        StepTimer.parkUntil(deadline, () -> closed);
        if (closed) {
            return;
        }
        model.emit(System.nanoTime());
        state = model.snapshot();
    }

    private void drainIncoming() {
        Sequence s;
        // Bounded by the queue's size at this moment plus concurrent arrivals; each is O(1).
        int max = incoming.size() + 1_024;
        while (max-- > 0 && (s = incoming.poll()) != null) {
            model.enqueue(s);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
