package io.llmload.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.WithDefault;
import java.time.Duration;
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
    }
}
