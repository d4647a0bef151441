package dev.pingpong.operator.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenewalScheduleTest {

    private static final Instant ISSUED = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration LEAF = Duration.ofMinutes(10);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private final CertificateAuthority ca = CertificateAuthority.create("ca",
            RenewalSchedule.caValidity(LEAF), Clock.fixed(ISSUED, ZoneOffset.UTC));
    private final IssuedCertificate leaf = Leaves.server(ca, List.of("s"), LEAF, Clock.fixed(ISSUED, ZoneOffset.UTC));

    @Test
    void renewsAtNotAfterMinusRenewBefore() {
        assertEquals(Instant.parse("2026-03-01T12:05:00Z"), RenewalSchedule.renewAt(leaf, RENEW_BEFORE));
        assertFalse(RenewalSchedule.due(leaf, RENEW_BEFORE, Instant.parse("2026-03-01T12:04:59Z")));
        assertTrue(RenewalSchedule.due(leaf, RENEW_BEFORE, Instant.parse("2026-03-01T12:05:00Z")));
        assertTrue(RenewalSchedule.due(leaf, RENEW_BEFORE, Instant.parse("2026-03-01T13:00:00Z")));
    }

    @Test
    void defaultRenewBeforeIsAThird() {
        assertEquals(Duration.ofHours(80), RenewalSchedule.defaultRenewBefore(Duration.ofHours(240)));
        assertEquals(Duration.ofSeconds(20), RenewalSchedule.defaultRenewBefore(Duration.ofSeconds(60)));
    }

    @Test
    void caLivesTenLeafLifetimesAndRenewsWithTwoLeft() {
        assertEquals(Duration.ofMinutes(100), RenewalSchedule.caValidity(LEAF));
        assertEquals(Duration.ofMinutes(20), RenewalSchedule.caRenewBefore(LEAF));
        IssuedCertificate caCert = ca.certificate();
        assertFalse(RenewalSchedule.caDue(caCert, LEAF, ISSUED.plus(Duration.ofMinutes(79))));
        assertTrue(RenewalSchedule.caDue(caCert, LEAF, ISSUED.plus(Duration.ofMinutes(80))));
    }

    @Test
    void aSuccessorSignsOneLeafLifetimeAfterItWasPublishedButNotAfterTheCurrentCaExpires() {
        Instant published = ISSUED.plus(Duration.ofMinutes(80));
        IssuedCertificate onTime = CertificateAuthority.create("next", RenewalSchedule.caValidity(LEAF),
                Clock.fixed(published, ZoneOffset.UTC)).certificate();
        assertEquals(published.plus(LEAF), RenewalSchedule.promoteAt(ca.certificate(), onTime, LEAF));
        IssuedCertificate late = CertificateAuthority.create("next", RenewalSchedule.caValidity(LEAF),
                Clock.fixed(ISSUED.plus(Duration.ofMinutes(95)), ZoneOffset.UTC)).certificate();
        assertEquals(ca.certificate().notAfter(), RenewalSchedule.promoteAt(ca.certificate(), late, LEAF));
    }

    @Test
    void aLeafIssuedJustBeforeTheCaIsDueExpiresBeforeTheCa() {
        Instant lastMoment = RenewalSchedule.renewAt(ca.certificate(), RenewalSchedule.caRenewBefore(LEAF)).minusSeconds(1);
        IssuedCertificate late = Leaves.client(ca, "c", LEAF, Clock.fixed(lastMoment, ZoneOffset.UTC));
        assertEquals(lastMoment.plus(LEAF), late.notAfter(), "not capped: the CA outlives it");
        assertTrue(late.notAfter().plus(LEAF).isBefore(ca.certificate().notAfter().plusSeconds(1)),
                "a full leaf lifetime of margin remains");
    }

    @Test
    void validateRequiresRenewBeforeStrictlyInsideTheDuration() {
        RenewalSchedule.validate(LEAF, RENEW_BEFORE);
        RenewalSchedule.validate(LEAF, LEAF.minusSeconds(1));
        for (Duration bad : new Duration[] {LEAF, LEAF.plusSeconds(1), Duration.ZERO, Duration.ofSeconds(-1)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RenewalSchedule.validate(LEAF, bad));
            assertEquals("tls.renewBefore must be longer than 0 and shorter than tls.duration", e.getMessage());
        }
    }
}
