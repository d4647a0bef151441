package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.UdpTransport;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientSocketsTest {

    private final EventLoopGroup group = UdpSockets.newGroup(UdpTransport.NIO, 1, "client-sockets-test");
    private final ClientSockets sockets = new ClientSockets(UdpTransport.NIO, group.next(),
            ChannelInboundHandlerAdapter::new);

    @AfterEach
    void close() {
        sockets.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void addressLiteralsAreTakenAsTheyAreWithoutALookup() throws Exception {
        Future<InetAddress> v4 = sockets.resolve("127.0.0.1");
        Future<InetAddress> v6 = sockets.resolve("::1");
        assertTrue(v4.isDone() && v6.isDone(), "no hop to the resolver thread and back");
        assertEquals(InetAddress.getByName("127.0.0.1"), v4.getNow());
        assertEquals(InetAddress.getByName("::1"), v6.getNow());
    }

    @Test
    void hostNamesAreResolved() throws Exception {
        Future<InetAddress> localhost = sockets.resolve("localhost").await();
        assertTrue(localhost.isSuccess(), () -> String.valueOf(localhost.cause()));
        assertTrue(localhost.getNow().isLoopbackAddress(), localhost.getNow().toString());
    }
}
