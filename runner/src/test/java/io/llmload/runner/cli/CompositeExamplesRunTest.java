package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/rag.yaml and examples/multi-turn.yaml run on the embedded simulator and report their user requests. */
class CompositeExamplesRunTest {

    @TempDir
    Path out;

    private JsonNode run(String example) throws Exception {
        Path file = RepoFiles.root().resolve("examples").resolve(example);
        CliResult result = CliResult.run("run", file.toString(), "--duration-scale", "0.4", "--quiet", "--out",
                out.toString());
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("User requests");
        return new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    @Test
    void ragExampleReportsBothCallsAndWholeUserRequests() throws Exception {
        JsonNode report = run("rag.yaml");
        assertThat(names(report.get("requestTypes"), "name")).containsExactly("rag.retrieve", "rag.generate", "chat");
        JsonNode types = report.get("requestTypes");
        long retrieves = types.get(0).get("requests").asLong();
        long generates = types.get(1).get("requests").asLong();
        assertThat(generates).isPositive();
        // Each retrieval is followed by one generation, unless a stage boundary or the end of the test cut it.
        assertThat(retrieves).isBetween(generates - 40, generates + 40);

        assertThat(names(report.get("userRequests"), "type")).containsExactly("rag");
        JsonNode rag = report.get("userRequests").get(0).get("overall");
        assertThat(rag.get("count").asLong()).isPositive();
        assertThat(rag.get("failed").asLong()).isZero();
        assertThat(rag.get("steps").get("max").asLong()).isEqualTo(2);
        // 4 documents of 256 tokens alone are 1024 input tokens per user request.
        assertThat(rag.get("tokens").get("p50").asLong()).isGreaterThan(1024);
        assertThat(rag.get("e2eMs").get("p99").asDouble()).isPositive();
        assertThat(names(report.get("userRequests").get(0).get("stages"), "stage")).containsExactly("light", "heavy");
    }

    @Test
    void multiTurnExampleReportsConversationsAndAgentChains() throws Exception {
        JsonNode report = run("multi-turn.yaml");
        assertThat(names(report.get("requestTypes"), "name")).containsExactly("conversation", "agent");
        assertThat(names(report.get("userRequests"), "type")).containsExactly("conversation", "agent");
        JsonNode conversation = report.get("userRequests").get(0).get("overall");
        JsonNode agent = report.get("userRequests").get(1).get("overall");
        assertThat(conversation.get("count").asLong()).isPositive();
        assertThat(conversation.get("steps").get("p50").asLong()).isBetween(3L, 6L);
        // At least two pauses of 1 s in every completed conversation.
        assertThat(conversation.get("meanThinkTimeMs").asDouble()).isBetween(2000.0, 5000.0);
        assertThat(conversation.get("e2eMs").get("p50").asDouble()).isGreaterThan(2000);
        assertThat(agent.get("count").asLong()).isPositive();
        assertThat(agent.get("steps").get("max").asLong()).isEqualTo(3);
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.get(field).asText()));
        return names;
    }
}
