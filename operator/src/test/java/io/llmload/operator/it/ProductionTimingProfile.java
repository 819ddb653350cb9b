package io.llmload.operator.it;

import java.util.HashMap;
import java.util.Map;

/** Loopback runners with the operator's production timings: 5 s poll interval, 2 s start lead, 2 m margin. */
public class ProductionTimingProfile extends LoopbackRunnersProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.remove("llmload.poll-interval");
        config.remove("llmload.start-lead");
        config.remove("llmload.deadline-margin");
        return config;
    }
}
