package dev.pingpong.webtransport.tls;

import dev.pingpong.certs.Certificates;
import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.certs.Pem;

import dev.pingpong.webtransport.testing.TestCertificates;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.ssl.ClientAuth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
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

    @ParameterizedTest(name = "CAs share one subject name: {0}")
    @ValueSource(booleans = {true, false})
    void aClientTrustingARolloverBundleAcceptsServersOfEitherCa(boolean sameSubject, @TempDir Path dir) throws Exception {
        Rollover rollover = Rollover.of(sameSubject);
        QuicSslContext client = ClientTlsContexts.create(ServerTrust.caBundle(rollover.writeBundle(dir)));
        for (TestCertificates.Pki issuer : rollover.bundled()) {
            CertifiedKey server = leafOnly(issuer.server());
            try (QuicTlsProbe probe = new QuicTlsProbe(ServerTlsContexts.create(new SwappableKeyManager(server)))) {
                assertEquals("server=" + server.sha256Hex() + " client=none", probe.exchange(client, "localhost"));
                assertEquals("server=" + server.sha256Hex() + " client=none", probe.exchange(client, "127.0.0.1"));
                assertRefused(() -> probe.exchange(client, "elsewhere.test"), "name not in the certificate");
            }
        }
        try (QuicTlsProbe probe = new QuicTlsProbe(ServerTlsContexts.create(new SwappableKeyManager(leafOnly(rollover.stranger().server()))))) {
            assertRefused(() -> probe.exchange(client, "localhost"), "server certificate from a CA outside the bundle");
        }
    }

    @ParameterizedTest(name = "CAs share one subject name: {0}")
    @ValueSource(booleans = {true, false})
    void aServerRequiringClientCertificatesFromARolloverBundleAcceptsEitherCa(boolean sameSubject, @TempDir Path dir)
            throws Exception {
        Rollover rollover = Rollover.of(sameSubject);
        List<X509Certificate> clientAuthorities = Pem.readCertificates(rollover.writeBundle(dir));
        assertEquals(2, clientAuthorities.size());
        CertifiedKey server = leafOnly(rollover.next().server());
        QuicSslContext serverContext = ServerTlsContexts.create(new SwappableKeyManager(server), ClientAuth.REQUIRE,
                clientAuthorities);
        ServerTrust trust = ServerTrust.authorities(clientAuthorities);
        try (QuicTlsProbe probe = new QuicTlsProbe(serverContext)) {
            for (TestCertificates.Pki issuer : rollover.bundled()) {
                CertifiedKey client = leafOnly(issuer.client());
                assertEquals("server=" + server.sha256Hex() + " client=" + client.sha256Hex(),
                        probe.exchange(ClientTlsContexts.create(trust, client), "localhost"));
            }
            CertifiedKey stranger = leafOnly(rollover.stranger().client());
            assertRefused(() -> probe.exchange(ClientTlsContexts.create(trust, stranger), "localhost"),
                    "client certificate from a CA outside the bundle");
        }
    }

    /**
     * The operator's {@code ca.crt} during a CA rollover: the successor and the CA it replaces, and a third CA
     * outside the bundle. The operator names a successor like its predecessor, so trust must go by key, not name.
     */
    private record Rollover(TestCertificates.Pki next, TestCertificates.Pki previous, TestCertificates.Pki stranger) {

        static Rollover of(boolean sameSubject) {
            return new Rollover(TestCertificates.pki(sameSubject ? "pingpong" : "next"),
                    TestCertificates.pki(sameSubject ? "pingpong" : "previous"),
                    TestCertificates.pki(sameSubject ? "pingpong" : "stranger"));
        }

        List<TestCertificates.Pki> bundled() {
            return List.of(next, previous);
        }

        Path writeBundle(Path dir) throws IOException {
            Path bundle = dir.resolve("ca.crt");
            Files.writeString(bundle, Pem.encodeCertificates(List.of(next.authority().leaf(), previous.authority().leaf())));
            return bundle;
        }
    }

    /** The leaf without its issuer, as the operator's {@code tls.crt} holds it: the peer's bundle must supply the CA. */
    private static CertifiedKey leafOnly(CertifiedKey issued) throws GeneralSecurityException {
        return CertifiedKey.of(List.of(issued.leaf()), issued.privateKey());
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
