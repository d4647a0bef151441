package dev.pingpong.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpListsTheFlagsAndExitsZero() {
        assertEquals(0, run("--help"));
        for (String flag : new String[] {"--health-port", "--watch-namespaces", "--leader-election", "--lease-namespace"}) {
            assertTrue(out.toString().contains(flag), out.toString());
        }
    }

    @Test
    void anUnknownFlagIsAOneLineUsageError() {
        assertEquals(2, run("--bogus"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("--bogus"), err.toString());
    }

    @Test
    void aBadValueIsAUsageError() {
        assertEquals(2, run("--health-port", "eighty"));
        assertTrue(err.toString().startsWith("pingpong-operator: "), err.toString());
    }
}
