package dev.pingpong.server;

import dev.pingpong.protocol.Frames;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static dev.pingpong.server.Pings.ping;

/** A well-behaved client pinging on its own session beside an attack: what it lost, and its round trips. */
final class GoodClient implements AutoCloseable {

    private final TestClient client;
    private final TestClient.TestSession session;
    private final TestStream stream;
    private final Thread thread;
    private final List<Long> rttNanos = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong lost = new AtomicLong();
    private volatile boolean running = true;

    GoodClient(TestServer server) throws Exception {
        this(server.sha256(), server.url());
    }

    GoodClient(String sha256, java.net.URI url) throws Exception {
        client = new TestClient(sha256);
        session = client.connect(url);
        stream = session.openStream();
        thread = new Thread(this::run, "good-client");
        thread.start();
    }

    private void run() {
        for (long seq = 0; running; seq++) {
            long start = System.nanoTime();
            stream.write(ping(seq, 32));
            try {
                ByteBuf pong = stream.read(Frames.frameLength(32), TestClient.WAIT);
                if (Frames.seq(pong) != seq) {
                    lost.incrementAndGet();
                }
                pong.release();
                rttNanos.add(System.nanoTime() - start);
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            } catch (AssertionError e) {
                lost.incrementAndGet();
                return;
            }
        }
    }

    long answered() {
        return rttNanos.size();
    }

    long lost() {
        return lost.get();
    }

    /** The 99th percentile round trip so far, in milliseconds. */
    double p99Millis() {
        List<Long> sorted;
        synchronized (rttNanos) {
            sorted = new ArrayList<>(rttNanos);
        }
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * 0.99)) / 1e6;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TestClient.WAIT.toMillis() * 2);
        session.close();
        client.close();
    }
}
