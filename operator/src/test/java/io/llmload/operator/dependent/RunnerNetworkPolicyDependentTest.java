package io.llmload.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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

    @Test
    void prometheusIsAdmittedFromTheConfiguredNamespacesOrFromEveryNamespaceWithAStar() {
        assertThat(RunnerNetworkPolicyDependent.scrapers(List.of())).isEmpty();
        assertThat(RunnerNetworkPolicyDependent.scrapers(List.of("monitoring", " obs ")))
                .extracting(peer -> peer.getNamespaceSelector().getMatchLabels())
                .containsExactly(Map.of("kubernetes.io/metadata.name", "monitoring"),
                        Map.of("kubernetes.io/metadata.name", "obs"));
        assertThat(RunnerNetworkPolicyDependent.scrapers(List.of("monitoring", "*"))).singleElement()
                .satisfies(peer -> {
                    assertThat(peer.getNamespaceSelector().getMatchLabels()).isNullOrEmpty();
                    assertThat(peer.getNamespaceSelector().getMatchExpressions()).isNullOrEmpty();
                    assertThat(peer.getPodSelector()).isNull();
                });
    }
}
