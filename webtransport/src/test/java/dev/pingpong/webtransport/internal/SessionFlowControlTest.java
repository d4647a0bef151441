package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.Limits;
import dev.pingpong.webtransport.codec.Capsule;
import dev.pingpong.webtransport.codec.CapsuleDecoder;
import dev.pingpong.webtransport.codec.Capsules;
import dev.pingpong.webtransport.codec.InitialSessionLimits;
import dev.pingpong.webtransport.codec.QuicVarint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionFlowControlTest {

    /** A sent capsule, decoded: type and value. */
    private record Sent(long type, long value) {
    }

    private final Limits limits = Limits.builder().initialSessionMaxData(1000).maxSessionDataWindow(4000)
            .maxStreamsPerSession(2).build();
    private final EndpointCounters counters = new EndpointCounters();
    private final List<Sent> sent = new ArrayList<>();
    private final SessionFlowControl flow = new SessionFlowControl(limits, new InitialSessionLimits(500, 1, 0),
            ByteBufAllocator.DEFAULT, this::record, counters);

    private void record(ByteBuf capsule) {
        try {
            new CapsuleDecoder(64, type -> true, ByteBufAllocator.DEFAULT).decode(capsule, c -> {
                sent.add(new Sent(c.type(), Capsules.readFlowControl(c.content())));
                c.release();
            });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void receive(long type, long value) throws FlowControlViolation {
        ByteBuf payload = Unpooled.buffer();
        QuicVarint.write(payload, value);
        flow.onCapsule(type, payload);
    }

    @Test
    void ourSettingsAdvertiseTheLimits() {
        assertEquals(new InitialSessionLimits(1000, 2, 2), SessionFlowControl.advertised(limits));
    }

    @Test
    void receivedBytesRaiseTheLimitAsTheyAreConsumedAndBeyondItAreAnError() throws Exception {
        flow.onStreamBytesReceived(600);
        assertEquals(List.of(), sent, "received, not consumed yet");
        flow.onStreamBytesConsumed(499);
        assertEquals(List.of(), sent);
        flow.onStreamBytesConsumed(1);
        assertEquals(List.of(new Sent(Capsule.WT_MAX_DATA, 1500)), sent, "half of our 1000 window consumed");
        flow.onStreamBytesReceived(900);
        FlowControlViolation e = assertThrows(FlowControlViolation.class, () -> flow.onStreamBytesReceived(1));
        assertTrue(e.getMessage().contains("beyond the limit of"), e.getMessage());
    }

    @Test
    void peerStreamsCountCumulativelyAndClosedOnesGiveCreditBack() throws Exception {
        flow.onPeerStreamOpened(false);
        flow.onPeerStreamOpened(false);
        assertThrows(FlowControlViolation.class, () -> flow.onPeerStreamOpened(false));
        flow.onPeerStreamOpened(true);
        flow.onPeerStreamClosed(true);
        assertEquals(List.of(new Sent(Capsule.WT_MAX_STREAMS_BIDI, 3)), sent);
    }

    @Test
    void aMaxDataThatDoesNotIncreaseTheLimitIsAnError() throws Exception {
        assertThrows(FlowControlViolation.class, () -> receive(Capsule.WT_MAX_DATA, 500), "equal to the SETTINGS value");
        receive(Capsule.WT_MAX_DATA, 800);
        assertEquals(800, flow.sendCreditAvailable());
        FlowControlViolation lower = assertThrows(FlowControlViolation.class, () -> receive(Capsule.WT_MAX_DATA, 700));
        assertTrue(lower.getMessage().contains("does not increase"), lower.getMessage());
    }

    @Test
    void streamCountsAbove2To60AreAnError() throws Exception {
        assertThrows(FlowControlViolation.class,
                () -> receive(Capsule.WT_MAX_STREAMS_UNI, Capsule.MAX_STREAMS_VALUE + 1));
        assertThrows(FlowControlViolation.class,
                () -> receive(Capsule.WT_STREAMS_BLOCKED_BIDI, Capsule.MAX_STREAMS_VALUE + 1));
        receive(Capsule.WT_MAX_STREAMS_UNI, Capsule.MAX_STREAMS_VALUE);
        receive(Capsule.WT_STREAMS_BLOCKED_BIDI, 7);
        assertEquals(1L, counters.counters().get(EndpointCounters.STREAMS_BLOCKED_RECEIVED));
    }

    @Test
    void theHttp2OnlyCapsulesAreAnError() {
        assertThrows(FlowControlViolation.class,
                () -> flow.onCapsule(Capsule.WT_MAX_STREAM_DATA, Unpooled.wrappedBuffer(new byte[] {0, 1})));
        assertThrows(FlowControlViolation.class,
                () -> flow.onCapsule(Capsule.WT_STREAM_DATA_BLOCKED, Unpooled.wrappedBuffer(new byte[] {0, 1})));
    }

    @Test
    void aMalformedPayloadIsNoFlowControlError() {
        assertThrows(IllegalArgumentException.class,
                () -> flow.onCapsule(Capsule.WT_MAX_DATA, Unpooled.wrappedBuffer(new byte[] {1, 2})));
    }

    @Test
    void thePeerBlockedAtOurLimitWidensTheWindowAtOnce() throws Exception {
        receive(Capsule.WT_DATA_BLOCKED, 1000);
        assertEquals(List.of(new Sent(Capsule.WT_MAX_DATA, 2000)), sent);
        receive(Capsule.WT_DATA_BLOCKED, 1000);
        assertEquals(1, sent.size(), "blocked at a limit we already raised");
        assertEquals(2L, counters.counters().get(EndpointCounters.DATA_BLOCKED_RECEIVED));
    }

    /** At its maximum window from the start, so that only what reset streams carried can move the limit. */
    private final SessionFlowControl atMaxWindow = new SessionFlowControl(Limits.builder().initialSessionMaxData(1000)
            .maxSessionDataWindow(1000).maxStreamBufferBytes(300).build(), new InitialSessionLimits(500, 1, 0),
            ByteBufAllocator.DEFAULT, this::record, counters);

    private void blockedAt(long limit) throws FlowControlViolation {
        ByteBuf payload = Unpooled.buffer();
        QuicVarint.write(payload, limit);
        atMaxWindow.onCapsule(Capsule.WT_DATA_BLOCKED, payload);
    }

    @Test
    void aBlockedPeerGetsBackWhatItsResetStreamsMayHaveCarriedUpToAStreamWindowEach() throws Exception {
        atMaxWindow.onStreamBytesReceived(400);
        atMaxWindow.onStreamBytesConsumed(400);
        atMaxWindow.onPeerStreamCutShort();
        assertEquals(List.of(), sent, "nobody is blocked yet");
        blockedAt(1000);
        assertEquals(List.of(new Sent(Capsule.WT_MAX_DATA, 1700)), sent,
                "the peer counts 1000, we saw 400; a stream window of 300 comes back, plus the window");
        blockedAt(1700);
        assertEquals(1, sent.size(), "nothing more to give back, and the window is at its maximum");
    }

    @Test
    void aStreamCutShortWhileThePeerIsBlockedGivesItsCreditBackAtOnceBoundedByTheWindow() throws Exception {
        blockedAt(1000);
        assertEquals(List.of(), sent, "at the maximum window, with nothing reset: nothing to give");
        atMaxWindow.onPeerStreamCutShort();
        assertEquals(List.of(new Sent(Capsule.WT_MAX_DATA, 1300)), sent);
        for (int i = 0; i < 10; i++) {
            atMaxWindow.onPeerStreamCutShort();
        }
        assertEquals(1, sent.size(), "the peer is not blocked at the new limit");
        blockedAt(1300);
        assertEquals(new Sent(Capsule.WT_MAX_DATA, 2300), sent.get(1),
                "ten streams' worth waited, but at most a window of it comes back");
        atMaxWindow.onStreamBytesReceived(2300);
        assertThrows(FlowControlViolation.class, () -> atMaxWindow.onStreamBytesReceived(1),
                "the limit stays a limit");
    }

    @Test
    void opensPastThePeersLimitWaitSayBlockedOnceAndGoOnWhenItRises() throws Exception {
        List<String> events = new ArrayList<>();
        flow.openStream(true, () -> events.add("open 1"), e -> events.add("fail 1"));
        flow.openStream(true, () -> events.add("open 2"), e -> events.add("fail 2"));
        flow.openStream(true, () -> events.add("open 3"), e -> events.add("fail 3"));
        flow.openStream(true, () -> events.add("open 4"), e -> events.add("fail 4: " + e.getMessage()));
        assertEquals("open 1", events.get(0));
        assertTrue(events.get(1).startsWith("fail 4: 2 bidi stream opens already wait"), events.get(1));
        assertEquals(List.of(new Sent(Capsule.WT_STREAMS_BLOCKED_BIDI, 1)), sent);
        receive(Capsule.WT_MAX_STREAMS_BIDI, 2);
        assertEquals("open 2", events.get(2));
        assertEquals(3, events.size(), "the third still waits");
        flow.close(() -> new IllegalStateException("ended"));
        assertEquals("fail 3", events.get(3));
        assertEquals(1L, counters.counters().get(EndpointCounters.STREAMS_BLOCKED_SENT));
    }

    @Test
    void closingWithNothingWaitingMakesNoCause() {
        int[] causesMade = {0};
        flow.close(() -> {
            causesMade[0]++;
            return new IllegalStateException("ended");
        });
        assertEquals(0, causesMade[0], "a session ending with no open waiting makes no exception (nor its stack trace)");
    }

    @Test
    void uniStreamsWaitForAPeerThatGrantedNone() throws Exception {
        List<String> events = new ArrayList<>();
        flow.openStream(false, () -> events.add("open"), e -> events.add("fail"));
        assertEquals(List.of(), events);
        assertEquals(List.of(new Sent(Capsule.WT_STREAMS_BLOCKED_UNI, 0)), sent);
        receive(Capsule.WT_MAX_STREAMS_UNI, 1);
        assertEquals(List.of("open"), events);
    }
}
