package io.llmload.runner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * With a fixed seed the faults over N requests are exactly reproducible, and what a client observes matches what the
 * simulator says it did, request by request.
 */
class FaultInjectionTest {

    private static final long STALL_MILLIS = 250;
    private static final String COMPLETE = "complete";
    private static final String COMPLETE_SLOW = "complete, second chunk at least a stall after the send";

    @Test
    void observedFaultsMatchGroundTruthExactly() {
        FaultInjection rates = new FaultInjection(0.1, 3, 0.1, 0.1, STALL_MILLIS, 0.1);
        int requests = 200;
        int tokens = 4;
        int inFlight = 4;
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withGroundTruth().withFaults(rates)
                .withSeed(1234))) {
            SimHttp http = new SimHttp(sim.baseUrl());
            Map<String, String> observed = new HashMap<>();
            for (int start = 0; start < requests; start += inFlight) {
                List<CompletableFuture<SimHttp.Sse>> batch = new ArrayList<>();
                for (int i = start; i < Math.min(requests, start + inFlight); i++) {
                    batch.add(http.streamAsync("/v1/chat/completions",
                            SimHttp.chatBody("fault probe " + i, tokens, true, false), "f-" + i));
                }
                for (int i = 0; i < batch.size(); i++) {
                    observed.put("f-" + (start + i), classify(SimHttp.join(batch.get(i)), tokens));
                }
            }

            Map<String, String> truth = new HashMap<>();
            for (RequestTruth t : sim.groundTruth().all()) {
                truth.put(t.requestId(), String.valueOf(t.fault()));
                if ("stall".equals(t.fault())) {
                    assertThat(t.interTokenGapsNanos()[0]).isGreaterThanOrEqualTo(STALL_MILLIS * 1_000_000);
                }
                if ("malformed".equals(t.fault())) {
                    assertThat(t.completionTokens()).isEqualTo(1);
                }
                if ("rate_limited".equals(t.fault()) || "server_error".equals(t.fault())) {
                    assertThat(t.tokenNanos()).isEmpty();
                    assertThat(t.ttftNanos()).isEqualTo(-1);
                }
            }
            assertThat(truth).hasSize(requests);
            Map<String, String> expected = new HashMap<>();
            truth.forEach((id, fault) -> expected.put(id, expected(fault, observed.get(id))));
            assertThat(observed).isEqualTo(expected);

            // The totals depend only on (seed, ordinals 0..N-1), whatever the interleaving.
            Map<String, Integer> picked = new HashMap<>();
            FaultPicker picker = new FaultPicker(rates, 1234);
            for (int i = 0; i < requests; i++) {
                picked.merge(String.valueOf(picker.pick(i).wireName), 1, Integer::sum);
            }
            Map<String, Integer> counted = new HashMap<>();
            truth.values().forEach(f -> counted.merge(f, 1, Integer::sum));
            System.out.println("fault counts over " + requests + " requests: " + counted);
            assertThat(counted).isEqualTo(picked);
            assertThat(counted).containsKeys("rate_limited", "server_error", "stall", "malformed", "null");
        }
    }

    @Test
    void nonStreamingStallDelaysTheResponseAndRateLimitCarriesRetryAfter() {
        FaultInjection stallAll = new FaultInjection(0, 1, 0, 1.0, 100, 0);
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withGroundTruth().withFaults(stallAll))) {
            SimHttp http = new SimHttp(sim.baseUrl());
            assertThat(http.post("/v1/completions", SimHttp.completionBody("x", 3, false), "ns").statusCode())
                    .isEqualTo(200);
            RequestTruth t = sim.groundTruth().find("ns").orElseThrow();
            assertThat(t.fault()).isEqualTo("stall");
            assertThat(t.interTokenGapsNanos()[0]).isGreaterThanOrEqualTo(100_000_000L);
        }
        FaultInjection limitAll = new FaultInjection(1.0, 7, 0, 0, 0, 0);
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withGroundTruth().withFaults(limitAll))) {
            var r = new SimHttp(sim.baseUrl()).post("/v1/completions", SimHttp.completionBody("x", 3, false), null);
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("retry-after")).hasValue("7");
            assertThat(SimHttp.parse(r.body()).path("error").path("type").asText()).isEqualTo("rate_limit_error");
            // Rejected immediately, never queued.
            assertThat(sim.state().requestsFinished()).isZero();
        }
    }

    /** What a client can tell from the wire alone. */
    private static String classify(SimHttp.Sse sse, int tokens) {
        if (sse.status() == 429) {
            assertThat(sse.retryAfter()).isEqualTo("3");
            assertThat(String.join("", sse.lines())).contains("rate_limit_error");
            return "rate_limited";
        }
        if (sse.status() == 500) {
            assertThat(String.join("", sse.lines())).contains("server_error");
            return "server_error";
        }
        assertThat(sse.status()).isEqualTo(200);
        if (!sse.endsWithDone()) {
            List<String> data = sse.data();
            assertThat(data.get(data.size() - 1)).isEqualTo(ChunkFormat.BROKEN_JSON);
            assertThat(sse.contentNanos()).hasSize(1);
            return "malformed";
        }
        List<Long> content = sse.contentNanos();
        assertThat(content).hasSize(tokens);
        // A stall delays the second chunk by STALL_MILLIS on the server, so it cannot arrive sooner after the send.
        // Time alone cannot tell a normal stream from a stalled one on a loaded machine (a normal gap may take that
        // long too), so a complete stream is "complete" here and its stall is checked against the ground truth.
        return content.get(1) - sse.sentNanos() >= STALL_MILLIS * 1_000_000 ? COMPLETE_SLOW : COMPLETE;
    }

    /** What the client saw, for the fault the simulator recorded: stalls and normal streams both complete. */
    private static String expected(String fault, String observed) {
        if ("stall".equals(fault)) {
            return COMPLETE_SLOW;
        }
        if ("null".equals(fault)) {
            return observed.equals(COMPLETE_SLOW) ? COMPLETE_SLOW : COMPLETE; // late on a busy machine: still fine
        }
        return fault;
    }
}
