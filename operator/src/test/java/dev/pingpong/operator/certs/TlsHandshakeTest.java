package dev.pingpong.operator.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The issued certificates in a real TLS 1.3 handshake (the JDK's, engines talking in memory, no sockets):
 * the server leaf is accepted for its Service names, the client leaf for mutual TLS, and each is refused where
 * its name, purpose or CA does not fit.
 */
@Timeout(30)
class TlsHandshakeTest {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final Duration LEAF = Duration.ofHours(240);
    private static final String SERVICE = "demo-server.team.svc";

    private final CertificateAuthority ca = CertificateAuthority.create("pingpong ca team/demo", Duration.ofHours(2400), CLOCK);
    private final IssuedCertificate server = Leaves.server(ca, 
            List.of("demo-server", "demo-server.team", SERVICE, "demo-server.team.svc.cluster.local"), LEAF, CLOCK);
    private final IssuedCertificate client = Leaves.client(ca, "pingpong client team/demo", LEAF, CLOCK);

    @Test
    void mutualTlsHandshakeSucceedsForEveryServiceName() throws Exception {
        for (String name : List.of("demo-server", "demo-server.team", SERVICE, "demo-server.team.svc.cluster.local")) {
            SSLEngine serverEngine = serverEngine(server, ca);
            handshake(clientEngine(name, client, ca), serverEngine);
            X509Certificate peer = (X509Certificate) serverEngine.getSession().getPeerCertificates()[0];
            assertEquals("CN=pingpong client team/demo", peer.getSubjectX500Principal().getName());
        }
    }

    @Test
    void clientRefusesANameTheCertificateDoesNotCarry() {
        SSLException e = assertThrows(SSLException.class,
                () -> handshake(clientEngine("other.team.svc", client, ca), serverEngine(server, ca)));
        assertTrue(e.getMessage().contains("No subject alternative DNS name matching other.team.svc"), e.toString());
    }

    @Test
    void clientRefusesAClientCertificateOfferedAsServerCertificate() {
        IssuedCertificate clientOnly = Leaves.client(ca, SERVICE, LEAF, CLOCK);
        SSLException e = assertThrows(SSLException.class,
                () -> handshake(clientEngine(SERVICE, client, ca), serverEngine(clientOnly, ca)));
        assertTrue(e.getMessage().contains("Extended key usage does not permit use for TLS server authentication"),
                e.toString());
    }

    @Test
    void serverRefusesAClientCertificateFromAnotherCa() {
        CertificateAuthority other = CertificateAuthority.create("pingpong ca other/demo", Duration.ofHours(2400), CLOCK);
        IssuedCertificate stranger = Leaves.client(other, "pingpong client other/demo", LEAF, CLOCK);
        SSLException e = assertThrows(SSLException.class,
                () -> handshake(clientEngine(SERVICE, stranger, other), serverEngine(server, ca)));
        assertTrue(e.getMessage().contains("PKIX path building failed"), e.toString());
    }

    private static SSLEngine serverEngine(IssuedCertificate identity, CertificateAuthority trusted) throws Exception {
        SSLEngine engine = context(identity, trusted).createSSLEngine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(true);
        return engine;
    }

    private static SSLEngine clientEngine(String serverName, IssuedCertificate identity, CertificateAuthority trusted)
            throws Exception {
        SSLEngine engine = context(identity, trusted).createSSLEngine(serverName, 4433);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setServerNames(List.of(new SNIHostName(serverName)));
        engine.setSSLParameters(parameters);
        return engine;
    }

    private static SSLContext context(IssuedCertificate identity, CertificateAuthority trusted) throws Exception {
        char[] password = "unused".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("identity", identity.privateKey(), password,
                new Certificate[] {identity.x509Certificate(), trusted.certificate().x509Certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);

        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", trusted.certificate().x509Certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(anchors);

        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    /** Pumps records between the engines until both finished the handshake; throws what either engine throws. */
    private static void handshake(SSLEngine clientEngine, SSLEngine serverEngine) throws Exception {
        ByteBuffer toServer = ByteBuffer.allocate(clientEngine.getSession().getPacketBufferSize());
        ByteBuffer toClient = ByteBuffer.allocate(serverEngine.getSession().getPacketBufferSize());
        clientEngine.beginHandshake();
        serverEngine.beginHandshake();
        for (int round = 0; round < 100; round++) {
            step(clientEngine, toServer, toClient);
            step(serverEngine, toClient, toServer);
            if (done(clientEngine) && done(serverEngine) && toServer.position() == 0 && toClient.position() == 0) {
                return;
            }
        }
        throw new AssertionError("handshake did not finish in 100 rounds");
    }

    private static void step(SSLEngine engine, ByteBuffer outgoing, ByteBuffer incoming) throws SSLException {
        ByteBuffer application = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        incoming.flip();
        while (incoming.hasRemaining()) {
            SSLEngineResult result = engine.unwrap(incoming, application);
            runTasks(engine);
            if (result.getStatus() != SSLEngineResult.Status.OK || result.bytesConsumed() == 0) {
                break;
            }
        }
        incoming.compact();
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), outgoing);
            runTasks(engine);
            if (result.getStatus() != SSLEngineResult.Status.OK) {
                break;
            }
        }
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }
}
