package io.llmload.operator.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * The time the operator's trigger decisions read (schedule ticks, settle times). A bean of its own so that tests can
 * put the clock where they need it — a cron tick is tested by moving the clock, not by waiting for real minutes.
 */
@ApplicationScoped
public class OperatorClock {

    private final Clock clock = Clock.systemUTC();

    public Instant now() {
        return clock.instant();
    }
}
