package io.llmload.operator.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Runners are real {@code llmload worker}s started in-process, each on its own loopback address (127.0.0.1,
 * 127.0.0.2, ...) as a pod would be on its own IP, all on one free port that the operator is configured to call.
 */
public class LoopbackRunnersProfile implements QuarkusTestProfile {

    public static final int CONTROL_PORT = freePort();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "llmload.runner.control-port", Integer.toString(CONTROL_PORT),
                // The simulators the tests target listen on loopback, outside any namespace: let the operator
                // scrape their /metrics as it would a Service of the test's namespace.
                "llmload.allowed-metrics-hosts", "127.0.0.1",
                "llmload.poll-interval", "500ms",
                "llmload.start-lead", "300ms",
                // Deadlines a few seconds past the plan, so the tests that wait for one stay short.
                "llmload.deadline-margin", "5s");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
