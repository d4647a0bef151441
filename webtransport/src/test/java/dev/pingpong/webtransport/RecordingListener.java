package dev.pingpong.webtransport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records what a session hears, for tests to wait on. Peer streams are kept, with a reader attached. */
class RecordingListener implements SessionListener {

    final CompletableFuture<WebTransportSession> opened = new CompletableFuture<>();
    final BlockingQueue<StreamReader> streams = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> datagrams = new LinkedBlockingQueue<>();
    final CompletableFuture<Void> draining = new CompletableFuture<>();
    final CompletableFuture<SessionCloseInfo> closed = new CompletableFuture<>();

    @Override
    public void onOpen(WebTransportSession session) {
        opened.complete(session);
    }

    @Override
    public void onStream(WebTransportSession session, WebTransportStream stream) {
        StreamReader reader = new StreamReader(stream);
        stream.channel().pipeline().addLast(reader);
        streams.add(reader);
    }

    @Override
    public void onDatagram(WebTransportSession session, ByteBuf payload) {
        datagrams.add(ByteBufUtil.getBytes(payload));
        payload.release();
    }

    @Override
    public void onDraining(WebTransportSession session) {
        draining.complete(null);
    }

    @Override
    public void onClosed(WebTransportSession session, SessionCloseInfo info) {
        closed.complete(info);
    }

    /**
     * Sends {@code payload} as a datagram on {@code session} (whose listener this is) until one comes back, a
     * handful of tries (datagrams may be lost, rarely on loopback); the datagram received, or null.
     */
    byte[] echoDatagram(WebTransportSession session, byte[] payload) throws Exception {
        byte[] received = null;
        for (int attempt = 0; attempt < 5 && received == null; attempt++) {
            session.sendDatagram(Unpooled.wrappedBuffer(payload)).get(5, TimeUnit.SECONDS);
            received = datagrams.poll(1, TimeUnit.SECONDS);
        }
        return received;
    }
}
