package dev.pingpong.client;

import dev.pingpong.webtransport.SessionCloseInfo;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** A session that only remembers whether and why it was closed; the lifecycle needs no more of one. */
final class FakeSession implements WebTransportSession {

    private final long id;
    String closedWith;

    FakeSession(long id) {
        this.id = id;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String path() {
        return "/pingpong";
    }

    @Override
    public Optional<String> protocol() {
        return Optional.of("pingpong-v1");
    }

    @Override
    public String draftName() {
        return "draft-16";
    }

    @Override
    public SocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 4433);
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return List.of();
    }

    @Override
    public EventLoop eventLoop() {
        throw new UnsupportedOperationException("the lifecycle runs on its scheduler");
    }

    @Override
    public Future<WebTransportStream> openBidirectionalStream() {
        throw new UnsupportedOperationException("streams are the transport opener's");
    }

    @Override
    public Future<WebTransportStream> openUnidirectionalStream() {
        throw new UnsupportedOperationException("streams are the transport opener's");
    }

    @Override
    public Future<Void> sendDatagram(ByteBuf payload) {
        payload.release();
        throw new UnsupportedOperationException("datagrams are the transport's");
    }

    @Override
    public Future<Void> writeDatagram(ByteBuf payload) {
        return sendDatagram(payload);
    }

    @Override
    public void flushDatagrams() {
        throw new UnsupportedOperationException("datagrams are the transport's");
    }

    @Override
    public int maxDatagramSize() {
        return 1200;
    }

    @Override
    public void drain() {
    }

    @Override
    public boolean isDraining() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return closedWith == null;
    }

    @Override
    public Future<Void> close(int code, String reason) {
        closedWith = reason;
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
    }

    @Override
    public Future<SessionCloseInfo> closeFuture() {
        throw new UnsupportedOperationException("the lifecycle hears of the end through its listener");
    }
}
