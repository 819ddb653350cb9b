package io.llmload.runner.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * vLLM's automatic prefix caching, reduced to what changes latency: the hashes of prompt blocks whose KV was
 * computed, in least-recently-used order, bounded by a number of blocks. A prompt's leading blocks found here skip
 * prefill. Simplification: cached blocks do not take room in the batch's KV accounting (vLLM keeps them in the KV
 * cache's free blocks and evicts them when it needs the space; this cache has its own bound instead).
 * Not thread-safe: owned by the scheduler thread.
 */
final class PrefixCache {

    private final LinkedHashMap<Long, Boolean> blocks;

    PrefixCache(int capacityBlocks) {
        if (capacityBlocks < 1) {
            throw new IllegalArgumentException("prefix cache capacity must be at least one block");
        }
        // Access order: a hit or a re-insert makes a block the most recently used.
        this.blocks = new LinkedHashMap<>(Math.min(capacityBlocks, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > capacityBlocks;
            }
        };
    }

    /**
     * Counts the prompt's leading blocks already cached (stopping at the first miss: a block is only reusable after
     * its whole prefix), then caches all of its blocks, as prefilling them computes their KV.
     *
     * @return the number of leading blocks that hit
     */
    int lookupAndStore(PromptBlocks prompt) {
        int hits = 0;
        while (hits < prompt.blockCount() && blocks.get(prompt.hash(hits)) != null) {
            hits++;
        }
        for (int i = hits; i < prompt.blockCount(); i++) {
            blocks.put(prompt.hash(i), Boolean.TRUE);
        }
        return hits;
    }

    int size() {
        return blocks.size();
    }

    boolean contains(long blockHash) {
        // containsKey does not count as an access, so tests can look without reordering.
        return blocks.containsKey(blockHash);
    }
}
