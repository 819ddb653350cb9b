package io.llmload.runner.plan;

/** A stage before placement on the timeline: its name, duration text and the level it goes from and to. */
record StageTemplate(String name, String duration, double from, double to) {
}
