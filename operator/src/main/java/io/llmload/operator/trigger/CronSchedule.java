package io.llmload.operator.trigger;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * {@code spec.trigger.schedule} and {@code timeZone}: a cron schedule as Kubernetes CronJobs write it — five fields
 * (minute hour day-of-month month day-of-week) or a macro ({@code @hourly}, {@code @daily}, {@code @midnight},
 * {@code @weekly}, {@code @monthly}, {@code @yearly}, {@code @annually}) — in an IANA time zone (UTC by default), so
 * "0 3 * * *" stays at 03:00 local time across daylight-saving changes.
 */
public final class CronSchedule {

    public static final String HINT = "five fields (minute hour day-of-month month day-of-week), e.g. '0 3 * * *', "
            + "or a macro such as @daily";

    private static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
            .withMinutes().withValidRange(0, 59).withStrictRange().and()
            .withHours().withValidRange(0, 23).withStrictRange().and()
            .withDayOfMonth().withValidRange(1, 31).withStrictRange().and()
            .withMonth().withValidRange(1, 12).withStrictRange().and()
            .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).withStrictRange().and()
            .withSupportedNicknameHourly().withSupportedNicknameDaily().withSupportedNicknameMidnight()
            .withSupportedNicknameWeekly().withSupportedNicknameMonthly().withSupportedNicknameYearly()
            .withSupportedNicknameAnnually()
            .instance();
    private static final CronParser PARSER = new CronParser(DEFINITION);

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime executions;

    private CronSchedule(String expression, ZoneId zone, ExecutionTime executions) {
        this.expression = expression;
        this.zone = zone;
        this.executions = executions;
    }

    /**
     * @param timeZone an IANA zone name, or null for UTC
     * @throws InvalidScheduleException naming the field (schedule or timeZone) and the fix
     */
    public static CronSchedule parse(String expression, String timeZone) {
        ZoneId zone;
        try {
            zone = timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidScheduleException("timeZone", "'" + timeZone + "' is not a time zone: use an IANA name "
                    + "such as Europe/Berlin or America/New_York");
        }
        String text = expression == null ? "" : expression.strip();
        Cron cron;
        try {
            cron = PARSER.parse(text);
            cron.validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidScheduleException("schedule", "'" + text + "' is not a cron schedule (" + e.getMessage()
                    + "): write " + HINT);
        }
        CronSchedule schedule = new CronSchedule(text, zone, ExecutionTime.forCron(cron));
        // "0 0 30 2 *" parses but never comes: a test that would silently never run.
        if (schedule.nextAfter(Instant.EPOCH).isEmpty()) {
            throw new InvalidScheduleException("schedule", "'" + text + "' never fires (no such date)");
        }
        return schedule;
    }

    /** The first fire time strictly after {@code after}; empty only for a schedule that can never fire again. */
    public Optional<Instant> nextAfter(Instant after) {
        return executions.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
    }

    /** The last fire time strictly before {@code before}, if any. */
    public Optional<Instant> lastBefore(Instant before) {
        return executions.lastExecution(ZonedDateTime.ofInstant(before, zone)).map(ZonedDateTime::toInstant);
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** A schedule or time zone that cannot be used, with the field it came from. */
    public static final class InvalidScheduleException extends IllegalArgumentException {

        private final String field;

        InvalidScheduleException(String field, String message) {
            super(message);
            this.field = field;
        }

        /** {@code schedule} or {@code timeZone} (under spec.trigger). */
        public String field() {
            return field;
        }
    }
}
