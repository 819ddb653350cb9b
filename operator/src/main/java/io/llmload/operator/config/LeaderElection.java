package io.llmload.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Gives JOSDK its leader election settings. quarkus-operator-sdk looks this bean up in the {@code prod} profile only;
 * no bean (null, when disabled) means every replica reconciles.
 *
 * <p>A replica that loses the Lease while running must stop reconciling at once, or two replicas would drive the
 * same tests. JOSDK's own answer (exitOnStopLeading) calls System.exit also when the operator is stopped from the
 * JVM's shutdown hook, which deadlocks the shutdown in JOSDK 5.2 (fixed upstream in 5.3.5, java-operator-sdk#3383).
 * So JOSDK is told not to exit, and {@link #exitUnlessShuttingDown()} exits the application only when the Lease was
 * lost while running; the restarted pod rejoins as a follower.
 */
@Singleton
public class LeaderElection {

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);
    private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

    @Produces
    @Dependent
    LeaderElectionConfiguration leaderElectionConfiguration(LeaderElectionSettings settings) {
        if (!settings.enabled()) {
            LOG.info("Leader election is off (llmload.leader-election.enabled=false): run a single replica");
            return null;
        }
        return configuration(settings, null, LeaderElection::exitUnlessShuttingDown);
    }

    /**
     * The settings as JOSDK takes them.
     *
     * @param identity this replica's name in the Lease; null: JOSDK's default, the pod name (HOSTNAME)
     * @param onLostLeadership what to do when the Lease is lost (JOSDK does not stop reconciling by itself)
     */
    public static LeaderElectionConfiguration configuration(LeaderElectionSettings settings, String identity,
            Runnable onLostLeadership) {
        return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(settings.leaseName())
                .withLeaseNamespace(settings.leaseNamespace().orElse(null))
                .withIdentity(identity)
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> LOG.info("Leading: this replica reconciles LlmLoadTests"),
                        onLostLeadership,
                        leader -> LOG.infof("Lease %s held by %s", settings.leaseName(), leader)))
                .withExitOnStopLeading(false)
                .build();
    }

    /** Runs before quarkus-operator-sdk stops the operator (and with it the leader elector) on shutdown. */
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        SHUTTING_DOWN.set(true);
    }

    /** A normal shutdown also ends the lead: only a Lease lost while running is an error. */
    static void exitUnlessShuttingDown() {
        if (ApplicationLifecycleManager.isVmShuttingDown() || !SHUTTING_DOWN.compareAndSet(false, true)) {
            return;
        }
        LOG.error("Lost the leader Lease (not renewed within the renew deadline): exiting so that another replica "
                + "takes over; this pod restarts as a follower");
        Quarkus.asyncExit(1);
    }
}
