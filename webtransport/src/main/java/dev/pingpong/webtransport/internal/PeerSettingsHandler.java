package dev.pingpong.webtransport.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.Http3SettingsFrame;
import io.netty.util.ReferenceCountUtil;

/** On the peer's control stream: hands its SETTINGS to the connection; drops the other control frames. */
final class PeerSettingsHandler extends ChannelInboundHandlerAdapter {

    private final WebTransportConnection connection;

    PeerSettingsHandler(WebTransportConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http3SettingsFrame settings) {
            connection.onPeerSettings(settings.settings());
        }
        ReferenceCountUtil.release(msg);
    }
}
