package io.llmload.runner.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batching state machine, step by step, without threads or clocks. */
class BatchModelTest {

    private final List<String> notifications = new ArrayList<>();
    private final Sequence.Listener listener = s -> notifications.add(s.requestId + ":" + s.produced());

    private static SimulatorProfile profile(long kv, int maxRunning) {
        return new SimulatorProfile("t", kv, maxRunning, 1_000, 1_000, 0.0, 0.0, 8, 4);
    }

    private Sequence seq(String id, int prompt, int max, boolean stream) {
        return new Sequence(id, prompt, max, 0, stream, listener);
    }

    @Test
    void admitsFcfsUpToMaxRunningAndEmitsOneTokenPerStep() {
        BatchModel model = new BatchModel(profile(1_000, 2));
        Sequence a = seq("a", 10, 3, true);
        Sequence b = seq("b", 20, 3, true);
        Sequence c = seq("c", 30, 3, false);
        model.enqueue(a);
        model.enqueue(b);
        model.enqueue(c);

        assertThat(model.schedule(0, false)).isEqualTo(30); // a and b prefilled, c waits for a slot
        assertThat(model.snapshot()).extracting(SimulatorState::running, SimulatorState::waiting,
                SimulatorState::kvTokensUsed).containsExactly(2, 1, 30L);
        model.emit(100);
        assertThat(model.kvUsed()).isEqualTo(32);
        assertThat(notifications).containsExactly("a:1", "b:1");

        for (int step = 1; step < 3; step++) {
            assertThat(model.schedule(step * 100L, false)).isZero();
            model.emit(step * 100L + 100);
        }
        assertThat(a.produced()).isEqualTo(3);
        assertThat(a.generatedNanosCopy(3)).containsExactly(100, 200, 300);
        assertThat(model.snapshot()).extracting(SimulatorState::running, SimulatorState::waiting,
                SimulatorState::kvTokensUsed, SimulatorState::requestsFinished).containsExactly(0, 1, 0L, 2L);

        assertThat(model.schedule(300, false)).isEqualTo(30); // c admitted now
        for (int step = 0; step < 3; step++) {
            model.emit(400 + step * 100L);
            model.schedule(400 + step * 100L, false);
        }
        // Non-streaming c is notified once, when finished.
        assertThat(notifications).filteredOn(n -> n.startsWith("c")).containsExactly("c:3");
        SimulatorState s = model.snapshot();
        assertThat(s.generationTokensTotal()).isEqualTo(9);
        assertThat(s.promptTokensTotal()).isEqualTo(60);
        assertThat(s.requestsFinished()).isEqualTo(3);
        assertThat(model.idle()).isTrue();
    }

    @Test
    void preemptsTheMostRecentlyAdmittedWhenKvIsFullAndRecomputesItLater() {
        BatchModel model = new BatchModel(profile(30, 4));
        Sequence a = seq("a", 10, 10, true);
        Sequence b = seq("b", 10, 10, true);
        model.enqueue(a);
        model.enqueue(b);

        long prefillTotal = 0;
        int preemptedAtStep = -1;
        long readmitPrefill = -1;
        for (int step = 0; step < 40 && !model.idle(); step++) {
            long prefill = model.schedule(step, false);
            prefillTotal += prefill;
            SimulatorState s = model.snapshot();
            assertThat(s.kvTokensUsed()).isLessThanOrEqualTo(30);
            if (s.preemptions() == 1 && preemptedAtStep < 0) {
                preemptedAtStep = step;
                assertThat(s.running()).isEqualTo(1);
                assertThat(s.waiting()).isEqualTo(1);
            }
            if (preemptedAtStep >= 0 && prefill > 0 && readmitPrefill < 0) {
                readmitPrefill = prefill;
            }
            model.emit(step + 1);
            assertThat(model.kvUsed()).isLessThanOrEqualTo(30);
        }
        // 20 + 2 per step: full (30) after 5 steps, then b (the newest) is preempted with 5 generated tokens.
        assertThat(preemptedAtStep).isEqualTo(5);
        assertThat(readmitPrefill).isEqualTo(15); // b's prompt + its 5 kept tokens
        assertThat(prefillTotal).isEqualTo(20 + 15);
        assertThat(a.produced()).isEqualTo(10);
        assertThat(b.produced()).isEqualTo(10);
        assertThat(b.generatedNanosCopy(10)).isSorted();
        SimulatorState s = model.snapshot();
        assertThat(s.preemptions()).isEqualTo(1);
        assertThat(s.promptTokensTotal()).isEqualTo(20); // recompute is not new prompt
        assertThat(s.generationTokensTotal()).isEqualTo(20);
        assertThat(s.kvTokensUsed()).isZero();
        assertThat(model.idle()).isTrue();
    }

    @Test
    void headOfLineBlocksWhenThePromptDoesNotFit() {
        BatchModel model = new BatchModel(profile(100, 8));
        model.enqueue(seq("big1", 60, 5, true));
        model.enqueue(seq("big2", 60, 5, true));
        model.enqueue(seq("small", 1, 5, true));
        model.schedule(0, false);
        // big2 does not fit next to big1; small must not overtake it (FCFS).
        assertThat(model.snapshot()).extracting(SimulatorState::running, SimulatorState::waiting)
                .containsExactly(1, 2);
        assertThat(model.snapshot().kvCacheUsage()).isEqualTo(0.6);
    }

    @Test
    void cancelledSequencesFreeTheirKv() {
        BatchModel model = new BatchModel(profile(100, 8));
        Sequence a = seq("a", 40, 5, true);
        Sequence w = seq("w", 70, 5, true);
        model.enqueue(a);
        model.enqueue(w);
        model.schedule(0, false);
        model.emit(1);
        assertThat(model.kvUsed()).isEqualTo(41);
        a.cancel();
        w.cancel();
        model.schedule(2, true);
        assertThat(model.snapshot()).extracting(SimulatorState::running, SimulatorState::waiting,
                SimulatorState::kvTokensUsed).containsExactly(0, 0, 0L);
        assertThat(model.idle()).isTrue();
    }

    @Test
    void stalledSequenceKeepsItsKvButEmitsNothingUntilItResumes() {
        BatchModel model = new BatchModel(profile(100, 8));
        Sequence s = new Sequence("s", 10, 3, 1_000, true, listener);
        model.enqueue(s);
        model.schedule(0, false);
        model.emit(100); // first token; stall until 1100
        model.schedule(500, false);
        model.emit(600);
        assertThat(s.produced()).isEqualTo(1);
        assertThat(model.kvUsed()).isEqualTo(11);
        model.schedule(1_100, false);
        model.emit(1_200);
        model.schedule(1_200, false);
        model.emit(1_300);
        assertThat(s.generatedNanosCopy(3)).containsExactly(100, 1_200, 1_300);
    }

    @Test
    void refusesSequencesThatCanNeverFit() {
        BatchModel model = new BatchModel(profile(100, 8));
        assertThat(BatchModel.fits(profile(100, 8), 60, 40)).isTrue();
        assertThat(BatchModel.fits(profile(100, 8), 60, 41)).isFalse();
        assertThatThrownBy(() -> model.enqueue(seq("x", 60, 41, true)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
