package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.Limits;
import dev.pingpong.webtransport.SessionCloseInfo;
import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamType;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One WebTransport connection for handler tests: its QUIC channel is an {@link EmbeddedChannel} seen through the
 * {@link QuicChannel} interface (the Channel part is real, the QUIC-only part is refused), its streams are
 * {@link EmbeddedQuicStreamChannel}s, and its sessions record what their listener heard.
 */
final class EmbeddedConnection {

    final EndpointContext endpoint;
    final EmbeddedChannel carrier = new EmbeddedChannel();
    final QuicChannel quic;
    final WebTransportConnection connection;

    EmbeddedConnection(boolean server) {
        this(server, Limits.builder().maxCapsuleSize(64).build());
    }

    EmbeddedConnection(boolean server, Limits limits) {
        endpoint = new EndpointContext(server, limits, Map.of());
        quic = (QuicChannel) Proxy.newProxyInstance(EmbeddedConnection.class.getClassLoader(),
                new Class<?>[] {QuicChannel.class}, (proxy, method, args) -> {
                    if (method.getName().equals("remoteSocketAddress")) {
                        return new InetSocketAddress("127.0.0.1", 4433);
                    }
                    if (!method.getDeclaringClass().isInstance(carrier)) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    try {
                        return method.invoke(carrier, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        connection = WebTransportConnection.attach(quic, endpoint);
    }

    EmbeddedQuicStreamChannel stream(long id, QuicStreamType type, boolean localCreated) {
        return new EmbeddedQuicStreamChannel(quic, id, type, localCreated);
    }

    /** An open draft-02 session on CONNECT stream {@code connectStreamId}. */
    Recorded session(long connectStreamId) {
        return session(connectStreamId, Draft.DRAFT_02);
    }

    /** An open session of {@code draft} on CONNECT stream {@code connectStreamId}. */
    Recorded session(long connectStreamId, Draft draft) {
        Recorded recorded = new Recorded();
        EmbeddedQuicStreamChannel connectStream = stream(connectStreamId, QuicStreamType.BIDIRECTIONAL, false);
        recorded.connectStream = connectStream;
        recorded.session = new Session(connection, connectStream, "/test", null, draft, recorded,
                SessionSlot.reserve(connection));
        recorded.session.open();
        return recorded;
    }

    /** A session with what its listener heard. Datagrams are kept as bytes and released. */
    static final class Recorded implements SessionListener {
        Session session;
        EmbeddedQuicStreamChannel connectStream;
        final List<WebTransportStream> streams = new ArrayList<>();
        final List<String> datagrams = new ArrayList<>();
        final List<SessionCloseInfo> closes = new ArrayList<>();
        /** Told the session's id when the peer asks it to drain. */
        java.util.function.LongConsumer onDrain = id -> { };

        @Override
        public void onStream(WebTransportSession session, WebTransportStream stream) {
            streams.add(stream);
        }

        @Override
        public void onDatagram(WebTransportSession session, ByteBuf payload) {
            datagrams.add(payload.toString(java.nio.charset.StandardCharsets.US_ASCII));
            payload.release();
        }

        @Override
        public void onDraining(WebTransportSession session) {
            onDrain.accept(session.id());
        }

        @Override
        public void onClosed(WebTransportSession session, SessionCloseInfo info) {
            closes.add(info);
        }
    }
}
