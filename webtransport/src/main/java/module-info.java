/**
 * WebTransport over HTTP/3 on Netty. Exports the API ({@code dev.pingpong.webtransport}) and the TLS contexts
 * and certificate tools ({@code dev.pingpong.webtransport.tls}); handlers, sessions and wire codecs stay inside.
 */
module dev.pingpong.webtransport {
    exports dev.pingpong.webtransport;
    exports dev.pingpong.webtransport.tls;

    // Types of these modules appear in the API: sessions, streams, buffers, futures, HTTP/3 headers, QUIC TLS.
    requires transitive io.netty.buffer;
    requires transitive io.netty.common;
    requires transitive io.netty.transport;
    requires transitive io.netty.codec;
    requires transitive io.netty.handler;
    requires transitive io.netty.codec.classes.quic;
    requires transitive io.netty.codec.http3;

    // Certificates and keys (CertifiedKey) appear in the tls API.
    requires transitive dev.pingpong.certs;
    requires io.netty.transport.classes.epoll;
    requires org.slf4j;
}
