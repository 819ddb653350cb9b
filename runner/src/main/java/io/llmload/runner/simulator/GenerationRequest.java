package io.llmload.runner.simulator;

/** The parts of a chat/completions request the simulator honours; {@code blocks} feed the prefix cache. */
record GenerationRequest(String api, boolean chat, int promptTokens, int maxTokens, boolean stream,
        boolean includeUsage, PromptBlocks blocks) {
}
