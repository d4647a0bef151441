package dev.pingpong.webtransport.internal;

import io.netty.handler.codec.quic.QuicConnectionCloseEvent;

import java.util.Map;

/** TLS alerts as a QUIC CONNECTION_CLOSE carries them (CRYPTO_ERROR, transport codes 0x100 + alert). */
final class TlsAlerts {

    /** Alerts that name a problem with the certificate the peer was sent (RFC 8446, section 6.2). */
    private static final Map<Integer, String> CERTIFICATE_ALERTS = Map.of(
            42, "bad_certificate",
            43, "unsupported_certificate",
            44, "certificate_revoked",
            45, "certificate_expired",
            46, "certificate_unknown",
            48, "unknown_ca",
            49, "access_denied",
            116, "certificate_required");

    private static final Map<Integer, String> OTHER_ALERTS = Map.of(
            40, "handshake_failure",
            51, "decrypt_error",
            70, "protocol_version",
            80, "internal_error",
            112, "unrecognized_name",
            120, "no_application_protocol");

    private TlsAlerts() {
    }

    /** The TLS alert a connection close carries, or -1 for any other close. */
    static int alertOf(QuicConnectionCloseEvent event) {
        if (event == null || event.isApplicationClose() || event.error() < 0x100 || event.error() > 0x1ff) {
            return -1;
        }
        return QuicConnectionCloseEvent.extractTlsError(event.error());
    }

    static boolean isCertificateAlert(int alert) {
        return CERTIFICATE_ALERTS.containsKey(alert);
    }

    /** {@code "TLS alert 48 unknown_ca"}. */
    static String describe(int alert) {
        String name = CERTIFICATE_ALERTS.getOrDefault(alert, OTHER_ALERTS.get(alert));
        return "TLS alert " + alert + (name == null ? "" : " " + name);
    }
}
