package dev.pingpong.webtransport.tls;

import dev.pingpong.certs.CertifiedKey;

import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;

/**
 * Builds a client's QUIC TLS context: ALPN h3, how the server is trusted, and optionally a client certificate
 * for mutual TLS.
 *
 * <p>Host name verification (for CA trust) needs each TLS engine created with the server's host:
 * {@code sslEngineProvider(quic -> context.newEngine(quic.alloc(), host, port))}; that host is also sent as SNI.
 * An engine without a host fails verification rather than skipping it.
 */
public final class ClientTlsContexts {

    private ClientTlsContexts() {
    }

    public static QuicSslContext create(ServerTrust trust) {
        return builder(trust).build();
    }

    /** With a client certificate presented when the server asks for one (mutual TLS). */
    public static QuicSslContext create(ServerTrust trust, CertifiedKey clientCertificate) {
        return builder(trust).keyManager(new SwappableKeyManager(clientCertificate), null).build();
    }

    private static QuicSslContextBuilder builder(ServerTrust trust) {
        QuicSslContextBuilder builder = QuicSslContextBuilder.forClient()
                .applicationProtocols(Http3.supportedApplicationProtocols())
                .trustManager(trust.trustManager());
        if (trust.verifiesHostName()) {
            builder.endpointIdentificationAlgorithm("HTTPS");
        }
        return builder;
    }
}
