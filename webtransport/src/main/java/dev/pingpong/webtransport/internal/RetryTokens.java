package dev.pingpong.webtransport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.quic.QuicTokenHandler;

import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Address validation with QUIC Retry (RFC 9000, 8.1.2). A token is
 * {@code key id (1) | expiry, epoch ms (8) | tag (16) | original destination connection id}, the tag an HMAC-SHA256,
 * cut to 16 bytes, over the key id, expiry, the client's IP address and the original connection id. The key is
 * random, never leaves the process and is replaced every {@link #KEY_LIFETIME}; tokens made with the one before are
 * still taken until they expire, {@link #TOKEN_LIFETIME} after they were made. The port is left out of the tag: a
 * NAT may give the client a new one between Retry and its next Initial.
 *
 * <p>When validation is not required no Retry is sent; a token that comes anyway is still checked.
 */
public final class RetryTokens implements QuicTokenHandler {

    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(10);
    static final Duration KEY_LIFETIME = Duration.ofMinutes(10);
    private static final int HEADER_LENGTH = 1 + 8;
    private static final int TAG_LENGTH = 16;
    private static final int ODCID_OFFSET = HEADER_LENGTH + TAG_LENGTH;
    private static final int MAX_CONNECTION_ID_LENGTH = 20;

    private final boolean required;
    private final EndpointCounters counters;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Keys keys;

    public RetryTokens(boolean required, EndpointContext endpoint) {
        this(required, endpoint.counters(), Clock.systemUTC());
    }

    RetryTokens(boolean required, EndpointCounters counters, Clock clock) {
        this.required = required;
        this.counters = counters;
        this.clock = clock;
        this.keys = new Keys((byte) 0, newKey(), null, clock.millis());
    }

    @Override
    public boolean writeToken(ByteBuf out, ByteBuf dcid, InetSocketAddress address) {
        if (!required) {
            return false;
        }
        Keys current = currentKeys();
        long expiry = clock.millis() + TOKEN_LIFETIME.toMillis();
        out.writeByte(current.id).writeLong(expiry)
                .writeBytes(tag(current.current, current.id, expiry, address, dcid, dcid.readerIndex(),
                        dcid.readableBytes()))
                .writeBytes(dcid, dcid.readerIndex(), dcid.readableBytes());
        counters.increment(EndpointCounters.RETRIES_SENT);
        return true;
    }

    @Override
    public int validateToken(ByteBuf token, InetSocketAddress address) {
        if (isValid(token, address)) {
            return ODCID_OFFSET;
        }
        // Netty drops the Initial without a word: this is where a forged, stale or stolen token shows.
        counters.increment(EndpointCounters.RETRY_TOKENS_INVALID);
        return -1;
    }

    private boolean isValid(ByteBuf token, InetSocketAddress address) {
        int start = token.readerIndex();
        int odcidLength = token.readableBytes() - ODCID_OFFSET;
        if (odcidLength < 0 || odcidLength > MAX_CONNECTION_ID_LENGTH) {
            return false;
        }
        byte id = token.getByte(start);
        long expiry = token.getLong(start + 1);
        long now = clock.millis();
        if (expiry < now || expiry > now + TOKEN_LIFETIME.toMillis()) {
            return false;
        }
        byte[] key = currentKeys().forId(id);
        if (key == null) {
            return false;
        }
        byte[] tag = new byte[TAG_LENGTH];
        token.getBytes(start + HEADER_LENGTH, tag);
        return MessageDigest.isEqual(tag, tag(key, id, expiry, address, token, start + ODCID_OFFSET, odcidLength));
    }

    @Override
    public int maxTokenLength() {
        return ODCID_OFFSET + MAX_CONNECTION_ID_LENGTH;
    }

    private Keys currentKeys() {
        Keys current = keys;
        if (clock.millis() - current.since < KEY_LIFETIME.toMillis()) {
            return current;
        }
        synchronized (this) {
            if (keys == current) {
                keys = new Keys((byte) (current.id + 1), newKey(),
                        new Keys(current.id, current.current, null, current.since), clock.millis());
            }
            return keys;
        }
    }

    private byte[] newKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    private static byte[] tag(byte[] key, byte id, long expiry, InetSocketAddress address, ByteBuf odcid,
                              int odcidIndex, int odcidLength) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(id);
            for (int shift = 56; shift >= 0; shift -= 8) {
                mac.update((byte) (expiry >>> shift));
            }
            byte[] ip = address.getAddress().getAddress();
            mac.update((byte) ip.length);
            mac.update(ip);
            byte[] connectionId = new byte[odcidLength];
            odcid.getBytes(odcidIndex, connectionId);
            mac.update(connectionId);
            byte[] full = mac.doFinal();
            byte[] cut = new byte[TAG_LENGTH];
            System.arraycopy(full, 0, cut, 0, TAG_LENGTH);
            return cut;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The key tokens are made with now, and the one before it, which still validates what it made. */
    private record Keys(byte id, byte[] current, Keys previous, long since) {

        byte[] forId(byte wanted) {
            if (wanted == id) {
                return current;
            }
            return previous != null && previous.id == wanted ? previous.current : null;
        }
    }
}
