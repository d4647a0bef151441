package dev.pingpong.server;

/** A test server and a client pinned to its certificate, closed together (client first). */
final class LoopbackPair implements AutoCloseable {

    final TestServer server;
    final TestClient client;

    private LoopbackPair(TestServer server, TestClient client) {
        this.server = server;
        this.client = client;
    }

    static LoopbackPair start(String... serverArgs) throws Exception {
        TestServer server = TestServer.start(serverArgs);
        return new LoopbackPair(server, new TestClient(server.sha256()));
    }

    /** For {@code @AfterAll}: tolerates a pair that never started. */
    static void close(LoopbackPair pair) {
        if (pair != null) {
            pair.close();
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.close();
        }
    }
}
