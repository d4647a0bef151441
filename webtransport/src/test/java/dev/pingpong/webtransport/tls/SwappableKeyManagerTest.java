package dev.pingpong.webtransport.tls;

import dev.pingpong.certs.Certificates;
import dev.pingpong.certs.CertifiedKey;

import dev.pingpong.certs.testing.RsaCertificates;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class SwappableKeyManagerTest {

    private final CertifiedKey first = Certificates.selfSigned();
    private final CertifiedKey second = Certificates.selfSigned();
    private final CertifiedKey third = Certificates.selfSigned();

    @Test
    void offersTheCurrentCertificateForItsKeyType() {
        SwappableKeyManager manager = new SwappableKeyManager(first);
        String alias = manager.chooseEngineServerAlias("EC", null, null);
        assertArrayEquals(first.chain().toArray(), manager.getCertificateChain(alias));
        assertSame(first.privateKey(), manager.getPrivateKey(alias));
        assertEquals(alias, manager.chooseEngineClientAlias(new String[] {"RSA", "EC"}, null, null));
        assertNull(manager.chooseEngineServerAlias("RSA", null, null), "an EC key does not serve RSA");
    }

    @Test
    void swapChangesWhatNewHandshakesGetAndKeepsTheChosenPairConsistent() {
        SwappableKeyManager manager = new SwappableKeyManager(first);
        String chosenBeforeSwap = manager.chooseEngineServerAlias("EC", null, null);
        manager.swap(second);

        assertSame(first.privateKey(), manager.getPrivateKey(chosenBeforeSwap), "a handshake in progress finishes with the old pair");
        String chosenAfterSwap = manager.chooseEngineServerAlias("EC", null, null);
        assertNotEquals(chosenBeforeSwap, chosenAfterSwap);
        assertSame(second.privateKey(), manager.getPrivateKey(chosenAfterSwap));
        assertSame(second, manager.current());

        manager.swap(third);
        assertNull(manager.getPrivateKey(chosenBeforeSwap), "only the last replaced certificate is remembered");
    }

    @Test
    void servesRsaKeysToo() throws Exception {
        CertifiedKey rsa = RsaCertificates.selfSigned("rsa.example");
        SwappableKeyManager manager = new SwappableKeyManager(rsa);
        assertSame(rsa.privateKey(), manager.getPrivateKey(manager.chooseEngineServerAlias("RSA", null, null)));
        assertNull(manager.chooseEngineServerAlias("EC", null, null));
    }
}
