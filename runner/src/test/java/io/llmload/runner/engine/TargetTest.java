package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.PlanResolver;
import io.llmload.runner.spec.ManifestReader;
import io.llmload.runner.spec.TargetSpec;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The connection pool a run gets by default, and the timeout. */
class TargetTest {

    private static LoadPlan plan(String load) throws Exception {
        return PlanResolver.resolve(ManifestReader.parse(EngineRuns.manifest(load, "{name: c, api: chat}"))
                .spec().load(), 1.0);
    }

    private static Target resolve(String load) throws Exception {
        return Target.resolve(URI.create("http://127.0.0.1:8000"), "m", null, TargetSpec.EMPTY, plan(load));
    }

    @Test
    void everyClosedModelUserHasAConnectionHoweverManyThereAre() throws Exception {
        // Fewer connections than users would make users queue for each other: 10,000 users ran as 4,096 before.
        assertThat(resolve("{model: closed, stages: [{duration: 1m, users: 10000}]}").maxConnections())
                .isEqualTo(10_004);
        assertThat(resolve("{model: closed, stages: [{duration: 1m, users: 8}]}").maxConnections()).isEqualTo(12);
    }

    @Test
    void theOpenModelGetsSixtySecondsOfArrivalsBetweenSixtyFourAndFourThousandNinetySix() throws Exception {
        assertThat(resolve("{model: open, stages: [{duration: 1m, rate: 0.5}]}").maxConnections()).isEqualTo(64);
        assertThat(resolve("{model: open, stages: [{duration: 1m, rate: 10}]}").maxConnections()).isEqualTo(600);
        assertThat(resolve("{model: open, stages: [{duration: 1m, rate: 2000}]}").maxConnections()).isEqualTo(4_096);
    }

    @Test
    void theTimeoutDefaultsToTwoMinutes() {
        assertThat(Target.timeout(TargetSpec.EMPTY)).isEqualTo(Duration.ofSeconds(120));
        assertThat(Target.timeout(null)).isEqualTo(Duration.ofSeconds(120));
    }
}
