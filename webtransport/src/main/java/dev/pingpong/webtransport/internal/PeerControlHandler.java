package dev.pingpong.webtransport.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.Http3GoAwayFrame;
import io.netty.handler.codec.http3.Http3SettingsFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * On the peer's control stream, behind Netty's checks of it: hands the peer's SETTINGS and GOAWAY to the
 * connection; drops the other control frames.
 */
final class PeerControlHandler extends ChannelInboundHandlerAdapter {

    private final WebTransportConnection connection;

    PeerControlHandler(WebTransportConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http3SettingsFrame settings) {
            connection.onPeerSettings(settings.settings());
        } else if (msg instanceof Http3GoAwayFrame goAway) {
            connection.onPeerGoAway(goAway.id());
        }
        ReferenceCountUtil.release(msg);
    }
}
