package io.llmload.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Leader election between operator replicas (LLMLOAD_LEADER_ELECTION_ENABLED, ...). Only the replica holding the
 * Lease reconciles; the others keep their informers warm and take over when the Lease expires. Active in the
 * {@code prod} profile only (quarkus.operator-sdk.activate-leader-election-for-profiles), so tests and dev mode run
 * a single operator without a Lease. Its own mapping rather than a group of {@link OperatorConfig} so the install
 * settings stay apart from the test settings.
 */
@ConfigMapping(prefix = "llmload.leader-election")
public interface LeaderElectionSettings {

    /** Off: every replica reconciles, so run exactly one (the Deployment must then use the Recreate strategy). */
    @WithDefault("true")
    boolean enabled();

    /** Name of the coordination.k8s.io Lease; the RBAC grants get/update on this name only. */
    @WithDefault("llmload-operator-lease")
    String leaseName();

    /** Namespace of the Lease; default: the operator's own (KUBERNETES_NAMESPACE, set from the pod's namespace). */
    Optional<String> leaseNamespace();

    /** How long followers wait after the last renewal before taking the Lease over. */
    @WithDefault("15s")
    Duration leaseDuration();

    /** How long the leader keeps trying to renew before it gives the lead up (and exits). */
    @WithDefault("10s")
    Duration renewDeadline();

    /** Interval between attempts to acquire or renew. */
    @WithDefault("2s")
    Duration retryPeriod();
}
