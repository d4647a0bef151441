package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.UdpTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.EpollQuicUtils;
import io.netty.handler.codec.quic.SegmentedDatagramPacketAllocator;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How an endpoint's UDP sockets are made: on Linux's native epoll transport where its library loads, else on NIO
 * (said once per process, as a warning); and tuned for QUIC on the native one.
 */
public final class UdpSockets {

    private static final Logger LOG = LoggerFactory.getLogger(UdpSockets.class);
    private static final AtomicBoolean FALLBACK_TOLD = new AtomicBoolean();

    /**
     * A receive slot holds any QUIC packet (quiche sends at most 1350 bytes) on a path MTU up to 2048. GRO stays
     * off: a coalesced read can be 64 KiB, which a slot this size would truncate, and slots that large would cost
     * the batched reads across connections that a busy server gains more from.
     */
    private static final int DATAGRAM_SLOT = 2048;
    /** Datagrams one recvmmsg call may return. */
    private static final int DATAGRAMS_PER_READ = 16;
    /** Packets of one connection that quiche may hand the kernel in one GSO send. */
    private static final int GSO_SEGMENTS = 16;
    /**
     * Receive and send buffer of each socket. One socket carries every connection of its loop, so packets of thousands
     * of connections queue in it while the loop is busy (a GC pause, a burst of handshakes); Linux's default of 208
     * KiB holds about 200 small packets, and past it the kernel drops what arrives, which QUIC resends only a probe
     * timeout later. 10,000 sessions at 1 ping/s lost a quarter of their datagrams that way. The kernel caps the
     * value at {@code net.core.rmem_max} / {@code wmem_max}.
     */
    static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private UdpSockets() {
    }

    /** The transport to use when the endpoint makes its own event loops. */
    public static UdpTransport preferred(boolean nativeWanted) {
        if (!nativeWanted) {
            return UdpTransport.NIO;
        }
        if (Epoll.isAvailable()) {
            return UdpTransport.EPOLL;
        }
        if (FALLBACK_TOLD.compareAndSet(false, true)) {
            LOG.warn("native epoll transport unavailable ({}); using NIO", Epoll.unavailabilityCause().toString());
        }
        return UdpTransport.NIO;
    }

    /** The transport the sockets of {@code group} must use: the one its event loops were made for. */
    public static UdpTransport of(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup loops && loops.isIoType(EpollIoHandler.class)
                ? UdpTransport.EPOLL : UdpTransport.NIO;
    }

    public static EventLoopGroup newGroup(UdpTransport transport, int threads, String name) {
        IoHandlerFactory io = transport == UdpTransport.EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), io);
    }

    /** A bootstrap for one UDP socket of {@code transport} on {@code group}, batched reads where native. */
    public static Bootstrap bootstrap(UdpTransport transport, EventLoopGroup group) {
        Bootstrap bootstrap = new Bootstrap().group(group)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES);
        if (transport == UdpTransport.NIO) {
            return bootstrap.channel(NioDatagramChannel.class);
        }
        return bootstrap.channel(EpollDatagramChannel.class)
                .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, DATAGRAM_SLOT)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DATAGRAM_SLOT * DATAGRAMS_PER_READ));
    }

    /** How QUIC connections on {@code socket} hand several packets to the kernel at once (GSO), if they can. */
    public static SegmentedDatagramPacketAllocator segmentedSends(Channel socket) {
        return socket instanceof EpollDatagramChannel && EpollDatagramChannel.isSegmentedDatagramPacketSupported()
                ? EpollQuicUtils.newSegmentedAllocator(GSO_SEGMENTS) : SegmentedDatagramPacketAllocator.NONE;
    }
}
