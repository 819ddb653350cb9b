package io.llmload.runner.report;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.UserRequestStats;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * report.json's {@code userRequests[]}: one entry per composite request type (RAG, session, chain) with its
 * per-user-request figures over the measured stages ({@code overall}) and per measured stage. Warmup is excluded.
 */
public record UserRequestReport(String type, UserRequestFigures overall, List<UserRequestFigures> stages) {

    /** From the run's cells (and their decoded form, same order); types without per-user-request data are left out. */
    static List<UserRequestReport> of(List<CellData> cells, List<CellStats> decoded, List<StageInfo> measured) {
        Set<String> types = new LinkedHashSet<>();
        cells.stream().filter(c -> c.userRequests() != null).forEach(c -> types.add(c.requestType()));
        double measuredSeconds = measured.stream().mapToDouble(StageInfo::durationSeconds).sum();
        List<UserRequestReport> reports = new ArrayList<>();
        for (String type : types) {
            UserRequestStats overall = new UserRequestStats();
            List<UserRequestFigures> stages = new ArrayList<>();
            for (StageInfo stage : measured) {
                UserRequestStats inStage = new UserRequestStats();
                for (int i = 0; i < cells.size(); i++) {
                    CellData cell = cells.get(i);
                    if (cell.requestType().equals(type) && cell.stage().equals(stage.name())
                            && decoded.get(i).userRequests() != null) {
                        inStage.add(decoded.get(i).userRequests());
                    }
                }
                overall.add(inStage);
                stages.add(UserRequestFigures.of(stage.name(), stage.durationSeconds(), inStage));
            }
            reports.add(new UserRequestReport(type, UserRequestFigures.of(null, measuredSeconds, overall), stages));
        }
        return reports;
    }
}
