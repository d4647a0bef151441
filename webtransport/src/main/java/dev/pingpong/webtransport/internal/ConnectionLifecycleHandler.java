package dev.pingpong.webtransport.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import javax.net.ssl.SSLHandshakeException;

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
            connection.onCloseEvent(new ConnectionClosedException(() -> describe(event), event));
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        QuicConnectionCloseEvent event = closeEvent;
        Supplier<String> reason = ((QuicChannel) ctx.channel()).isTimedOut() ? () -> "connection idle timeout"
                : () -> describe(event);
        connection.onClosed(new ConnectionClosedException(reason, event));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("connection {} from {} failed: {}", ctx.channel().remoteAddress(),
                ((QuicChannel) ctx.channel()).remoteSocketAddress(), cause.toString());
        if (cause instanceof SSLHandshakeException) {
            // quiche has queued a CONNECTION_CLOSE carrying the TLS alert, and Netty closes the connection once
            // it is sent. Closing here, inside Netty's send loop (a failed certificate check runs as an SSL task
            // there), would free the connection before that frame leaves: a client whose certificate we refuse
            // has finished its TLS 1.3 handshake and would wait for SETTINGS until its timeout. So close later,
            // which is a no-op once Netty has closed.
            ctx.channel().eventLoop().execute(ctx::close);
        } else {
            ctx.close();
        }
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

    /**
     * Netty's event throws when the peer's close frame had no reason phrase, which is why a close is only described
     * when someone asks (most closes end sessions that had closed cleanly before, and nobody does).
     */
    private static String reasonOf(QuicConnectionCloseEvent event) {
        try {
            return new String(event.reason(), StandardCharsets.UTF_8);
        } catch (NullPointerException e) {
            return "";
        }
    }

    /** The connection ended; carries the peer's close frame when there was one. Its message is made when first read. */
    static final class ConnectionClosedException extends ClosedChannelException {

        private transient Supplier<String> describe;
        private String message;
        private final transient QuicConnectionCloseEvent event;

        ConnectionClosedException(String message, QuicConnectionCloseEvent event) {
            this.message = message;
            this.event = event;
        }

        ConnectionClosedException(Supplier<String> describe, QuicConnectionCloseEvent event) {
            this.describe = describe;
            this.event = event;
        }

        QuicConnectionCloseEvent event() {
            return event;
        }

        @Override
        public synchronized String getMessage() {
            if (message == null) {
                message = describe.get();
                describe = null;
            }
            return message;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
