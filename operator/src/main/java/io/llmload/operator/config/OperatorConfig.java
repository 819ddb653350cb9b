package io.llmload.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/** Operator settings (application.properties / environment: LLMLOAD_RUNNER_IMAGE, ...). */
@ConfigMapping(prefix = "llmload")
public interface OperatorConfig {

    /**
     * The configuration in effect. Dependent resources read it here rather than by injection, so they also work
     * when JOSDK instantiates them itself (an operator registered outside CDI, as the restart test does).
     */
    static OperatorConfig current() {
        return ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(OperatorConfig.class);
    }

    Runner runner();

    /** Who the operator is on the network: the runners' NetworkPolicy admits these pods only. */
    Operator operator();

    /**
     * Namespaces besides a test's own where its metrics sources may be read (pods listed, Services scraped, the
     * Prometheus namespace matcher): none by default, so a test reads only its own namespace.
     */
    Optional<List<String>> allowedNamespaces();

    /**
     * Hosts outside the test's namespace (and the allowed ones) that the operator may fetch metrics from: exact host
     * names or IP addresses, {@code *.example.com} for a domain's hosts, or {@code *} for any host. None by default.
     */
    Optional<List<String>> allowedMetricsHosts();

    /** How often a running test's runners are polled for progress (the status is updated at least this often). */
    @WithDefault("5s")
    Duration pollInterval();

    /** Lead time between "all runners ready" and the common start time, so every runner receives it in time. */
    @WithDefault("2s")
    Duration startLead();

    /** Default for spec.runners.startTimeout. */
    @WithDefault("5m")
    Duration startTimeout();

    /**
     * Slack on every deadline of a run: a running test fails once start + planned duration + graceful stop + this
     * has passed; runners never told to start give up this long after the start deadline; the runner Job's
     * activeDeadlineSeconds lies this far beyond the operator's deadline (docs/operator.md#deadlines).
     */
    @WithDefault("2m")
    Duration deadlineMargin();

    interface Runner {
        /** Runner image used when spec.runners.image is empty. */
        @WithDefault("ghcr.io/llmload/llmload-runner:0.1.0")
        String image();

        /** Port of the runners' control endpoint. */
        @WithDefault("8080")
        int controlPort();

        /** Timeout of one call to a runner's control endpoint. */
        @WithDefault("5s")
        Duration callTimeout();

        /**
         * Images a test may ask for in spec.runners.image, besides {@link #image()} (always allowed); an entry ending
         * in {@code *} allows every image starting with the rest (e.g. {@code registry.example.com/llmload-runner:*}).
         */
        Optional<List<String>> allowedImages();

        /** ServiceAccounts a test may give its runners in spec.runners.serviceAccountName; none by default. */
        Optional<List<String>> allowedServiceAccounts();

        /** Whether each test gets a NetworkPolicy admitting only the operator's pods to its runners' control port. */
        @WithDefault("true")
        boolean networkPolicy();

        /** User and group the runner containers run as (the runner image's non-root user). */
        @WithDefault("65532")
        long runAsUser();

        /** Size limit of the runners' scratch volume (/tmp: Vert.x' file cache, JVM temporary files). */
        @WithDefault("128Mi")
        String scratchSizeLimit();
    }

    interface Operator {
        /** The operator's namespace; default: the Kubernetes client's (the pod's own, from its service account). */
        Optional<String> namespace();

        /** Labels of the operator's pods, as {@code key=value[,key=value]} (what its Deployment sets). */
        @WithDefault("app.kubernetes.io/name=llmload-operator")
        String podSelector();
    }
}
