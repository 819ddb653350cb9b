package io.llmload.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** status.target from the report's run section: the model, how it was chosen, and insecureSkipVerify flagged. */
class TargetStatusTest {

    @Test
    void theDiscoveredModelAndAnInsecureTargetAreFlagged() {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("target", "https://gw:8443");
        run.put("model", "qwen2.5-7b");
        run.put("modelSource", "discovered");
        run.put("tls", Map.of("verify", false, "insecureSkipVerify", true));
        assertThat(TargetStatus.of(run)).isEqualTo(new TargetStatus("qwen2.5-7b", "discovered", true));
    }

    @Test
    void aVerifiedTargetLeavesTheFlagOutAndNoModelNoStatus() {
        assertThat(TargetStatus.of(Map.of("model", "m", "modelSource", "spec",
                "tls", Map.of("verify", true, "insecureSkipVerify", false))))
                .isEqualTo(new TargetStatus("m", "spec", null));
        assertThat(TargetStatus.of(Map.of("target", "http://x"))).isNull();
    }
}
