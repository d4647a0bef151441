package dev.pingpong.server;

import dev.pingpong.webtransport.ConnectOptions;
import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.WebTransportClient;
import dev.pingpong.webtransport.WebTransportException;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.tls.ClientTlsContexts;
import dev.pingpong.webtransport.tls.ServerTrust;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.Future;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library's WebTransport client, pinned to the test server's certificate, with blocking helpers. */
final class TestClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final WebTransportClient client;

    TestClient(String sha256) {
        this.client = WebTransportClient.builder()
                .sslContext(ClientTlsContexts.create(ServerTrust.pinned(List.of(sha256))))
                .build();
    }

    TestSession connect(URI url) throws Exception {
        return connect(url, ConnectOptions.DEFAULT);
    }

    TestSession connect(URI url, ConnectOptions options) throws Exception {
        TestSession.Datagrams datagrams = new TestSession.Datagrams();
        Future<WebTransportSession> session = client.connect(url, options, datagrams);
        assertTrue(session.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "session within " + WAIT);
        return new TestSession(session.get(), datagrams);
    }

    /** Connects expecting a refusal and returns it. */
    WebTransportException refused(URI url, ConnectOptions options) throws Exception {
        Future<WebTransportSession> session = client.connect(url, options, new SessionListener() { });
        assertTrue(session.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "answer within " + WAIT);
        assertFalse(session.isSuccess(), "expected a refusal");
        return assertInstanceOf(WebTransportException.class, session.cause());
    }

    @Override
    public void close() {
        client.close();
    }

    /** A session whose datagrams queue up for the test to take. */
    static final class TestSession implements AutoCloseable {

        final WebTransportSession session;
        private final Datagrams datagrams;

        TestSession(WebTransportSession session, Datagrams datagrams) {
            this.session = session;
            this.datagrams = datagrams;
        }

        TestStream openStream() throws ExecutionException, InterruptedException {
            Future<dev.pingpong.webtransport.WebTransportStream> stream = session.openBidirectionalStream();
            assertTrue(stream.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "stream within " + WAIT);
            return new TestStream(stream.get());
        }

        void sendDatagram(ByteBuf datagram) throws InterruptedException {
            Future<Void> sent = session.sendDatagram(datagram);
            assertTrue(sent.await(WAIT.toMillis(), TimeUnit.MILLISECONDS) && sent.isSuccess(), "datagram sent: " + sent.cause());
        }

        /** The next datagram, or null when none came within {@code wait}; the caller releases it. */
        ByteBuf receiveDatagram(Duration wait) throws InterruptedException {
            return datagrams.queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            session.close(0, "test done").awaitUninterruptibly(WAIT.toMillis());
            ByteBuf left;
            while ((left = datagrams.queue.poll()) != null) {
                left.release();
            }
        }

        /** True once the server asked this session to drain. */
        boolean awaitDraining() throws InterruptedException {
            return datagrams.draining.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        static final class Datagrams implements SessionListener {
            final BlockingQueue<ByteBuf> queue = new LinkedBlockingQueue<>();
            final java.util.concurrent.CountDownLatch draining = new java.util.concurrent.CountDownLatch(1);

            @Override
            public void onDatagram(WebTransportSession session, ByteBuf payload) {
                queue.add(payload);
            }

            @Override
            public void onDraining(WebTransportSession session) {
                draining.countDown();
            }
        }
    }
}
