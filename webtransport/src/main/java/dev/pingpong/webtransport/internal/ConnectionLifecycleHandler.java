package dev.pingpong.webtransport.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;

/**
 * Last on the QUIC connection: when it closes, every session on it ends with the reason; errors that reach
 * here are logged on one line and close the connection.
 */
final class ConnectionLifecycleHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLifecycleHandler.class);

    private final WebTransportConnection connection;
    private QuicConnectionCloseEvent closeEvent;

    ConnectionLifecycleHandler(WebTransportConnection connection) {
        this.connection = connection;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof QuicConnectionCloseEvent event) {
            closeEvent = event;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.onClosed(new ConnectionClosedException(describe(closeEvent), closeEvent));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private static String describe(QuicConnectionCloseEvent event) {
        if (event == null) {
            return "connection closed";
        }
        String reason = reasonOf(event);
        String kind = event.isTlsError() ? "TLS error " + QuicConnectionCloseEvent.extractTlsError(event.error())
                : (event.isApplicationClose() ? "application error 0x" : "transport error 0x")
                        + Integer.toHexString(event.error());
        return "connection closed by peer (" + kind + (reason.isEmpty() ? "" : ": " + reason) + ")";
    }

    /** Netty's event throws when the peer's close frame had no reason phrase. */
    private static String reasonOf(QuicConnectionCloseEvent event) {
        try {
            return new String(event.reason(), StandardCharsets.UTF_8);
        } catch (NullPointerException e) {
            return "";
        }
    }

    /** The connection ended; carries the peer's close frame when there was one. */
    static final class ConnectionClosedException extends ClosedChannelException {

        private final String message;
        private final transient QuicConnectionCloseEvent event;

        ConnectionClosedException(String message, QuicConnectionCloseEvent event) {
            this.message = message;
            this.event = event;
        }

        QuicConnectionCloseEvent event() {
            return event;
        }

        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
