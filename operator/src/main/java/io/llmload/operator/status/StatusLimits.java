package io.llmload.operator.status;

import java.util.List;
import java.util.function.Consumer;

/**
 * Caps on the status' lists. An object in etcd holds at most ~1.5 MiB, and every status write sends it whole: a test
 * with hundreds of stages would otherwise outgrow that and fail every write. The status keeps the first entries (in
 * run order) and says how many more there are in {@code status.truncated}; the report ConfigMap keeps them all.
 * The same numbers are the CRD's {@code maxItems} for these lists, so the API server and the code agree.
 */
public final class StatusLimits {

    /** status.stages[] and status.cost.stages[]: one entry each is ~1 KiB of JSON. */
    public static final int STAGES = 50;
    /** status.server.alerts[]: at most one per stage and metric. */
    public static final int ALERTS = 50;
    /** status.slo[]: the whole-run checks, one per SLO target (a handful in practice). */
    public static final int SLO = 64;
    /** status.userRequests[]: one per composite request type, which spec.workload.mix already bounds. */
    public static final int USER_REQUESTS = 64;
    /** status.autoscaling.events[]: scaling events; a run that scales more often than this is flapping. */
    public static final int SCALING_EVENTS = 20;
    /** status.truncated[]: one note per capped list, and one for the report. */
    public static final int NOTES = 10;
    /** Every status.truncated note of a capped list starts so; {@link #REPORT_NOTE} is the report's. */
    static final String LIST_NOTE = "status.";
    static final String REPORT_NOTE = "report: ";

    private StatusLimits() {
    }

    /** The first {@code max} entries of {@code list}; when it had more, a note naming the field goes to notes. */
    static <T> List<T> cap(List<T> list, int max, String field, Consumer<String> notes) {
        if (list == null || list.size() <= max) {
            return list;
        }
        notes.accept(LIST_NOTE + field + ": the first " + max + " of " + list.size()
                + " are shown; the report ConfigMap has them all");
        return List.copyOf(list.subList(0, max));
    }
}
