package io.llmload.runner.workload;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * An OpenAI BPE encoding (jtokkit). The vocabulary is loaded on first use (0.3–3 s, a few MB), once per JVM:
 * every request type, the client and the simulator share the one instance, which jtokkit makes thread-safe.
 */
final class BpeTokenizer implements Tokenizer {

    static final BpeTokenizer CL100K_BASE = new BpeTokenizer(EncodingType.CL100K_BASE);
    static final BpeTokenizer O200K_BASE = new BpeTokenizer(EncodingType.O200K_BASE);

    private final EncodingType type;
    private volatile Encoding encoding;

    private BpeTokenizer(EncodingType type) {
        this.type = type;
    }

    @Override
    public String name() {
        return type.getName();
    }

    @Override
    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        // Ordinary: a prompt that happens to contain "<|endoftext|>" is text, not a control token.
        return encoding().countTokensOrdinary(text);
    }

    @Override
    public Tokenizer preload() {
        // Counting once also initializes the encoding's pre-tokenizer (for cl100k_base jtokkit's Cl100kParser, 6-9 ms
        // here): otherwise the first request to finish pays for it on the engine's control loop — mid-run, when
        // requests outlast the warmup.
        encoding().countTokensOrdinary("preload");
        return this;
    }

    private Encoding encoding() {
        Encoding loaded = encoding;
        if (loaded == null) {
            synchronized (this) {
                loaded = encoding;
                if (loaded == null) {
                    loaded = Encodings.newLazyEncodingRegistry().getEncoding(type);
                    encoding = loaded;
                }
            }
        }
        return loaded;
    }

    @Override
    public String toString() {
        return name();
    }
}
