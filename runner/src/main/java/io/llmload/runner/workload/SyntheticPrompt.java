package io.llmload.runner.workload;

import java.util.SplittableRandom;

/**
 * Builds prompt text of an exact token count: random common English words, each exactly one token with or without
 * its leading space under every {@link Tokenizer} (cl100k_base, o200k_base and the word count; SyntheticPromptTest
 * checks every word). BPE tokenizers split text at spaces before merging, so N such words are exactly N tokens.
 * Random words keep servers from short-cutting prompts through their prefix cache by accident.
 */
public final class SyntheticPrompt {

    private static final String[] WORDS = """
            time person year way day thing man world life hand part child eye woman place work week case point
            government company number group problem fact water room mother area money story month lot right
            study book word business issue side kind head house service friend father power hour game line end
            member law car city community name team minute idea kid body information back parent face others
            level office door health art war history party result change reason research girl moment air
            teacher force education river model cache token server queue memory signal network engine driver
            market table window paper music night energy system the stream batch request decode kernel tensor
            layer attention sequence output input fast slow load test answer value light stone cloud green
            north quiet bright silver orbit pixel vector matrix random steady alpha beta gamma delta omega
            sigma lambda theta one two three four school state family student country question program home job
            road field plan film report sound bed food land heart plant voice class center picture color cost
            page price record season event course college summer winter spring forest bridge street station
            doctor church hotel farm shop bank club union bird fish horse dog cat tree flower grass leaf seed
            fruit apple bread coffee tea salt rice egg oil wine beer glass cup plate box bag card letter phone
            camera clock watch key lock chair desk floor wall roof gate path blue red yellow black white brown
            orange purple pink gray dark warm cold hot dry soft hard heavy strong weak long short high low deep
            wide thin small large big little new old young early late good bad great simple clear clean fresh
            free full empty open close run walk jump read write listen play sing dance cook drive fly build
            break bring carry catch choose cut draw drink eat fall feel fight find follow give grow hold keep
            know learn leave lift make meet move pay pull push reach send show sleep stand start stop take
            think throw touch turn wait wear win
            """.strip().split("\\s+");

    private SyntheticPrompt() {
    }

    /** {@code tokens} words drawn from {@code random}, separated by single spaces. */
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

    /** The words prompts are made of (for tests). */
    static String[] words() {
        return WORDS.clone();
    }
}
