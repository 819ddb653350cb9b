package io.llmload.operator.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Whether a schedule fires now, on given instants (no waiting for real minutes). */
class ScheduledTickTest {

    private final CronSchedule nightly = CronSchedule.parse("0 3 * * *", null);

    @Test
    void theFirstLookOnlyRemembersTheNextTick() {
        ScheduledTick t = ScheduledTick.decide(nightly, null, at("2026-01-10T03:00:00Z"), false);
        assertThat(t.action()).isEqualTo(ScheduledTick.Action.WAIT);
        assertThat(t.nextDue()).isEqualTo(at("2026-01-11T03:00:00Z"));
    }

    @Test
    void beforeTheTickNothingHappens() {
        ScheduledTick t = ScheduledTick.decide(nightly, at("2026-01-11T03:00:00Z"), at("2026-01-11T02:59:59Z"), false);
        assertThat(t.action()).isEqualTo(ScheduledTick.Action.WAIT);
        assertThat(t.nextDue()).isEqualTo(at("2026-01-11T03:00:00Z"));
    }

    @Test
    void atTheTickARunStartsAndTheNextTickIsRemembered() {
        ScheduledTick t = ScheduledTick.decide(nightly, at("2026-01-11T03:00:00Z"), at("2026-01-11T03:00:00Z"), false);
        assertThat(t.action()).isEqualTo(ScheduledTick.Action.FIRE);
        assertThat(t.tick()).isEqualTo(at("2026-01-11T03:00:00Z"));
        assertThat(t.nextDue()).isEqualTo(at("2026-01-12T03:00:00Z"));
    }

    @Test
    void aTickDuringARunIsSkippedNotQueued() {
        ScheduledTick t = ScheduledTick.decide(nightly, at("2026-01-11T03:00:00Z"), at("2026-01-11T03:00:05Z"), true);
        assertThat(t.action()).isEqualTo(ScheduledTick.Action.SKIP);
        assertThat(t.tick()).isEqualTo(at("2026-01-11T03:00:00Z"));
        assertThat(t.nextDue()).isEqualTo(at("2026-01-12T03:00:00Z"));
    }

    @Test
    void ticksMissedWhileTheOperatorWasDownGiveOneRunForTheLatest() {
        ScheduledTick t = ScheduledTick.decide(nightly, at("2026-01-11T03:00:00Z"), at("2026-01-14T09:00:00Z"), false);
        assertThat(t.action()).isEqualTo(ScheduledTick.Action.FIRE);
        assertThat(t.tick()).isEqualTo(at("2026-01-14T03:00:00Z"));
        assertThat(t.nextDue()).isEqualTo(at("2026-01-15T03:00:00Z"));
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }
}
