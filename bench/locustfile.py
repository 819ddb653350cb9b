"""Locust (FastHttpUser) client of the peer benchmark: streams a chat completion and reports, through Locust's own
statistics (its --csv files), one "chat" entry per whole stream plus "TTFT" (send -> first content chunk) and "ITL"
(gap between content chunks) entries, all in milliseconds. Locust has no LLM metrics of its own: this file is the
minimal client a Locust user would write, reading the stream line by line as it arrives."""
import json
import os
import time

from locust import FastHttpUser, task

MODEL = os.environ.get("BENCH_MODEL", "llmload-sim")
MAX_TOKENS = int(os.environ.get("BENCH_MAX_TOKENS", "64"))
PROMPT = " ".join(["word"] * 128)


class ChatUser(FastHttpUser):
    # Closed model: each user sends its next request as soon as the previous one ended (no think time).
    connection_timeout = 30.0
    network_timeout = 120.0

    @task
    def chat(self):
        body = {"model": MODEL, "messages": [{"role": "user", "content": PROMPT}], "max_tokens": MAX_TOKENS,
                "stream": True, "stream_options": {"include_usage": True}, "ignore_eos": True}
        fire = self.environment.events.request.fire
        start = time.perf_counter()
        with self.client.post("/v1/chat/completions", json=body, stream=True, catch_response=True,
                              name="chat") as resp:
            previous = None
            done = False
            raw = resp._response  # geventhttpclient's response: readline() with SSE's "\n" separator
            while True:
                line = raw.readline(b"\n")
                if not line:
                    break
                if not line.startswith(b"data:"):
                    continue
                data = line[5:].strip()
                if data == b"[DONE]":
                    done = True
                    break
                chunk = json.loads(data)
                choices = chunk.get("choices") or []
                if choices and (choices[0].get("delta") or {}).get("content"):
                    now = time.perf_counter()
                    if previous is None:
                        fire(request_type="SSE", name="TTFT", response_time=(now - start) * 1000,
                             response_length=0, exception=None, context={})
                    else:
                        fire(request_type="SSE", name="ITL", response_time=(now - previous) * 1000,
                             response_length=0, exception=None, context={})
                    previous = now
            if done:
                resp.success()
            else:
                resp.failure("stream ended before [DONE]")
