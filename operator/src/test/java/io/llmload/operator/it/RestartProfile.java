package io.llmload.operator.it;

/** A profile of its own: the restart test stops the application's operator, so it gets a fresh application. */
public class RestartProfile extends LoopbackRunnersProfile {
}
