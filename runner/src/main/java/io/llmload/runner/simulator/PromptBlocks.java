package io.llmload.runner.simulator;

/**
 * A prompt's text cut into fixed-size character blocks, each identified by a hash of the whole text up to the end of
 * that block (like vLLM's block hashes, which chain the parent block's hash): block {@code i} of two prompts has the
 * same hash only if everything before it matches too. Only full blocks are hashed; the tail never hits, as in vLLM.
 * Characters instead of tokens keep the simulator independent of the tokenizer; {@link #cachedTokens} converts back.
 */
final class PromptBlocks {

    static final int BLOCK_CHARS = 64;
    static final PromptBlocks NONE = new PromptBlocks(new long[0], 0);

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final long[] hashes;
    private final int chars;

    private PromptBlocks(long[] hashes, int chars) {
        this.hashes = hashes;
        this.chars = chars;
    }

    /** FNV-1a over the text, its state recorded at every block boundary: one pass, no allocation per block. */
    static PromptBlocks of(CharSequence text) {
        int length = text.length();
        long[] hashes = new long[length / BLOCK_CHARS];
        long h = FNV_OFFSET;
        for (int i = 0; i < hashes.length * BLOCK_CHARS; i++) {
            char c = text.charAt(i);
            h = (h ^ (c & 0xff)) * FNV_PRIME;
            h = (h ^ (c >>> 8)) * FNV_PRIME;
            if ((i + 1) % BLOCK_CHARS == 0) {
                hashes[i / BLOCK_CHARS] = h;
            }
        }
        return new PromptBlocks(hashes, length);
    }

    int blockCount() {
        return hashes.length;
    }

    long hash(int block) {
        return hashes[block];
    }

    int chars() {
        return chars;
    }

    /**
     * Tokens of a prompt of {@code promptTokens} tokens covered by its first {@code blocks} blocks, in proportion to
     * the characters they cover. At least one token is always computed, as vLLM recomputes the last one to get logits.
     */
    int cachedTokens(int blocks, int promptTokens) {
        if (blocks <= 0 || chars == 0 || promptTokens <= 1) {
            return 0;
        }
        long covered = (long) blocks * BLOCK_CHARS * promptTokens / chars;
        return (int) Math.min(promptTokens - 1L, covered);
    }
}
