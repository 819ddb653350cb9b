module llmload.io/bench/readfloor

go 1.22
