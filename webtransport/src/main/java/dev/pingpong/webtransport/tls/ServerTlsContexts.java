package dev.pingpong.webtransport.tls;

import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.ssl.ClientAuth;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

/** Builds the server's QUIC TLS context: ALPN h3, a swappable certificate, optional client authentication. */
public final class ServerTlsContexts {

    private ServerTlsContexts() {
    }

    /** A server context without client authentication. */
    public static QuicSslContext create(SwappableKeyManager keyManager) {
        return builder(keyManager).build();
    }

    /**
     * A server context that asks clients for a certificate ({@link ClientAuth#OPTIONAL}: verified when presented;
     * {@link ClientAuth#REQUIRE}: refused without one) verified against {@code clientAuthorities}.
     * With {@link ClientAuth#NONE} no certificate is asked for and the authorities are unused.
     */
    public static QuicSslContext create(SwappableKeyManager keyManager, ClientAuth clientAuth,
                                        List<X509Certificate> clientAuthorities) throws GeneralSecurityException {
        if (clientAuth == ClientAuth.NONE) {
            return create(keyManager);
        }
        if (clientAuthorities.isEmpty()) {
            throw new GeneralSecurityException("client authentication " + clientAuth.name().toLowerCase(java.util.Locale.ROOT)
                    + " needs a client CA bundle");
        }
        return builder(keyManager)
                .trustManager(CaTrust.of(clientAuthorities))
                .clientAuth(clientAuth)
                .build();
    }

    private static QuicSslContextBuilder builder(SwappableKeyManager keyManager) {
        return QuicSslContextBuilder.forServer(keyManager, null)
                .applicationProtocols(Http3.supportedApplicationProtocols());
    }
}
