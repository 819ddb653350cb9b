package io.llmload.runner.engine;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.util.ArrayDeque;

/**
 * A lane's connections, split into pools of at most {@value #POOL_SIZE}, one Vert.x client each: a Vert.x pool scans
 * all its connections at every acquire, which at thousands of streams (and under backlog, when the pool is largest)
 * costs more than the request. A request takes a slot in a pool with room — the one freed last, whose connections
 * are warm — or waits, in order, for one (the wait shows as send lag). Used on the lane's loop only.
 */
final class ConnectionPools implements AutoCloseable {

    static final int POOL_SIZE = 64;

    private final HttpClient[] clients;
    private final int[] capacity;
    private final int[] busy;
    /** Pools with a free slot, the one freed last on top; each pool at most once. */
    private final ArrayDeque<Integer> withRoom = new ArrayDeque<>();
    private final boolean[] listed;
    private final ArrayDeque<InFlightRequest> waiting = new ArrayDeque<>();

    ConnectionPools(Vertx vertx, TargetHttp http, int connections) {
        int pools = (connections + POOL_SIZE - 1) / POOL_SIZE;
        this.clients = new HttpClient[pools];
        this.capacity = new int[pools];
        this.busy = new int[pools];
        this.listed = new boolean[pools];
        for (int i = pools - 1; i >= 0; i--) {
            capacity[i] = Math.min(POOL_SIZE, connections - i * POOL_SIZE);
            clients[i] = http.client(vertx, capacity[i]);
            withRoom.push(i);
            listed[i] = true;
        }
    }

    /** Gives {@code flight} a slot and returns true, or queues it (false) until {@link #release} hands it one. */
    boolean take(InFlightRequest flight) {
        if (withRoom.isEmpty()) {
            waiting.add(flight);
            return false;
        }
        int pool = withRoom.peek();
        if (++busy[pool] == capacity[pool]) {
            withRoom.pop();
            listed[pool] = false;
        }
        flight.pool(pool);
        return true;
    }

    /** The client of the pool {@code flight} has a slot in. */
    HttpClient client(InFlightRequest flight) {
        return clients[flight.pool()];
    }

    /** {@code flight} ended: frees its slot; returns the waiting request that now has it, or null. */
    InFlightRequest release(InFlightRequest flight) {
        int pool = flight.pool();
        if (pool < 0) {
            return null; // it never had a slot
        }
        busy[pool]--;
        if (!listed[pool]) {
            listed[pool] = true;
            withRoom.push(pool);
        }
        InFlightRequest next;
        while ((next = waiting.poll()) != null) {
            if (!next.finished() && take(next)) {
                return next;
            }
        }
        return null;
    }

    @Override
    public void close() {
        for (HttpClient client : clients) {
            client.close();
        }
    }
}
