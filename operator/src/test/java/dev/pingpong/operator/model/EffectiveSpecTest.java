package dev.pingpong.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EffectiveSpecTest {

    private static final Images IMAGES = new Images("registry/server:1", "registry/client:1");

    @Test
    void appliesEveryDefaultToAnEmptySpec() {
        EffectiveSpec spec = EffectiveSpec.resolve(null, IMAGES);
        assertEquals(new EffectiveSpec("registry/server:1", 1, 4433, "registry/client:1", 1, Duration.ofSeconds(1),
                ClientMode.STREAM, Duration.ofHours(240), Duration.ofHours(80), true, true, Duration.ofSeconds(60), 6),
                spec);
    }

    @Test
    void keepsWhatTheUserSet() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setClient(new ClientSpec());
        given.getClient().setInterval("250ms");
        given.getClient().setMode(ClientMode.DATAGRAM);
        given.setTls(new TlsSpec());
        given.getTls().setDuration("1h");
        given.getTls().setRenewBefore("10m");
        given.getTls().setMutual(false);
        EffectiveSpec spec = EffectiveSpec.resolve(given, IMAGES);
        assertEquals(Duration.ofMillis(250), spec.clientInterval());
        assertEquals(ClientMode.DATAGRAM, spec.clientMode());
        assertEquals(Duration.ofMinutes(10), spec.tlsRenewBefore());
        assertFalse(spec.mutualTls());
    }

    @Test
    void listsEveryProblemAtOnce() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setServer(new ServerSpec());
        given.getServer().setPort(70000);
        given.getServer().setReplicas(-1);
        given.setTls(new TlsSpec());
        given.getTls().setDuration("59s");
        InvalidSpecException error = assertThrows(InvalidSpecException.class, () -> EffectiveSpec.resolve(given, IMAGES));
        assertTrue(error.getMessage().contains("server.port"), error.getMessage());
        assertTrue(error.getMessage().contains("server.replicas"), error.getMessage());
        assertTrue(error.getMessage().contains("tls.duration"), error.getMessage());
    }

    @Test
    void readsEveryGoDurationAndRefusesOnesBelowTheMinimum() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setClient(new ClientSpec());
        given.getClient().setInterval(".5s");
        given.setRecovery(new RecoverySpec());
        given.getRecovery().setUnhealthyAfter("1.m");
        assertEquals(Duration.ofMillis(500), EffectiveSpec.resolve(given, IMAGES).clientInterval());
        assertEquals(Duration.ofMinutes(1), EffectiveSpec.resolve(given, IMAGES).unhealthyAfter());

        given.getClient().setInterval("-1s");
        given.setTls(new TlsSpec());
        given.getTls().setDuration("59s");
        given.getRecovery().setUnhealthyAfter("3000000h");
        InvalidSpecException error = assertThrows(InvalidSpecException.class, () -> EffectiveSpec.resolve(given, IMAGES));
        assertTrue(error.getMessage().contains("client.interval: \"-1s\" is shorter than the minimum 0s"), error.getMessage());
        assertTrue(error.getMessage().contains("tls.duration: \"59s\" is shorter than the minimum 1m"), error.getMessage());
        assertTrue(error.getMessage().contains("recovery.unhealthyAfter: invalid duration \"3000000h\": out of range"),
                error.getMessage());
    }

    @Test
    void refusesARenewBeforeNotShorterThanTheDuration() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setTls(new TlsSpec());
        given.getTls().setDuration("2m");
        given.getTls().setRenewBefore("2m");
        assertThrows(InvalidSpecException.class, () -> EffectiveSpec.resolve(given, IMAGES));
    }

    @Test
    void theDefaultImagesAreThoseOfThisVersion() {
        Images images = Images.ofThisVersion();
        assertTrue(images.server().matches("[^$]+/pingpong-server:[^$]+"), images.server());
        assertTrue(images.client().matches("[^$]+/pingpong-client:[^$]+"), images.client());
    }
}
