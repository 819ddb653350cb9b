package io.llmload.operator.autoscaling;

import io.llmload.runner.autoscaling.AutoscalingReport;
import io.llmload.runner.autoscaling.HumanTime;
import io.llmload.runner.autoscaling.ScalingEvent;
import io.llmload.runner.report.Report;
import io.llmload.runner.spec.AutoscalingSpec;
import io.llmload.runner.spec.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes Events a finished run's scaling leads to, one per scale-up: {@code ScaledUp} (Normal) when every
 * replica asked for was Ready within {@code expect.scaleUpWithin} (or no limit was set), {@code ScaleUpSlow}
 * (Warning) when it took longer or never completed. Scale-downs are in the summary and the status only.
 */
public final class ScalingEvents {

    public static final String SCALED_UP = "ScaledUp";
    public static final String SCALE_UP_SLOW = "ScaleUpSlow";
    /** Events per run at most; the status and the report list them all. */
    static final int MAX = 10;

    /** @param warning Warning rather than Normal */
    public record Event(boolean warning, String reason, String message) {
    }

    private ScalingEvents() {
    }

    public static List<Event> of(Report report, AutoscalingSpec spec) {
        if (report == null || !(report.autoscaling() instanceof AutoscalingReport section) || spec == null) {
            return List.of();
        }
        Duration limit = spec.expect() == null ? null
                : Durations.parse(spec.expect().scaleUpWithin()).orElse(null);
        List<Event> events = new ArrayList<>();
        for (ScalingEvent e : section.events()) {
            if (!e.up() || events.size() == MAX) {
                continue;
            }
            String message = capitalized(e.sentence()) + ".";
            boolean slow = limit != null && (e.totalSeconds() == null || e.totalSeconds() * 1000 > limit.toMillis());
            if (slow) {
                String took = e.totalSeconds() == null ? "did not complete" : "took " + HumanTime.of(e.totalSeconds());
                events.add(new Event(true, SCALE_UP_SLOW, "Scale-up " + took + ", expected within "
                        + spec.expect().scaleUpWithin() + ": " + message));
            } else {
                events.add(new Event(false, SCALED_UP, message));
            }
        }
        return events;
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
