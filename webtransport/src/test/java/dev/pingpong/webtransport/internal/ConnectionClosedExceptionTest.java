package dev.pingpong.webtransport.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConnectionClosedExceptionTest {

    @Test
    void theMessageIsMadeOnlyWhenReadAndThenOnce() {
        int[] described = {0};
        ConnectionLifecycleHandler.ConnectionClosedException closed = new ConnectionLifecycleHandler.ConnectionClosedException(
                () -> "closed by peer #" + ++described[0], null);
        assertEquals(0, described[0], "every connection ends with one of these; most are never read");
        assertEquals("closed by peer #1", closed.getMessage());
        assertEquals("closed by peer #1", closed.getMessage());
        assertEquals(1, described[0]);
    }

    @Test
    void aGivenMessageIsKept() {
        assertEquals("CONNECT stream closed",
                new ConnectionLifecycleHandler.ConnectionClosedException("CONNECT stream closed", null).getMessage());
    }
}
