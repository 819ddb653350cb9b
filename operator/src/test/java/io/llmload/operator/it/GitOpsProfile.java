package io.llmload.operator.it;

import java.util.Set;

/** Loopback runners, with the operator's trigger clock in the test's hands ({@link FakeClock}). */
public class GitOpsProfile extends LoopbackRunnersProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(FakeClock.class);
    }
}
