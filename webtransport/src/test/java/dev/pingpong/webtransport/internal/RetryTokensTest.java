package dev.pingpong.webtransport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retry tokens hold only for the address and connection id they were made for, and only for a while. */
class RetryTokensTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.7", 50000);
    private static final ByteBuf DCID = Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

    private final EndpointCounters counters = new EndpointCounters();
    private Instant now = Instant.parse("2026-12-07T22:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final RetryTokens tokens = new RetryTokens(true, counters, clock);

    private ByteBuf token() {
        ByteBuf token = Unpooled.buffer();
        assertTrue(tokens.writeToken(token, DCID.duplicate(), CLIENT));
        assertTrue(token.readableBytes() <= tokens.maxTokenLength());
        return token;
    }

    private int validate(ByteBuf token, InetSocketAddress from) {
        return tokens.validateToken(token.duplicate(), from);
    }

    @Test
    void aTokenValidatesForItsAddressAndCarriesTheOriginalConnectionId() {
        ByteBuf token = token();
        int offset = validate(token, new InetSocketAddress("192.0.2.7", 50001));
        assertTrue(offset >= 0, "the port may change between Retry and Initial");
        assertEquals(DCID, token.slice(offset, token.readableBytes() - offset));
        assertEquals(1, counters.counters().get(EndpointCounters.RETRIES_SENT));
        assertEquals(0, counters.counters().get(EndpointCounters.RETRY_TOKENS_INVALID));
    }

    @Test
    void anotherAddressATamperedTagOrConnectionIdIsRefused() {
        ByteBuf token = token();
        assertEquals(-1, validate(token, new InetSocketAddress("192.0.2.8", 50000)));
        ByteBuf tag = token.copy();
        tag.setByte(12, tag.getByte(12) ^ 1);
        assertEquals(-1, validate(tag, CLIENT));
        ByteBuf odcid = token.copy();
        odcid.setByte(odcid.writerIndex() - 1, 99);
        assertEquals(-1, validate(odcid, CLIENT));
        assertEquals(-1, validate(Unpooled.wrappedBuffer(new byte[] {0, 1, 2}), CLIENT));
        assertEquals(4, counters.counters().get(EndpointCounters.RETRY_TOKENS_INVALID));
    }

    @Test
    void aTokenExpires() {
        ByteBuf token = token();
        now = now.plus(RetryTokens.TOKEN_LIFETIME).plusMillis(1);
        assertEquals(-1, validate(token, CLIENT));
    }

    @Test
    void aTokenOfTheKeyBeforeStillHoldsButNotOfTheOneBeforeThat() {
        now = now.plus(RetryTokens.KEY_LIFETIME).minusSeconds(1);
        ByteBuf token = token();
        now = now.plusSeconds(2);
        assertTrue(validate(token, CLIENT) >= 0, "minted just before the key changed");
        ByteBuf fresh = token();
        assertFalse(fresh.getByte(0) == token.getByte(0), "a new key id");
        now = now.plus(RetryTokens.KEY_LIFETIME).plus(RetryTokens.KEY_LIFETIME);
        assertEquals(-1, validate(token, CLIENT));
    }

    @Test
    void withoutValidationRequiredNoRetryIsSent() {
        RetryTokens optional = new RetryTokens(false, counters, clock);
        assertFalse(optional.writeToken(Unpooled.buffer(), DCID.duplicate(), CLIENT));
        assertEquals(-1, optional.validateToken(Unpooled.wrappedBuffer(new byte[40]), CLIENT));
    }
}
