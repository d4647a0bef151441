package dev.pingpong.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.certs.KeyType.Algorithm;
import java.security.KeyPair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KeyTypeTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"EC, 256", "EC, 384", "RSA, 2048", "RSA, 3072", "RSA, 4096"})
    void generatesKeysOfTheAskedTypeAndReadsTheTypeBack(Algorithm algorithm, int size) {
        KeyType type = new KeyType(algorithm, size);
        KeyPair keys = type.generate();
        assertEquals(type, KeyType.of(keys.getPublic()));
        assertEquals(type, KeyType.of(keys.getPrivate()));
    }

    @Test
    void refusesWhatItDoesNotMakeClearly() {
        IllegalArgumentException curve = assertThrows(IllegalArgumentException.class,
                () -> new KeyType(Algorithm.EC, 255).generate());
        assertTrue(curve.getMessage().contains("no NIST curve of 255 bits"), curve.getMessage());
        IllegalArgumentException rsa = assertThrows(IllegalArgumentException.class,
                () -> new KeyType(Algorithm.RSA, 1024).generate());
        assertTrue(rsa.getMessage().contains("at least 2048"), rsa.getMessage());
    }

    @Test
    void namesItselfAsPeopleDo() {
        assertEquals("ECDSA P-256", KeyType.P256.toString());
        assertEquals("RSA 3072", new KeyType(Algorithm.RSA, 3072).toString());
    }
}
