package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.UdpTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.handler.codec.quic.QuicCodecDispatcher;
import io.netty.handler.codec.quic.QuicConnectionIdGenerator;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.util.internal.PlatformDependent;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Binds the UDP sockets of one server address: on the native transport one socket per event loop, all on the same
 * port through SO_REUSEPORT. The kernel keeps a client's 4-tuple on one socket; a packet that still reaches another
 * (a client that migrated to a new address) is handed to the socket owning its connection, whose index every
 * connection id we issue carries (Netty's {@link QuicCodecDispatcher}). So each connection lives on one loop.
 */
public final class ServerSockets {

    private final UdpTransport transport;
    private final EventLoopGroup group;
    private final int perAddress;
    private final Supplier<QuicServerCodecBuilder> codecs;
    private final EndpointCounters counters;

    /**
     * @param perAddress sockets (and event loops) per address; must be 1 on NIO
     * @param codecs     a fresh QUIC server codec builder per socket, the endpoint's settings already applied
     */
    public ServerSockets(UdpTransport transport, EventLoopGroup group, int perAddress,
                         Supplier<QuicServerCodecBuilder> codecs, EndpointContext endpoint) {
        if (perAddress > 1 && transport != UdpTransport.EPOLL) {
            throw new IllegalArgumentException("several sockets on one port need the native transport");
        }
        this.transport = transport;
        this.group = group;
        this.perAddress = perAddress;
        this.codecs = codecs;
        this.counters = endpoint.counters();
    }

    /**
     * Binds the sockets of {@code address} and returns them; on failure closes what it bound and rethrows (Netty
     * rethrows a socket's checked exception, e.g. BindException, undeclared).
     */
    public List<Channel> bind(InetSocketAddress address) throws InterruptedException {
        QuicCodecDispatcher dispatcher = new QuicCodecDispatcher() {
            @Override
            protected void initChannel(Channel channel, int idLength, QuicConnectionIdGenerator ids) {
                channel.pipeline().addLast(codecs.get()
                        .localConnectionIdLength(idLength)
                        .connectionIdAddressGenerator(ids)
                        .option(QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR, UdpSockets.segmentedSends(channel))
                        .build());
            }
        };
        // Counted where they arrive, before the dispatcher may hand them to another socket's codec.
        Bootstrap bootstrap = UdpSockets.bootstrap(transport, group).handler(new ServerSocketInitializer(dispatcher, counters));
        InetSocketAddress target = address;
        if (perAddress > 1) {
            bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
            target = claimPort(address);
        }
        List<Channel> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < perAddress; i++) {
                sockets.add(bind(bootstrap, target));
            }
        } catch (Throwable e) {
            sockets.forEach(Channel::close);
            throw e;
        }
        return sockets;
    }

    /**
     * One bind, failing as NIO and {@code java.net} do: with a {@link BindException} whatever the reason (taken,
     * not local, not permitted), where the native transport throws its own IOException.
     */
    private static Channel bind(Bootstrap bootstrap, InetSocketAddress address) throws InterruptedException {
        try {
            return bootstrap.bind(address).sync().channel();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // Exception: Netty rethrows the socket's checked exception undeclared.
            if (e instanceof IOException && !(e instanceof BindException)) {
                BindException bind = new BindException(address + ": " + e.getMessage());
                bind.initCause(e);
                // Undeclared, like the exception it replaces (Netty's sync() rethrows the same way).
                PlatformDependent.throwException(bind);
            }
            throw e;
        }
    }

    /**
     * The address with a port nobody holds, checked by a bind without SO_REUSEPORT: with it alone a second server of
     * the same user would share a taken port silently instead of failing as a taken port should.
     */
    private InetSocketAddress claimPort(InetSocketAddress address) throws InterruptedException {
        Channel probe = bind(UdpSockets.bootstrap(transport, group).handler(new ChannelInboundHandlerAdapter()), address);
        int port = ((InetSocketAddress) probe.localAddress()).getPort();
        probe.close().sync();
        return new InetSocketAddress(address.getAddress(), port);
    }
}
