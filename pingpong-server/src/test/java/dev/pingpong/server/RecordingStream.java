package dev.pingpong.server;

import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** A stream as the ping handlers see it, on an embedded channel: what it was asked to do, in order. */
final class RecordingStream implements WebTransportStream {

    final List<String> calls = new ArrayList<>();
    private final Channel channel;
    private final long maxHeld;
    long held;

    /** Holds up to {@code maxHeld} received bytes; past that {@link #holdReceivedBytes} refuses, as the library would. */
    RecordingStream(Channel channel, long maxHeld) {
        this.channel = channel;
        this.maxHeld = maxHeld;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public WebTransportSession session() {
        return (WebTransportSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebTransportSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> 4L;
                    case "remoteAddress" -> new InetSocketAddress("127.0.0.1", 9);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Override
    public boolean isBidirectional() {
        return true;
    }

    @Override
    public boolean isLocal() {
        return false;
    }

    @Override
    public Future<Void> finish() {
        return record("finish");
    }

    @Override
    public Future<Void> reset(long applicationErrorCode) {
        return record("reset " + applicationErrorCode);
    }

    @Override
    public Future<Void> stopSending(long applicationErrorCode) {
        return record("stopSending " + applicationErrorCode);
    }

    @Override
    public void abort(long applicationErrorCode, String reason) {
        record("abort " + applicationErrorCode);
    }

    @Override
    public boolean holdReceivedBytes(long bytes) {
        if (bytes > maxHeld) {
            record("refused hold " + bytes);
            return false;
        }
        held = bytes;
        return true;
    }

    private Future<Void> record(String call) {
        calls.add(call);
        return channel.eventLoop().newSucceededFuture(null);
    }
}
