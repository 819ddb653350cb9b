package io.llmload.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Progress column: percent of the planned duration, floored, within 0-100, absent without a plan. */
class ProgressStatusTest {

    @Test
    void percentIsTheElapsedShareOfThePlannedDuration() {
        assertThat(new ProgressStatus("ramp", 45.0, 120.0, 10L, 0L, 2.0).percent()).isEqualTo(37);
        assertThat(new ProgressStatus("ramp", 119.9, 120.0, 10L, 0L, 2.0).percent()).isEqualTo(99);
        assertThat(new ProgressStatus("ramp", 130.0, 120.0, 10L, 0L, 2.0).percent()).isEqualTo(100);
        assertThat(new ProgressStatus("warmup", -1.0, 120.0, 0L, 0L, 0.0).percent()).isZero();
        assertThat(new ProgressStatus(null, null, null, null, null, null).percent()).isNull();
    }
}
