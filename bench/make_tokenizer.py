#!/usr/bin/env python3
"""Builds a small local Hugging Face tokenizer (word level, whitespace split) for peers that insist on loading one.

inference-perf loads a tokenizer with transformers' AutoTokenizer, from the Hugging Face Hub by default, which this
benchmark cannot reach (loopback only). A word-level tokenizer counts the canned stream's 64 words as 64 tokens, which
is all the peers need it for here (prompt and output token counts); it changes no latency.
"""
import sys

from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import PreTrainedTokenizerFast

out = sys.argv[1]
words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "word", "hello", "the", "a"]
vocab = {"[UNK]": 0, "[EOS]": 1}
for w in words:
    vocab.setdefault(w, len(vocab))
core = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
core.pre_tokenizer = pre_tokenizers.Whitespace()
PreTrainedTokenizerFast(tokenizer_object=core, unk_token="[UNK]", eos_token="[EOS]").save_pretrained(out)
