package dev.pingpong.operator.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientMetricsTextTest {

    /** What a pingpong-client's /metrics looks like, JVM families included (they are skipped). */
    static final String CLIENT = """
            # HELP jvm_memory_used_bytes Used bytes of a JVM memory area.
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap"} 23456789
            # HELP pingpong_client_pings_sent_total PINGs sent.
            # TYPE pingpong_client_pings_sent_total counter
            pingpong_client_pings_sent_total 120
            # HELP pingpong_client_pongs_received_total PONGs received in time.
            # TYPE pingpong_client_pongs_received_total counter
            pingpong_client_pongs_received_total 117
            # HELP pingpong_client_pings_lost_total PINGs without a PONG (timeout or disconnect).
            # TYPE pingpong_client_pings_lost_total counter
            pingpong_client_pings_lost_total 2
            # HELP pingpong_client_reconnects_total Sessions re-established after a loss or drain.
            # TYPE pingpong_client_reconnects_total counter
            pingpong_client_reconnects_total 1
            # HELP pingpong_client_rtt_seconds Round-trip time over the whole run, by quantile.
            # TYPE pingpong_client_rtt_seconds gauge
            pingpong_client_rtt_seconds{quantile="0.5"} 4.12E-4
            pingpong_client_rtt_seconds{quantile="0.99"} 0.0019
            """;

    @Test
    void readsTheCountersAndQuantiles() throws Exception {
        ClientSample sample = ClientMetricsText.parse(CLIENT);
        assertEquals(new ClientSample(120, 117, 2, 1, Duration.ofNanos(412_000), Duration.ofNanos(1_900_000)), sample);
    }

    @Test
    void noRoundTripYetMeansNoQuantiles() throws Exception {
        String beforeFirstPong = CLIENT.substring(0, CLIENT.indexOf("# HELP pingpong_client_rtt_seconds"));
        ClientSample sample = ClientMetricsText.parse(beforeFirstPong);
        assertNull(sample.rttP50());
        assertNull(sample.rttP99());
        assertEquals(117, sample.pongs());
    }

    @Test
    void acceptsTimestampsAndCarriageReturns() throws Exception {
        String text = CLIENT.replace("pingpong_client_pongs_received_total 117",
                "pingpong_client_pongs_received_total 117 1767225600000").replace("\n", "\r\n");
        assertEquals(117, ClientMetricsText.parse(text).pongs());
    }

    @Test
    void aMissingCounterIsNamed() {
        String text = CLIENT.replace("pingpong_client_pings_lost_total 2\n", "");
        ClientMetricsText.UnreadableMetrics error = assertThrows(ClientMetricsText.UnreadableMetrics.class,
                () -> ClientMetricsText.parse(text));
        assertTrue(error.getMessage().contains("no pingpong_client_pings_lost_total"), error.getMessage());
    }

    @Test
    void somethingElseEntirelyIsNotAClient() {
        ClientMetricsText.UnreadableMetrics error = assertThrows(ClientMetricsText.UnreadableMetrics.class,
                () -> ClientMetricsText.parse("<html><body>hello</body></html>\n"));
        assertTrue(error.getMessage().contains("no pingpong_client_pings_sent_total"), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "pingpong_client_pongs_received_total 117|pingpong_client_pongs_received_total many|line 9: pingpong_client_pongs_received_total has no number but 'many'",
            "pingpong_client_pongs_received_total 117|pingpong_client_pongs_received_total|line 9: no value",
            "pingpong_client_pongs_received_total 117|pingpong_client_pongs_received_total 1 2 3|line 9: expected a value",
            "pingpong_client_pongs_received_total 117|pingpong_client_pongs_received_total -4|pingpong_client_pongs_received_total is -4.0, not a counter value",
            "pingpong_client_pongs_received_total 117|pingpong_client_pongs_received_total NaN|pingpong_client_pongs_received_total is NaN, not a counter value",
            "pingpong_client_pongs_received_total 117|pingpong_client_pongs_received_total +Inf|is Infinity, not a counter value",
            "pingpong_client_rtt_seconds{quantile=\"0.5\"} 4.12E-4|pingpong_client_rtt_seconds{quantile=\"0.5\" 4.12E-4|line 18: unterminated label set",
            "pingpong_client_rtt_seconds{quantile=\"0.5\"} 4.12E-4|pingpong_client_rtt_seconds{quantile=\"0.5\"} -1|is -1.0, not a round-trip time",
    })
    void malformedLinesAreRefusedWithTheirLine(String line, String replacement, String expected) {
        String text = CLIENT.replace(line, replacement);
        ClientMetricsText.UnreadableMetrics error = assertThrows(ClientMetricsText.UnreadableMetrics.class,
                () -> ClientMetricsText.parse(text));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
