package dev.pingpong.protocol;

/** The names server and client must agree on outside the frames: the subprotocol and the mDNS advertisement. */
public final class WellKnownNames {

    /** Offered in {@code wt-available-protocols} and chosen in {@code wt-protocol}. */
    public static final String SUBPROTOCOL = "pingpong-v1";
    /** The DNS-SD service type a server advertises with {@code --mdns}. */
    public static final String MDNS_SERVICE_TYPE = "_pingpong._udp.local.";
    /** TXT key: the WebTransport path. */
    public static final String TXT_PATH = "path";
    /** TXT key: the SHA-256 of the server certificate, for pinning. */
    public static final String TXT_SHA256 = "sha256";

    private WellKnownNames() {
    }
}
