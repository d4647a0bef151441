package dev.pingpong.webtransport.internal;

import io.netty.util.concurrent.EventExecutor;

/** Runs work on the event loop that owns the state it touches: inline when already there, else queued. */
final class OnLoop {

    private OnLoop() {
    }

    static void run(EventExecutor loop, Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
