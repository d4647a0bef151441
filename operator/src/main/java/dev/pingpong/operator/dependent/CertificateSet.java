package dev.pingpong.operator.dependent;

import dev.pingpong.operator.certs.IssuedCertificate;
import java.util.Optional;

/** The certificates a pair's Secrets carry after this reconcile; {@code client} is absent without mutual TLS. */
public record CertificateSet(IssuedCertificate ca, IssuedCertificate server, Optional<IssuedCertificate> client) {
}
