package io.llmload.runner.plan;

/** How open-model arrivals are spaced: exponential gaps (Poisson) or evenly. */
public enum ArrivalProcess {
    POISSON, CONSTANT
}
