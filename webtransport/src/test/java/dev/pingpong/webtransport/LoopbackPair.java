package dev.pingpong.webtransport;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/** A server on a loopback port with the given routes and limits, plus a client trusting it. */
final class LoopbackPair implements AutoCloseable {

    final WebTransportServer server;
    final WebTransportClient client;
    private final String host;

    LoopbackPair(WebTransportServer.Builder server) throws InterruptedException {
        this(server, "127.0.0.1");
    }

    LoopbackPair(WebTransportServer.Builder server, String host) throws InterruptedException {
        this(server, WebTransportClient.builder(), host);
    }

    LoopbackPair(WebTransportServer.Builder server, WebTransportClient.Builder client) throws InterruptedException {
        this(server, client, "127.0.0.1");
    }

    private LoopbackPair(WebTransportServer.Builder server, WebTransportClient.Builder client, String host)
            throws InterruptedException {
        this.host = host;
        this.server = server.bind(new InetSocketAddress(host, 0)).sslContext(LoopbackTls.server()).start();
        this.client = client.sslContext(LoopbackTls.client()).build();
    }

    static LoopbackPair echo() throws InterruptedException {
        return new LoopbackPair(WebTransportServer.builder().route("/echo", r -> r.accept(new EchoListener())));
    }

    int port() {
        return server.localAddresses().get(0).getPort();
    }

    URI uri(String path) {
        String authority = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("https://" + authority + ":" + port() + path);
    }

    WebTransportSession connect(String path, SessionListener listener) throws Exception {
        return connect(path, ConnectOptions.DEFAULT, listener);
    }

    WebTransportSession connect(String path, ConnectOptions options, SessionListener listener) throws Exception {
        return client.connect(uri(path), options, listener).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
