package io.llmload.runner.workload;

import java.util.SplittableRandom;

/**
 * Builds prompt text of an exact token count (as {@link TokenCounter} counts): distinct common English words, one
 * token each, so that servers cannot short-cut identical prompts through their prefix cache by accident.
 */
public final class SyntheticPrompt {

    private static final String[] WORDS = ("time person year way day thing man world life hand part child eye woman "
            + "place work week case point government company number group problem fact water room mother area money "
            + "story month lot right study book word business issue side kind head house service friend father power "
            + "hour game line end member law car city community name president team minute idea kid body information "
            + "back parent face others level office door health art war history party result change morning reason "
            + "research girl guy moment air teacher force education river garden model cache token server latency "
            + "queue memory signal network engine driver market table window paper music night energy system").split(" ");

    private SyntheticPrompt() {
    }

    public static String ofTokens(int tokens, SplittableRandom random) {
        StringBuilder text = new StringBuilder(tokens * 7);
        for (int i = 0; i < tokens; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
