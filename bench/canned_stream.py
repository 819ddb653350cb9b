#!/usr/bin/env python3
"""Writes the canned vLLM-style chat stream nginx serves to every tool in the peer benchmark.

The shape follows vLLM's chat streaming (vllm/entrypoints/openai/chat_completion/serving.py): a role chunk with empty
content, one chunk per token, a chunk carrying finish_reason, a usage-only chunk with empty choices (because the
request asked for stream_options.include_usage) and "data: [DONE]". Every event is "data: <json>\\n\\n".
"""
import json
import sys

TOKENS = int(sys.argv[2]) if len(sys.argv) > 2 else 64
OUT = sys.argv[1] if len(sys.argv) > 1 else "stream.sse"
MODEL = "llmload-sim"
WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
HEAD = {"id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 1767225600, "model": MODEL}


def chunk(delta, finish=None, usage_null=True):
    body = dict(HEAD)
    body["choices"] = [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]
    if usage_null:
        body["usage"] = None
    return "data: " + json.dumps(body, separators=(",", ":")) + "\n\n"


events = [chunk({"role": "assistant", "content": ""})]
for i in range(TOKENS):
    events.append(chunk({"content": " " + WORDS[i % len(WORDS)]}))
events.append(chunk({"content": ""}, finish="length"))
usage = dict(HEAD)
usage["choices"] = []
usage["usage"] = {"prompt_tokens": 128, "total_tokens": 128 + TOKENS, "completion_tokens": TOKENS}
events.append("data: " + json.dumps(usage, separators=(",", ":")) + "\n\n")
events.append("data: [DONE]\n\n")
with open(OUT, "w") as f:
    f.write("".join(events))
