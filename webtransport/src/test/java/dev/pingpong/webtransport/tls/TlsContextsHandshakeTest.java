package dev.pingpong.webtransport.tls;

import dev.pingpong.webtransport.testing.TestCertificates;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.ssl.ClientAuth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The TLS contexts in real QUIC handshakes over loopback (plain QUIC, no HTTP/3). */
@Timeout(60)
class TlsContextsHandshakeTest {

    private final TestCertificates.Pki pki = TestCertificates.pki("handshake");
    private final TestCertificates.Pki foreign = TestCertificates.pki("foreign");

    @Test
    void pinnedHashIsAcceptedAndAnyOtherRefused() throws Exception {
        CertifiedKey server = Certificates.selfSigned();
        try (QuicTlsProbe probe = new QuicTlsProbe(ServerTlsContexts.create(new SwappableKeyManager(server)))) {
            String answer = probe.exchange(ClientTlsContexts.create(ServerTrust.pinned(List.of(server.sha256Hex()))), "localhost");
            assertEquals("server=" + server.sha256Hex() + " client=none", answer);

            QuicSslContext wrongPin = ClientTlsContexts.create(ServerTrust.pinned(List.of(Certificates.selfSigned().sha256Hex())));
            assertRefused(() -> probe.exchange(wrongPin, "localhost"));
        }
    }

    @Test
    void caTrustVerifiesTheHostName() throws Exception {
        try (QuicTlsProbe probe = new QuicTlsProbe(ServerTlsContexts.create(new SwappableKeyManager(pki.server())))) {
            QuicSslContext trusting = ClientTlsContexts.create(ServerTrust.authorities(List.of(pki.authority().leaf())));
            assertEquals("server=" + pki.server().sha256Hex() + " client=none", probe.exchange(trusting, "localhost"));
            assertEquals("server=" + pki.server().sha256Hex() + " client=none", probe.exchange(trusting, "127.0.0.1"));

            assertRefused(() -> probe.exchange(trusting, "elsewhere.test"), "name not in the certificate");
            QuicSslContext otherCa = ClientTlsContexts.create(ServerTrust.authorities(List.of(foreign.authority().leaf())));
            assertRefused(() -> probe.exchange(otherCa, "localhost"), "issued by another CA");
        }
    }

    @Test
    void caBundleFileAndSystemTrust(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("ca.crt");
        Files.writeString(bundle, Pem.encodeCertificates(List.of(foreign.authority().leaf(), pki.authority().leaf())));
        try (QuicTlsProbe probe = new QuicTlsProbe(ServerTlsContexts.create(new SwappableKeyManager(pki.server())))) {
            assertEquals("server=" + pki.server().sha256Hex() + " client=none",
                    probe.exchange(ClientTlsContexts.create(ServerTrust.caBundle(bundle)), "localhost"));
            assertRefused(() -> probe.exchange(ClientTlsContexts.create(ServerTrust.system()), "localhost"),
                    "a private CA is not in the system trust store");
        }
    }

    @Test
    void insecureTrustsAnything() throws Exception {
        CertifiedKey server = Certificates.selfSigned(List.of("unrelated.test"), Certificates.DEFAULT_VALIDITY);
        try (QuicTlsProbe probe = new QuicTlsProbe(ServerTlsContexts.create(new SwappableKeyManager(server)))) {
            assertEquals("server=" + server.sha256Hex() + " client=none",
                    probe.exchange(ClientTlsContexts.create(ServerTrust.insecure()), "localhost"));
        }
    }

    @Test
    void aSwapReachesNewConnections() throws Exception {
        CertifiedKey first = Certificates.selfSigned();
        CertifiedKey second = Certificates.selfSigned();
        SwappableKeyManager keys = new SwappableKeyManager(first);
        QuicSslContext client = ClientTlsContexts.create(ServerTrust.pinned(List.of(first.sha256Hex(), second.sha256Hex())));
        try (QuicTlsProbe probe = new QuicTlsProbe(ServerTlsContexts.create(keys))) {
            assertEquals("server=" + first.sha256Hex() + " client=none", probe.exchange(client, "localhost"));
            keys.swap(second);
            assertEquals("server=" + second.sha256Hex() + " client=none", probe.exchange(client, "localhost"));
        }
    }

    @Test
    void requiredClientCertificateMustComeFromTheClientCa() throws Exception {
        QuicSslContext serverContext = ServerTlsContexts.create(new SwappableKeyManager(pki.server()), ClientAuth.REQUIRE,
                List.of(pki.authority().leaf()));
        ServerTrust trust = ServerTrust.authorities(List.of(pki.authority().leaf()));
        try (QuicTlsProbe probe = new QuicTlsProbe(serverContext)) {
            assertEquals("server=" + pki.server().sha256Hex() + " client=" + pki.client().sha256Hex(),
                    probe.exchange(ClientTlsContexts.create(trust, pki.client()), "localhost"));

            assertRefused(() -> probe.exchange(ClientTlsContexts.create(trust), "localhost"), "no client certificate");
            assertRefused(() -> probe.exchange(ClientTlsContexts.create(trust, foreign.client()), "localhost"),
                    "client certificate from another CA");
        }
    }

    @Test
    void optionalClientCertificateIsVerifiedWhenPresented() throws Exception {
        QuicSslContext serverContext = ServerTlsContexts.create(new SwappableKeyManager(pki.server()), ClientAuth.OPTIONAL,
                List.of(pki.authority().leaf()));
        ServerTrust trust = ServerTrust.authorities(List.of(pki.authority().leaf()));
        try (QuicTlsProbe probe = new QuicTlsProbe(serverContext)) {
            assertEquals("server=" + pki.server().sha256Hex() + " client=none", probe.exchange(ClientTlsContexts.create(trust), "localhost"));
            assertEquals("server=" + pki.server().sha256Hex() + " client=" + pki.client().sha256Hex(),
                    probe.exchange(ClientTlsContexts.create(trust, pki.client()), "localhost"));
            assertRefused(() -> probe.exchange(ClientTlsContexts.create(trust, foreign.client()), "localhost"));
        }
    }

    /** A refusal ends the connection at once; a timeout would mean the handshake hung instead. */
    private static void assertRefused(Executable exchange, String... why) {
        Exception e = assertThrows(Exception.class, exchange, String.join("", why));
        assertFalse(e instanceof TimeoutException, "refused, not timed out: " + e);
    }

    @Test
    void clientAuthenticationWithoutAuthoritiesIsAConfigurationError() {
        assertThrows(java.security.GeneralSecurityException.class,
                () -> ServerTlsContexts.create(new SwappableKeyManager(pki.server()), ClientAuth.REQUIRE, List.of()));
    }
}
