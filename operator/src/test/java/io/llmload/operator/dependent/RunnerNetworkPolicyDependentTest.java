package io.llmload.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RunnerNetworkPolicyDependentTest {

    @Test
    void theOperatorsPodLabelsAreReadFromTheSelectorSetting() {
        assertThat(RunnerNetworkPolicyDependent.labels("app.kubernetes.io/name=llmload-operator"))
                .isEqualTo(Map.of("app.kubernetes.io/name", "llmload-operator"));
        assertThat(RunnerNetworkPolicyDependent.labels("app=llmload, tier = control"))
                .containsExactly(Map.entry("app", "llmload"), Map.entry("tier", "control"));
        assertThatThrownBy(() -> RunnerNetworkPolicyDependent.labels("llmload-operator"))
                .hasMessage("llmload.operator.pod-selector: 'llmload-operator' is not key=value[,key=value]");
    }
}
