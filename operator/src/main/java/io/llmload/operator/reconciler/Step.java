package io.llmload.operator.reconciler;

import io.llmload.operator.status.StatusBuilder;
import java.time.Duration;

/** The outcome of one pass of the lifecycle: the status to write, and when to look again (null: on events only). */
record Step(StatusBuilder status, Duration recheckAfter) {
}
