package io.llmload.operator.reconciler;

import io.llmload.operator.status.StatusBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one pass of the lifecycle: the status to write, when to look again (null: on events only), and
 * what to do once that status is saved — side effects (start or release the runners, the report, Events, metrics)
 * that must not happen for a status that was never written. Each must be harmless to repeat.
 */
record Step(StatusBuilder status, Duration recheckAfter, List<Runnable> afterSave) {

    Step(StatusBuilder status, Duration recheckAfter) {
        this(status, recheckAfter, List.of());
    }

    /** This step, with one more thing to do after its status is saved. */
    Step then(Runnable action) {
        List<Runnable> actions = new ArrayList<>(afterSave);
        actions.add(action);
        return new Step(status, recheckAfter, List.copyOf(actions));
    }
}
