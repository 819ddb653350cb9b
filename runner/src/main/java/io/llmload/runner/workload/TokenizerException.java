package io.llmload.runner.workload;

/** A tokenizer file that cannot be used: the message names the field and the file. */
public final class TokenizerException extends IllegalArgumentException {

    public TokenizerException(String message) {
        super(message);
    }
}
