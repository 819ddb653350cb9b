package io.llmload.runner.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorConfigTest {

    @Test
    void profilesByName() {
        assertThat(SimulatorProfile.names()).containsExactly("tiny", "demo-8b-h100");
        assertThat(SimulatorProfile.named("tiny")).isEqualTo(SimulatorProfile.tiny());
        assertThat(SimulatorProfile.named("demo-8b-h100")).isEqualTo(SimulatorProfile.demo8bH100());
        assertThat(SimulatorProfile.demo8bH100().kvCacheTokens()).isBetween(380_000L, 420_000L);
        assertThat(SimulatorProfile.demo8bH100().maxRunningSequences()).isEqualTo(256);
        assertThatThrownBy(() -> SimulatorProfile.named("h200"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("h200").hasMessageContaining("tiny").hasMessageContaining("demo-8b-h100");
    }

    @Test
    void theGroundTruthIsOffUnlessATestAsksForItAndThenBounded() {
        assertThat(SimulatorConfig.defaults().groundTruthCapacity()).isZero();
        assertThat(SimulatorConfig.defaults().withGroundTruth().groundTruthCapacity())
                .isEqualTo(GroundTruth.DEFAULT_CAPACITY);

        GroundTruth off = new GroundTruth(SimulatorConfig.defaults().groundTruthCapacity());
        off.record(truth("a"));
        assertThat(off.recording()).isFalse();
        assertThat(off.size()).isZero();
        assertThat(off.find("a")).isEmpty();

        GroundTruth two = new GroundTruth(2);
        two.record(truth("a"));
        two.record(truth("b"));
        two.record(truth("c"));
        assertThat(two.size()).isEqualTo(2);
        assertThat(two.find("a")).isEmpty();
        assertThat(two.all()).extracting(RequestTruth::requestId).containsExactly("b", "c");
    }

    private static RequestTruth truth(String id) {
        return new RequestTruth(id, RequestTruth.API_CHAT, true, 1, 2, new long[] { 2 }, 3, 4, 1, null,
                new long[] { 2 });
    }

    @Test
    void defaultsAndCopies() {
        SimulatorConfig d = SimulatorConfig.defaults();
        assertThat(d.host()).isEqualTo("127.0.0.1");
        assertThat(d.port()).isZero();
        assertThat(d.profile()).isEqualTo(SimulatorProfile.tiny());
        assertThat(d.faults()).isEqualTo(FaultInjection.none());
        assertThat(d.seed()).isEqualTo(42);
        assertThat(d.modelName()).isEqualTo("llmload-sim");
        SimulatorConfig c = d.withPort(8000).withSeed(7).withProfile(SimulatorProfile.demo8bH100())
                .withFaults(new FaultInjection(0.1, 2, 0, 0, 0, 0));
        assertThat(c.port()).isEqualTo(8000);
        assertThat(c.seed()).isEqualTo(7);
        assertThat(c.profile().name()).isEqualTo("demo-8b-h100");
        assertThat(c.faults().rateLimitRate()).isEqualTo(0.1);
        assertThatThrownBy(() -> new FaultInjection(0.6, 1, 0.6, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void faultDrawsDependOnlyOnSeedAndOrdinal() {
        FaultInjection rates = new FaultInjection(0.1, 1, 0.1, 0.1, 10, 0.1);
        FaultPicker one = new FaultPicker(rates, 42);
        FaultPicker two = new FaultPicker(rates, 42);
        Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
        for (int i = 0; i < 10_000; i++) {
            Fault f = one.pick(i);
            assertThat(two.pick(i)).isEqualTo(f);
            counts.merge(f, 1, Integer::sum);
        }
        // ~1000 each (binomial sd ~30)
        for (Fault f : new Fault[] {Fault.RATE_LIMITED, Fault.SERVER_ERROR, Fault.STALL, Fault.MALFORMED}) {
            assertThat(counts.get(f)).isBetween(850, 1150);
        }
        assertThat(new FaultPicker(FaultInjection.none(), 42).pick(3)).isEqualTo(Fault.NONE);
    }
}
