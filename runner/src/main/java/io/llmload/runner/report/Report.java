package io.llmload.runner.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmload.runner.metrics.CellData;
import io.llmload.runner.slo.Capacity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * report.json (contract, DESIGN.md §6). {@code histograms} keeps every stage × request-type cell with its encoded
 * HdrHistograms so that any aggregate can be recomputed or merged later. {@code capacity} comes from the measured
 * stages, {@code cost} from {@code spec.cost} (null without it); {@code server} holds what the inference server reported about itself ({@code servermetrics}), null when it
 * exposes no metrics. {@code userRequests} holds the per-user-request figures of composite request types (RAG,
 * sessions, chains); empty without any. {@code autoscaling} is the replica timeline and scaling analysis of
 * {@code spec.autoscaling} ({@code io.llmload.runner.autoscaling.AutoscalingReport}), null without it.
 */
public record Report(
        String name,
        String startTime,
        String endTime,
        String verdict,
        String outcome,
        String abortReason,
        Map<String, Object> run,
        Aggregate overall,
        List<Aggregate> stages,
        List<Aggregate> requestTypes,
        List<SloResult> slo,
        Object server,
        Capacity capacity,
        CostReport cost,
        List<TimelinePoint> timeline,
        List<CellData> histograms,
        List<UserRequestReport> userRequests,
        @JsonInclude(JsonInclude.Include.NON_NULL) Object autoscaling) {

    @JsonCreator
    public Report {
    }

    /** A report without an autoscaling section. */
    public Report(String name, String startTime, String endTime, String verdict, String outcome, String abortReason,
            Map<String, Object> run, Aggregate overall, List<Aggregate> stages, List<Aggregate> requestTypes,
            List<SloResult> slo, Object server, Capacity capacity, CostReport cost, List<TimelinePoint> timeline,
            List<CellData> histograms, List<UserRequestReport> userRequests) {
        this(name, startTime, endTime, verdict, outcome, abortReason, run, overall, stages, requestTypes, slo, server,
                capacity, cost, timeline, histograms, userRequests, null);
    }

    /**
     * The same report judged also against earlier runs: the regression's SLO rows added, and the verdict Breach when
     * one is not met (a regression is a breach of the bar the earlier runs set).
     */
    public Report withRegression(List<SloResult> regressionRows) {
        List<SloResult> all = new java.util.ArrayList<>(slo == null ? List.of() : slo);
        all.addAll(regressionRows);
        boolean regressed = regressionRows.stream().anyMatch(r -> !r.met());
        return new Report(name, startTime, endTime, regressed ? "Breach" : verdict, outcome, abortReason, run, overall,
                stages, requestTypes, List.copyOf(all), server, capacity, cost, timeline, histograms, userRequests);
    }

    /** The same report with another capacity section (a capacity search adds how it found the level). */
    public Report withCapacity(Capacity newCapacity) {
        return new Report(name, startTime, endTime, verdict, outcome, abortReason, run, overall, stages, requestTypes,
                slo, server, newCapacity, cost, timeline, histograms, userRequests);
    }

    /** The same report judged otherwise (a capacity search is judged by the highest level that held). */
    public Report withVerdict(String newVerdict) {
        return new Report(name, startTime, endTime, newVerdict, outcome, abortReason, run, overall, stages,
                requestTypes, slo, server, capacity, cost, timeline, histograms, userRequests);
    }

    /** The same report with the server's own metrics attached (they are scraped beside the run, not measured in it). */
    public Report withServer(Object serverMetrics) {
        return new Report(name, startTime, endTime, verdict, outcome, abortReason, run, overall, stages, requestTypes,
                slo, serverMetrics, capacity, cost, timeline, histograms, userRequests, autoscaling);
    }

    /** The same report with the autoscaling section, its rows added to slo[] and the verdict they lead to. */
    public Report withAutoscaling(Object section, List<SloResult> moreSlo, String newVerdict) {
        List<SloResult> all = new ArrayList<>(slo);
        all.addAll(moreSlo);
        return new Report(name, startTime, endTime, newVerdict, outcome, abortReason, run, overall, stages,
                requestTypes, List.copyOf(all), server, capacity, cost, timeline, histograms, userRequests, section);
    }
}
