package dev.pingpong.webtransport.internal;

import io.netty.channel.Channel;

/** The start of a server's graceful shutdown, per connection: HTTP/3 GOAWAY, then WT_DRAIN_SESSION to each session. */
public final class GoAway {

    private GoAway() {
    }

    /** Sends GOAWAY on {@code quicChannel} and drains its sessions, on its event loop; once, however often asked. */
    public static void send(Channel quicChannel) {
        OnLoop.run(quicChannel.eventLoop(), () -> {
            WebTransportConnection connection = WebTransportConnection.of(quicChannel);
            if (connection != null) {
                connection.goAway();
            }
        });
    }
}
