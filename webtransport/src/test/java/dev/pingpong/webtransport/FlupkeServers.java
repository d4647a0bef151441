package dev.pingpong.webtransport;

import dev.pingpong.certs.CertifiedKey;
import tech.kwik.core.log.NullLogger;
import tech.kwik.core.server.ServerConnectionConfig;
import tech.kwik.core.server.ServerConnector;

import java.net.DatagramSocket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/** A flupke (kwik) server connector on {@code socket} presenting {@code key}, as the interop tests and make bench run it. */
public final class FlupkeServers {

    private static final char[] KEY_STORE_PASSWORD = "flupke".toCharArray();

    private FlupkeServers() {
    }

    /** Register the application protocol and start it; closing it is the caller's. */
    public static ServerConnector.Builder connector(DatagramSocket socket, CertifiedKey key) throws Exception {
        return ServerConnector.builder()
                .withSocket(socket)
                .withConfiguration(ServerConnectionConfig.builder()
                        .maxIdleTimeoutInSeconds(30)
                        .maxConnectionBufferSize(1 << 20)
                        .maxBidirectionalStreamBufferSize(1 << 16)
                        .maxUnidirectionalStreamBufferSize(1 << 16)
                        .maxOpenPeerInitiatedBidirectionalStreams(16)
                        .maxOpenPeerInitiatedUnidirectionalStreams(16)
                        .build())
                .withKeyStore(keyStore(key), "server", KEY_STORE_PASSWORD, "secp256r1")
                .withLogger(new NullLogger());
    }

    /** kwik reads only RSA keys from PEM; an EC key goes in through a key store. */
    private static KeyStore keyStore(CertifiedKey key) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key.privateKey(), KEY_STORE_PASSWORD, key.chain().toArray(X509Certificate[]::new));
        return store;
    }
}
