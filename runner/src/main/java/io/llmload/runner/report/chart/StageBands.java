package io.llmload.runner.report.chart;

import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.chart.Chart.Band;
import java.util.ArrayList;
import java.util.List;

/**
 * The stages on the run's clock, for shading time-series charts: warmup first (when the run had one), then the
 * measured stages back to back with their planned durations — the plan's timeline, which every report since the
 * first carries ({@code run.warmupSeconds}, {@code stages[].durationSeconds}).
 */
public final class StageBands {

    private StageBands() {
    }

    public static List<Band> of(Report report) {
        List<Band> bands = new ArrayList<>();
        double t = 0;
        Object warmup = report.run() == null ? null : report.run().get("warmupSeconds");
        if (warmup instanceof Number seconds && seconds.doubleValue() > 0) {
            t = seconds.doubleValue();
            bands.add(new Band(0, t, "warmup", true));
        }
        for (Aggregate stage : report.stages()) {
            bands.add(new Band(t, t + stage.durationSeconds(), stage.name(), false));
            t += stage.durationSeconds();
        }
        return bands;
    }
}
