package dev.pingpong.webtransport.internal;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import dev.pingpong.webtransport.UdpTransport;
import io.netty.channel.EventLoop;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What a client's connects share: one UDP socket per address family, bound on first use, and the thread that
 * resolves host names. Safe to use from any thread.
 */
public final class ClientSockets {

    private final UdpTransport transport;
    private final EventLoop loop;
    /** One QUIC codec per UDP socket: a codec is bound to its socket. */
    private final Supplier<ChannelHandler> codecs;
    /** Name resolution may block, so it runs on its own thread, never on an event loop or the caller's. */
    private final EventExecutor resolverThread = new DefaultEventExecutor(
            new DefaultThreadFactory("webtransport-client-resolver", true));
    /** The socket of each address family, bound or being bound. */
    private final Map<Class<?>, ChannelFuture> sockets = new HashMap<>();
    private boolean closed;

    /** Sockets on {@code loop}, the event loop of every connection and session of the client. */
    public ClientSockets(UdpTransport transport, EventLoop loop, Supplier<ChannelHandler> codecs) {
        this.transport = transport;
        this.loop = loop;
        this.codecs = codecs;
    }

    public EventLoop loop() {
        return loop;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Resolves {@code host} off the event loops; fails once these sockets are closed. An address literal needs no
     * lookup, nor the two thread hops of one.
     */
    Future<InetAddress> resolve(String host) {
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
        if (literal != null) {
            return loop.newSucceededFuture(literal);
        }
        try {
            return resolverThread.submit(() -> InetAddress.getByName(host));
        } catch (RejectedExecutionException e) {
            return loop.newFailedFuture(new IllegalStateException("client is closed", e));
        }
    }

    /**
     * The socket for {@code address}'s family, binding one (without waiting) where there is none or it closed.
     *
     * @throws IllegalStateException once these sockets are closed
     */
    synchronized ChannelFuture socketFor(InetAddress address) {
        if (closed) {
            throw new IllegalStateException("client is closed");
        }
        Class<?> family = address.getClass();
        ChannelFuture socket = sockets.get(family);
        if (socket == null || socket.isDone() && !socket.channel().isActive()) {
            String wildcard = address instanceof Inet6Address ? "::" : "0.0.0.0";
            socket = UdpSockets.bootstrap(transport, loop).handler(codecs.get())
                    .bind(new InetSocketAddress(wildcard, 0));
            sockets.put(family, socket);
        }
        return socket;
    }

    /** Takes no more connects and stops the resolver; returns the sockets bound so far, for the caller to close. */
    public List<ChannelFuture> close() {
        List<ChannelFuture> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(sockets.values());
            sockets.clear();
        }
        resolverThread.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        return open;
    }
}
