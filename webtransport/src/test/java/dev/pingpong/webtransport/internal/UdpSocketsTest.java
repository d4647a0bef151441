package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.UdpTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The UDP sockets of both endpoints get buffers that hold a busy loop's backlog, not the kernel's default. */
@Timeout(30)
class UdpSocketsTest {

    private static final Path RMEM_MAX = Path.of("/proc/sys/net/core/rmem_max");
    private static final Path WMEM_MAX = Path.of("/proc/sys/net/core/wmem_max");

    @ParameterizedTest
    @EnumSource(UdpTransport.class)
    void socketsAskForLargeBuffersAndGetThemUpToTheKernelsCap(UdpTransport transport) throws Exception {
        assumeTrue(transport == UdpTransport.NIO || UdpSockets.preferred(true) == UdpTransport.EPOLL,
                "native transport not available here");
        assumeTrue(Files.isReadable(RMEM_MAX), "not Linux: the kernel's caps are unknown");
        EventLoopGroup group = UdpSockets.newGroup(transport, 1, "udp-sockets-test");
        try {
            Bootstrap bootstrap = UdpSockets.bootstrap(transport, group).handler(new ChannelInboundHandlerAdapter());
            assertEquals(UdpSockets.SOCKET_BUFFER_BYTES, bootstrap.config().options().get(ChannelOption.SO_RCVBUF));
            assertEquals(UdpSockets.SOCKET_BUFFER_BYTES, bootstrap.config().options().get(ChannelOption.SO_SNDBUF));
            Channel socket = bootstrap.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            // What the kernel granted: at least the asked size up to its cap (Linux reports twice what it grants).
            assertTrue(socket.config().getOption(ChannelOption.SO_RCVBUF) >= Math.min(UdpSockets.SOCKET_BUFFER_BYTES, cap(RMEM_MAX)));
            assertTrue(socket.config().getOption(ChannelOption.SO_SNDBUF) >= Math.min(UdpSockets.SOCKET_BUFFER_BYTES, cap(WMEM_MAX)));
            socket.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static int cap(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
    }
}
