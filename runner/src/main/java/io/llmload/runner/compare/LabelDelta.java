package io.llmload.runner.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A word-valued result in both reports (verdict, tier), ranked best first, e.g. Pass → Degraded is worse. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelDelta(String a, String b, Change change) {

    /** Verdicts and tiers from best to worst. */
    static final List<String> VERDICTS = List.of("Pass", "Degraded", "Breach");
    static final List<String> TIERS = List.of("Normal", "Degraded", "Breach");

    static LabelDelta of(String a, String b, List<String> bestFirst) {
        // List.of(...).indexOf(null) throws: a missing label ranks as unknown.
        int ra = a == null ? -1 : bestFirst.indexOf(a);
        int rb = b == null ? -1 : bestFirst.indexOf(b);
        Change change = ra < 0 || rb < 0 ? null : ra == rb ? Change.SAME : rb < ra ? Change.BETTER : Change.WORSE;
        return a == null && b == null ? null : new LabelDelta(a, b, change);
    }
}
