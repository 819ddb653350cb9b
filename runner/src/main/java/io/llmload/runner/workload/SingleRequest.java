package io.llmload.runner.workload;

/** A user request of one plain request: chat, completions or embeddings. */
final class SingleRequest implements UserRequest {

    private final PreparedRequest request;

    SingleRequest(PreparedRequest request) {
        this.request = request;
    }

    @Override
    public PreparedRequest first() {
        return request;
    }

    @Override
    public PreparedRequest next(String reply) {
        return null;
    }

    @Override
    public int userRequestCell() {
        return -1;
    }
}
