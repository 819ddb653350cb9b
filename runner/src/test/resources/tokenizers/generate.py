"""Regenerates the tiny tokenizer.json files the tokenizer tests use (test tooling, not part of the product).

Both are trained here, from scratch, on text made of llmload's synthetic-prompt words (workload/SyntheticPrompt.java)
plus two sentences, with the Hugging Face `tokenizers` library:
  llama3-style-tiny.json   byte-level BPE with Llama 3's pre-tokenizer regex (the Llama 3 / Qwen 2 layout)
  mistral-style-tiny.json  BPE behind a Metaspace pre-tokenizer, SentencePiece-like (the Mistral / Llama 2 layout)
They are small (vocabularies of 700 and 600 tokens), so they split ordinary English into many pieces: good for
exact-count tests, useless as real tokenizers. Run:
  python3 -m venv /tmp/tokvenv && /tmp/tokvenv/bin/pip install tokenizers==0.23.3
  /tmp/tokvenv/bin/python generate.py ../../../main/java/io/llmload/runner/workload/SyntheticPrompt.java
and update the expected counts in HuggingFaceTokenizerTest from what it prints.
"""
import random
import sys

from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers

LLAMA3_SPLIT = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                r"|\s*[\r\n]+|\s+(?!\S)|\s+")
SENTENCES = ["The quick brown fox jumps over the lazy dog.",
             "Latency percentiles come from histograms, never from averages."]


def corpus(source):
    words = open(source).read().split('"""')[1].split()
    rng = random.Random(1)
    lines = [" ".join(rng.choice(words) for _ in range(12)) + "." for _ in range(400)]
    return lines + ["The load test sends prompts to the server and measures the time to first token.",
                    "Latency percentiles come from histograms, never from averages."]


def llama3_style(lines):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(LLAMA3_SPLIT), behavior="isolated"),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator(lines, trainers.BpeTrainer(
        vocab_size=700, special_tokens=["<|begin_of_text|>", "<|end_of_text|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False))
    return tok


def mistral_style(lines):
    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="first")
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="first")
    tok.train_from_iterator(lines, trainers.BpeTrainer(
        vocab_size=600, special_tokens=["<unk>", "<s>", "</s>"], show_progress=False))
    return tok


if __name__ == "__main__":
    lines = corpus(sys.argv[1])
    for name, tok in (("llama3-style-tiny.json", llama3_style(lines)), ("mistral-style-tiny.json", mistral_style(lines))):
        tok.save(name)
        for sentence in SENTENCES:
            print(name, repr(sentence), len(tok.encode(sentence, add_special_tokens=False).ids))
