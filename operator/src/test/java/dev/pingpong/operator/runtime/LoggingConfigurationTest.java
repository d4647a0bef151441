package dev.pingpong.operator.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.reconciler.PingPongPairReconciler;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator jar's logging: one line per failed reconcile (ours), no per-attempt stack traces (JOSDK's). */
class LoggingConfigurationTest {

    @Test
    void josdkPerAttemptWarningsAreQuietAndOurLinesAndItsLastAttemptRemain() {
        Logger josdk = LoggerFactory.getLogger("io.javaoperatorsdk.operator.processing.event.EventProcessor");
        assertFalse(josdk.isWarnEnabled(), "JOSDK's WARN with a stack trace for every failed attempt (409s included)");
        assertTrue(josdk.isErrorEnabled(), "JOSDK's ERROR for the last attempt stays");
        Logger reconciler = LoggerFactory.getLogger(PingPongPairReconciler.class);
        assertTrue(reconciler.isWarnEnabled() && reconciler.isInfoEnabled());
    }
}
