package dev.pingpong.webtransport;

import dev.pingpong.certs.Certificates;
import dev.pingpong.certs.CertifiedKey;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;

import java.security.cert.X509Certificate;

/** TLS contexts for loopback tests: one self-signed ECDSA P-256 certificate, trusted by the client. */
final class LoopbackTls {

    private static final CertifiedKey KEY = Certificates.selfSigned();

    private LoopbackTls() {
    }

    static QuicSslContext server() {
        return QuicSslContextBuilder.forServer(KEY.privateKey(), null, KEY.chain().toArray(new X509Certificate[0]))
                .applicationProtocols(Http3.supportedApplicationProtocols())
                .build();
    }

    static QuicSslContext client() {
        return QuicSslContextBuilder.forClient()
                .trustManager(KEY.leaf())
                .applicationProtocols(Http3.supportedApplicationProtocols())
                .build();
    }
}
