package dev.pingpong.webtransport;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimitsBuilderTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(new Limits(10_000, 16, 256, 64 * 1024, 256 * 1024, Duration.ofSeconds(30),
                Duration.ofSeconds(10), 128, 4096, Duration.ofSeconds(10), 256 * 1024, 1024 * 1024,
                4 * 1024 * 1024, 64 * 1024 * 1024, 1024 * 1024, 4 * 1024 * 1024, 16 * 1024 * 1024, 32,
                64, 256), Limits.DEFAULT);
        assertEquals(Limits.DEFAULT, Limits.builder().build());
    }

    @Test
    void eachSetterReplacesOnlyItsBound() {
        Limits limits = Limits.builder().maxSessions(5).handshakeTimeout(Duration.ofSeconds(2)).build();
        assertEquals(5, limits.maxSessions());
        assertEquals(Duration.ofSeconds(2), limits.handshakeTimeout());
        assertEquals(Limits.DEFAULT.maxSessionsPerConnection(), limits.maxSessionsPerConnection());
        assertEquals(Limits.DEFAULT.idleTimeout(), limits.idleTimeout());
    }

    @Test
    void boundsThatAreNotPositiveAreRefusedByName() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Limits.builder().maxStreamsPerSession(0).build());
        assertTrue(zero.getMessage().contains("maxStreamsPerSession"), zero.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> Limits.builder().idleTimeout(Duration.ofSeconds(-1)).build());
        assertTrue(negative.getMessage().contains("idleTimeout"), negative.getMessage());
        IllegalArgumentException credit = assertThrows(IllegalArgumentException.class,
                () -> Limits.builder().initialSessionMaxData(0).build());
        assertTrue(credit.getMessage().contains("initialSessionMaxData"), credit.getMessage());
        IllegalArgumentException buffered = assertThrows(IllegalArgumentException.class,
                () -> Limits.builder().maxBufferedStreamsPerConnection(0).build());
        assertTrue(buffered.getMessage().contains("maxBufferedStreamsPerConnection"), buffered.getMessage());
        IllegalArgumentException datagrams = assertThrows(IllegalArgumentException.class,
                () -> Limits.builder().maxBufferedDatagramsPerConnection(-1).build());
        assertTrue(datagrams.getMessage().contains("maxBufferedDatagramsPerConnection"), datagrams.getMessage());
    }

    @Test
    void theSessionDataWindowCannotStartAboveItsMaximum() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Limits.builder().initialSessionMaxData(2048).maxSessionDataWindow(1024).build());
        assertTrue(e.getMessage().contains("maxSessionDataWindow"), e.getMessage());
        assertEquals(4096, Limits.builder().initialSessionMaxData(4096).maxSessionDataWindow(4096).build()
                .maxSessionDataWindow());
    }
}
