package dev.pingpong.client;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportFormatTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    private String[] lines() {
        return buffer.toString(StandardCharsets.UTF_8).split("\n");
    }

    @Test
    void jsonRecordsAreExactlyTheContractObjects() {
        Report report = new JsonReport(out, false);
        report.pong(0, 3, 412_345);
        report.lost(1, 4, "timeout");
        report.reconnect(2, 2, 400);
        report.summary("https://x:1/pingpong", new Summary(10, 9, 1, 2,
                new Summary.Rtt(200_000, 412_000, 400_000, 912_000, 1_020_000), 4_000_000_000L));
        String[] lines = lines();
        assertEquals("{\"type\":\"pong\",\"seq\":3,\"rtt_ms\":0.412,\"session\":0}", lines[0]);
        assertEquals("{\"type\":\"lost\",\"seq\":4,\"reason\":\"timeout\",\"session\":1}", lines[1]);
        assertEquals("{\"type\":\"reconnect\",\"attempt\":2,\"after_ms\":400,\"session\":2}", lines[2]);
        assertEquals("{\"type\":\"summary\",\"sent\":10,\"received\":9,\"lost\":1,\"reconnects\":2,"
                + "\"rtt_ms\":{\"min\":0.200,\"avg\":0.412,\"p50\":0.400,\"p99\":0.912,\"max\":1.020},"
                + "\"elapsed_ms\":4000.000,\"settled_per_s\":2.5}", lines[3]);
    }

    @Test
    void jsonSummaryWithoutPongsHasNullRtts() {
        new JsonReport(out, false).summary("t", new Summary(2, 0, 2, 0, null, 0));
        assertEquals("{\"type\":\"summary\",\"sent\":2,\"received\":0,\"lost\":2,\"reconnects\":0,"
                + "\"rtt_ms\":{\"min\":null,\"avg\":null,\"p50\":null,\"p99\":null,\"max\":null},"
                + "\"elapsed_ms\":0.000,\"settled_per_s\":0.0}", lines()[0]);
    }

    @Test
    void quietJsonOutputPrintsOnlyTheSummary() {
        Report report = new JsonReport(out, true);
        report.pong(0, 1, 1_000);
        report.lost(0, 2, "timeout");
        report.reconnect(0, 1, 100);
        report.summary("t", new Summary(2, 1, 1, 1, new Summary.Rtt(1_000, 1_000, 1_000, 1_000, 1_000), 1_000_000));
        String[] lines = lines();
        assertEquals(1, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("{\"type\":\"summary\",\"sent\":2,"), lines[0]);
        assertTrue(lines[0].endsWith(",\"elapsed_ms\":1.000,\"settled_per_s\":2000.0}"), lines[0]);
    }

    @Test
    void humanOutputResemblesPing() {
        Report report = new HumanReport(out, false, false);
        report.pong(0, 3, 412_345);
        report.lost(0, 4, "timeout");
        report.summary("https://x:1/pingpong", new Summary(4, 3, 1, 0,
                new Summary.Rtt(200_000, 412_000, 400_000, 912_000, 1_020_000), 3_000_000_000L));
        String[] lines = lines();
        assertEquals("pong seq=3 rtt=0.412 ms", lines[0]);
        assertEquals("lost seq=4 reason=timeout", lines[1]);
        assertEquals("--- https://x:1/pingpong ping statistics ---", lines[3]);
        assertEquals("4 sent, 3 received, 1 lost (25.0% loss), 0 reconnects", lines[4]);
        assertEquals("rtt min/avg/p50/p99/max = 0.200/0.412/0.400/0.912/1.020 ms", lines[5]);
        assertEquals("4 settled in 3.000 s, 1.3 pings/s", lines[6]);
    }

    @Test
    void humanOutputNamesTheSessionOnlyWithSeveral() {
        new HumanReport(out, true, false).pong(7, 1, 1_000_000);
        assertEquals("pong seq=1 rtt=1.000 ms session=7", lines()[0]);
    }

    @Test
    void quietHumanOutputPrintsOnlyTheSummary() {
        Report report = new HumanReport(out, false, true);
        report.pong(0, 1, 1_000);
        report.summary("t", new Summary(1, 1, 0, 0, new Summary.Rtt(1_000, 1_000, 1_000, 1_000, 1_000), 1_000));
        assertTrue(lines()[0].isEmpty());
        assertTrue(buffer.toString(StandardCharsets.UTF_8).contains("1 sent, 1 received"));
    }

    @Test
    void millisecondsHaveThreeDecimals() {
        assertEquals("0.000", Millis.format(0));
        assertEquals("0.001", Millis.format(1_000));
        assertEquals("0.010", Millis.format(9_600));
        assertEquals("12.345", Millis.format(12_345_000));
        assertEquals("1000.000", Millis.format(1_000_000_000));
    }
}
