package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.metrics.UserRequestStats;
import io.llmload.runner.simulator.FaultInjection;
import io.llmload.runner.simulator.RequestTruth;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Composite request types against the simulator: RAG sends an embeddings call then a chat call carrying the
 * retrieved context; a session re-sends its growing history turn after turn; a chain sends N steps, carrying the
 * previous reply. Each step is recorded in its own cell, each user request once, end to end.
 */
class CompositeRequestsTest {

    @Test
    void ragSendsOneEmbeddingsCallThenOneChatCallCarryingTheRetrievedDocuments() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withGroundTruth())) {
            EngineRuns run = EngineRuns.run(EngineRuns.manifest("{model: closed, stages: [{duration: 2s, users: 3}]}",
                    "{name: rag, api: rag, prompt: {inputTokens: {value: 16}}, output: {maxTokens: {value: 8}},"
                            + " rag: {retrievedDocuments: 3, documentTokens: 50}}"),
                    simulator.baseUrl(), 8);

            assertThat(run.data.requestTypes()).containsExactly("rag.retrieve", "rag.generate");
            List<RequestTruth> truths = simulator.groundTruth().all();
            List<RequestTruth> embeddings = truths.stream().filter(t -> t.api().equals("embeddings")).toList();
            List<RequestTruth> chats = truths.stream().filter(t -> t.api().equals("chat")).toList();
            assertThat(chats).hasSizeGreaterThan(5);
            // The embeddings call embeds the question alone; the chat prompt is 3 documents of 50 tokens + it, with
            // the blank lines between them (one cl100k token each: 2 between documents, 1 before the question).
            assertThat(embeddings).allSatisfy(t -> assertThat(t.promptTokens()).isEqualTo(16));
            assertThat(chats).allSatisfy(t -> assertThat(t.promptTokens()).isEqualTo(3 * 50 + 3 + 16));

            CellStats retrieve = cell(run, "rag.retrieve");
            CellStats generate = cell(run, "rag.generate");
            assertThat(retrieve.succeeded()).isEqualTo(embeddings.size());
            assertThat(generate.succeeded()).isEqualTo(chats.size());
            assertThat(retrieve.userRequests()).isNull();

            UserRequestStats users = cell(run, "rag").userRequests();
            assertThat(users.count()).isEqualTo(chats.size());
            assertThat(users.failed()).isZero();
            // A retrieval whose chat call the end of the test cut off is an interrupted user request.
            assertThat(embeddings.size()).isEqualTo(users.count() + users.interrupted());
            assertThat(users.steps().getMinValue()).isEqualTo(2);
            assertThat(users.steps().getMaxValue()).isEqualTo(2);
            assertThat(users.tokens().getMinValue()).isEqualTo(16 + (3 * 50 + 3 + 16) + 8);
            assertEndToEndCoversItsSteps(run, 1, 2, users, 0);
            assertLaterStepsAreDueWhenThePreviousEnded(run, 0);
        }
    }

    @Test
    void sessionTurnsCarryTheWholeHistorySoEachPromptGrowsByTheLastReplyAndTheNewMessage() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withGroundTruth())) {
            EngineRuns run = EngineRuns.run(EngineRuns.manifest("{model: closed, stages: [{duration: 2s, users: 3}]}",
                    "{name: chat-session, api: chat, prompt: {systemPrompt: 'Be brief.', inputTokens: {value: 10}},"
                            + " output: {maxTokens: {value: 6}}, session: {turns: {value: 4}, thinkTime: 50ms}}"),
                    simulator.baseUrl(), 8);

            Map<String, List<RequestTruth>> sessions = new LinkedHashMap<>();
            for (RequestTruth truth : simulator.groundTruth().all()) {
                sessions.computeIfAbsent(userRequestId(truth.requestId()), k -> new ArrayList<>()).add(truth);
            }
            int complete = 0;
            for (List<RequestTruth> turns : sessions.values()) {
                turns.sort(Comparator.comparingInt(t -> step(t.requestId())));
                // Turn 1: system prompt (3 tokens: "Be brief.") + 10; then + the 6-token reply + 10 new tokens.
                assertThat(turns.get(0).promptTokens()).isEqualTo(3 + 10);
                for (int k = 1; k < turns.size(); k++) {
                    assertThat(turns.get(k).promptTokens()).isGreaterThan(turns.get(k - 1).promptTokens())
                            .isEqualTo(turns.get(k - 1).promptTokens() + 6 + 10);
                }
                complete += turns.size() == 4 ? 1 : 0;
            }
            assertThat(complete).isGreaterThan(3);

            UserRequestStats users = cell(run, "chat-session").userRequests();
            assertThat(users.count()).isEqualTo(complete);
            assertThat(users.steps().getMinValue()).isEqualTo(4);
            assertThat(users.steps().getMaxValue()).isEqualTo(4);
            assertThat(users.meanThinkMillis()).isEqualTo(3 * 50.0);
            assertThat(cell(run, "chat-session").succeeded()).isEqualTo(simulator.groundTruth().size());
            assertEndToEndCoversItsSteps(run, 0, 4, users, 3 * 50_000_000L);
            assertLaterStepsAreDueWhenThePreviousEnded(run, 50_000_000L);
        }
    }

    @Test
    void chainsSendTheirStepsInSequenceAndCarryThePreviousReplyOnlyWhenAsked() throws Exception {
        String mix = "{name: carry, api: chat, stream: false, prompt: {text: 'plan the next step'},"
                + " output: {maxTokens: {value: 5}}, chain: {steps: 3}}\n"
                + "      - {name: plain, api: chat, prompt: {text: 'plan the next step'},"
                + " output: {maxTokens: {value: 5}}, chain: {steps: 2, carryOutput: false}}";
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withGroundTruth())) {
            EngineRuns run = EngineRuns.run(EngineRuns.manifest("{model: closed, stages: [{duration: 2s, users: 4}]}",
                    mix), simulator.baseUrl(), 8);

            assertThat(run.data.requestTypes()).containsExactly("carry", "plain");
            Map<String, Integer> typeOf = new LinkedHashMap<>();
            run.traces.forEach(t -> typeOf.put(t.requestId(), t.typeIndex()));
            for (RequestTruth truth : simulator.groundTruth().all()) {
                int step = step(truth.requestId());
                boolean carried = typeOf.get(truth.requestId()) == 0;
                // "plan the next step" is 4 tokens; a carried step also holds the previous 5-token reply and the
                // blank line after it (one cl100k token).
                assertThat(truth.promptTokens()).as(truth.requestId()).isEqualTo(carried && step > 1 ? 10 : 4);
            }
            UserRequestStats carry = cell(run, "carry").userRequests();
            UserRequestStats plain = cell(run, "plain").userRequests();
            assertThat(carry.count()).isPositive();
            assertThat(plain.count()).isPositive();
            assertThat(carry.steps().getMaxValue()).isEqualTo(3);
            assertThat(carry.steps().getMinValue()).isEqualTo(3);
            assertThat(plain.steps().getMaxValue()).isEqualTo(2);
            assertThat(carry.tokens().getMinValue()).isEqualTo((4 + 5) + (10 + 5) + (10 + 5));
            assertEndToEndCoversItsSteps(run, 0, 3, carry, 0);
        }
    }

    @Test
    void inTheOpenModelAnArrivalStartsASessionAndItsLaterTurnsFollowThePreviousReply() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withGroundTruth())) {
            EngineRuns run = EngineRuns.run(EngineRuns.manifest(
                    "{model: open, arrival: constant, stages: [{duration: 1s, rate: 5}]}",
                    "{name: s, api: chat, prompt: {inputTokens: {value: 8}}, output: {maxTokens: {value: 4}},"
                            + " session: {turns: {value: 3}}}"),
                    simulator.baseUrl(), 16);

            // The graceful stop lets turns in flight finish, but the end of the plan stops later turns.
            UserRequestStats users = cell(run, "s").userRequests();
            assertThat(users.count() + users.interrupted()).isEqualTo(5);
            assertThat(run.traces.stream().filter(t -> step(t.requestId()) == 1)).hasSize(5);
            assertThat(users.count()).isPositive();
            assertThat(users.steps().getMinValue()).isEqualTo(3);
            assertLaterStepsAreDueWhenThePreviousEnded(run, 0);
        }
    }

    @Test
    void aFailedStepEndsItsUserRequestAsFailedAndNoLaterStepIsSent() throws Exception {
        FaultInjection faults = new FaultInjection(0, 1, 0.25, 0, 0, 0);
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withGroundTruth()
                .withFaults(faults).withSeed(5))) {
            EngineRuns run = EngineRuns.run(EngineRuns.manifest("{model: closed, stages: [{duration: 2s, users: 3}]}",
                    "{name: c, api: chat, prompt: {text: go}, output: {maxTokens: {value: 4}}, chain: {steps: 4}}"),
                    simulator.baseUrl(), 8);

            int failedUserRequests = 0;
            for (List<RequestTrace> steps : byUserRequest(run.traces).values()) {
                for (int k = 0; k < steps.size() - 1; k++) {
                    assertThat(steps.get(k).error()).as("a step followed by another").isNull();
                }
                failedUserRequests += steps.get(steps.size() - 1).error() != null ? 1 : 0;
            }
            UserRequestStats users = cell(run, "c").userRequests();
            assertThat(failedUserRequests).isPositive();
            assertThat(users.failed()).isEqualTo(failedUserRequests);
            assertThat(users.steps().getMinValue()).isEqualTo(4);
        }
    }

    @Test
    void whenTheTestEndsSessionsStopSendingAndCountAsInterrupted() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withGroundTruth())) {
            EngineRuns run = EngineRuns.run(EngineRuns.manifest(
                    "{model: closed, gracefulStop: 2s, stages: [{duration: 1s, users: 2}]}",
                    "{name: long, api: chat, prompt: {inputTokens: {value: 4}}, output: {maxTokens: {value: 2}},"
                            + " session: {turns: {value: 1000}, thinkTime: 20ms}}"),
                    simulator.baseUrl(), 4);

            UserRequestStats users = cell(run, "long").userRequests();
            assertThat(users.count()).isZero();
            assertThat(users.interrupted()).isEqualTo(2);
            // Roughly 1 s of turns every ~25 ms per user, far from 1000: the end of the plan stopped them.
            assertThat(run.traces.size()).isBetween(4, 200);
            assertThat(byUserRequest(run.traces)).hasSize(2);
        }
    }

    /**
     * Every complete user request (all {@code steps} succeeded, the first in cell {@code firstCell}): its E2E (first
     * intended → last end) is at least the sum of its steps' E2E plus its pauses.
     */
    private static void assertEndToEndCoversItsSteps(EngineRuns run, int firstCell, int stepCount,
            UserRequestStats users, long pausesNanos) {
        List<Long> stepSumsMicros = new ArrayList<>();
        for (List<RequestTrace> steps : byUserRequest(run.traces).values()) {
            if (steps.size() != stepCount || steps.get(0).typeIndex() != firstCell
                    || steps.stream().anyMatch(t -> t.error() != null || t.interrupted())) {
                continue;
            }
            long sum = steps.stream().mapToLong(t -> t.endNanos() - t.intendedNanos()).sum();
            long span = steps.get(steps.size() - 1).endNanos() - steps.get(0).intendedNanos();
            assertThat(span).isGreaterThanOrEqualTo(sum + pausesNanos);
            stepSumsMicros.add((sum + pausesNanos) / 1_000);
        }
        // The histogram holds exactly the complete user requests.
        List<Long> sorted = stepSumsMicros.stream().sorted().toList();
        assertThat(users.e2e().getTotalCount()).isEqualTo(sorted.size());
        // Pointwise >= implies every order statistic is >= too (histogram values within 0.1 %).
        assertThat(users.e2e().getMinValue() * 1.001).isGreaterThanOrEqualTo(sorted.get(0));
        assertThat(users.e2e().getValueAtPercentile(50) * 1.001)
                .isGreaterThanOrEqualTo(sorted.get((int) Math.ceil(sorted.size() * 0.5) - 1));
        assertThat(users.e2e().getMaxValue() * 1.001).isGreaterThanOrEqualTo(sorted.get(sorted.size() - 1));
    }

    /** Step k of a user request is intended exactly when step k-1 ended, plus the pause between them. */
    private static void assertLaterStepsAreDueWhenThePreviousEnded(EngineRuns run, long pauseNanos) {
        int checked = 0;
        for (List<RequestTrace> steps : byUserRequest(run.traces).values()) {
            for (int k = 1; k < steps.size(); k++) {
                assertThat(steps.get(k).intendedNanos()).isEqualTo(steps.get(k - 1).endNanos() + pauseNanos);
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    private static Map<String, List<RequestTrace>> byUserRequest(List<RequestTrace> traces) {
        Map<String, List<RequestTrace>> groups = new LinkedHashMap<>();
        for (RequestTrace trace : traces) {
            groups.computeIfAbsent(userRequestId(trace.requestId()), k -> new ArrayList<>()).add(trace);
        }
        groups.values().forEach(steps -> steps.sort(Comparator.comparingInt(t -> step(t.requestId()))));
        return groups;
    }

    /** Composite steps are {@code <user request id>.<step>}, counted from 1. */
    private static String userRequestId(String requestId) {
        return requestId.substring(0, requestId.lastIndexOf('.'));
    }

    private static int step(String requestId) {
        return Integer.parseInt(requestId.substring(requestId.lastIndexOf('.') + 1));
    }

    /** The run's cell of {@code type} in its only stage. */
    private static CellStats cell(EngineRuns run, String type) {
        CellData data = run.data.cells().stream().filter(c -> c.requestType().equals(type)).findFirst().orElseThrow();
        return CellStats.fromData(data);
    }
}
