package io.llmload.operator.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cron schedules as CronJobs write them, in a time zone, with next fire times from a given instant. */
class CronScheduleTest {

    @ParameterizedTest(name = "{0} in {1} after {2}")
    @CsvSource({
        "0 3 * * *,      ,                 2026-01-10T02:59:00Z, 2026-01-10T03:00:00Z",
        "0 3 * * *,      ,                 2026-01-10T03:00:00Z, 2026-01-11T03:00:00Z",
        "*/15 * * * *,   ,                 2026-01-10T10:07:30Z, 2026-01-10T10:15:00Z",
        "0 3 * * 1-5,    ,                 2026-01-09T04:00:00Z, 2026-01-12T03:00:00Z",
        "@daily,         ,                 2026-01-10T12:00:00Z, 2026-01-11T00:00:00Z",
        "@hourly,        ,                 2026-01-10T12:30:00Z, 2026-01-10T13:00:00Z",
        "@weekly,        ,                 2026-01-10T12:00:00Z, 2026-01-11T00:00:00Z",
        // 03:00 in Berlin is 02:00 UTC in winter and 01:00 UTC in summer (DST began on 29 March 2026).
        "0 3 * * *,      Europe/Berlin,    2026-01-10T12:00:00Z, 2026-01-11T02:00:00Z",
        "0 3 * * *,      Europe/Berlin,    2026-03-29T12:00:00Z, 2026-03-30T01:00:00Z",
        "30 8 * * *,     America/New_York, 2026-07-01T00:00:00Z, 2026-07-01T12:30:00Z",
    })
    void nextFireTimeIsTheFirstTickStrictlyAfter(String expression, String zone, String after, String next) {
        CronSchedule schedule = CronSchedule.parse(expression, zone);
        assertThat(schedule.nextAfter(Instant.parse(after))).contains(Instant.parse(next));
    }

    @Test
    void lastBeforeIsTheTickBeforeAnInstant() {
        CronSchedule schedule = CronSchedule.parse("0 * * * *", null);
        assertThat(schedule.lastBefore(Instant.parse("2026-01-10T10:30:00Z")))
                .contains(Instant.parse("2026-01-10T10:00:00Z"));
        assertThat(schedule.lastBefore(Instant.parse("2026-01-10T10:00:00Z")))
                .contains(Instant.parse("2026-01-10T09:00:00Z"));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
        "0 3 * *     |                | schedule | '0 3 * *' is not a cron schedule (",
        "61 3 * * *  |                | schedule | '61 3 * * *' is not a cron schedule (",
        "@reboot     |                | schedule | '@reboot' is not a cron schedule (",
        "0 0 30 2 *  |                | schedule | '0 0 30 2 *' never fires (no such date)",
        "0 3 * * *   | Mars/Olympus   | timeZone | 'Mars/Olympus' is not a time zone: use an IANA name such as "
                + "Europe/Berlin or America/New_York",
    })
    void aBadScheduleNamesItsFieldAndTheFix(String expression, String zone, String field, String message) {
        assertThatThrownBy(() -> CronSchedule.parse(expression, zone))
                .isInstanceOf(CronSchedule.InvalidScheduleException.class)
                .satisfies(e -> {
                    assertThat(((CronSchedule.InvalidScheduleException) e).field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(message);
                    if (field.equals("schedule") && !message.contains("never")) {
                        assertThat(e.getMessage()).endsWith(CronSchedule.HINT);
                    }
                });
    }
}
