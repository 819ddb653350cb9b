package io.llmload.operator.it;

import io.llmload.operator.config.OperatorClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;

/** The operator's clock where a test puts it: schedule ticks come by moving it, not by waiting for real minutes. */
@Alternative
@Priority(1)
@ApplicationScoped
public class FakeClock extends OperatorClock {

    private volatile Instant now;

    @Override
    public Instant now() {
        Instant fixed = now;
        return fixed != null ? fixed : super.now();
    }

    /** From now on the operator reads {@code instant} (until set again); null: the real time again. */
    public void set(Instant instant) {
        this.now = instant;
    }
}
