package dev.pingpong.app;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineRunnerTest {

    enum Auth { NONE, REQUIRE }

    @Command(name = "demo", mixinStandardHelpOptions = true)
    static final class Demo implements Callable<Integer> {
        @Option(names = "--health-port", defaultValue = "8080")
        int healthPort;

        @Option(names = {"-i", "--interval"}, defaultValue = "1s")
        Duration interval;

        @Option(names = "--client-auth", defaultValue = "none")
        Auth auth;

        @Option(names = "--mdns")
        boolean mdns;

        @Option(names = "--fail")
        String fail;

        @Override
        public Integer call() {
            if ("expected".equals(fail)) {
                throw new CommandLineRunner.Failure("could not start against http://127.0.0.1:1/",
                        new IllegalStateException("connect failed", new java.net.ConnectException("Connection refused")));
            }
            if ("bug".equals(fail)) {
                throw new IllegalStateException("a bug");
            }
            return 0;
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Demo demo, Map<String, String> env, String... args) {
        return CommandLineRunner.run(demo, args, env, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void defaultsApplyWithoutFlagsOrEnvironment() {
        Demo demo = new Demo();
        assertEquals(0, run(demo, Map.of()));
        assertEquals(8080, demo.healthPort);
        assertEquals(Duration.ofSeconds(1), demo.interval);
        assertEquals(Auth.NONE, demo.auth);
    }

    @Test
    void environmentFillsInAndTheFlagWins() {
        Map<String, String> env = Map.of("PINGPONG_HEALTH_PORT", "9000", "PINGPONG_INTERVAL", "250ms",
                "PINGPONG_CLIENT_AUTH", "require", "PINGPONG_MDNS", "true");
        Demo fromEnv = new Demo();
        assertEquals(0, run(fromEnv, env));
        assertEquals(9000, fromEnv.healthPort);
        assertEquals(Duration.ofMillis(250), fromEnv.interval);
        assertEquals(Auth.REQUIRE, fromEnv.auth);
        assertTrue(fromEnv.mdns);

        Demo flagWins = new Demo();
        assertEquals(0, run(flagWins, env, "--health-port", "7000", "-i", "1m30s"));
        assertEquals(7000, flagWins.healthPort);
        assertEquals(Duration.ofSeconds(90), flagWins.interval);
    }

    @Test
    void variableNamesAreUpperSnakeCaseOfTheLongFlag() {
        assertEquals("PINGPONG_MAX_SESSIONS", EnvDefaults.variableFor("--max-sessions"));
        assertEquals("PINGPONG_PAYLOAD_SIZE", EnvDefaults.variableFor("--payload-size"));
    }

    @Test
    void badFlagOrValueExitsTwoWithOneLine() {
        assertEquals(2, run(new Demo(), Map.of(), "--no-such-flag"));
        assertEquals(2, run(new Demo(), Map.of(), "--interval", "soon"));
        assertEquals(2, run(new Demo(), Map.of("PINGPONG_HEALTH_PORT", "eighty"), new String[0]));
        String[] lines = err.toString().split("\n");
        assertEquals(3, lines.length, err.toString());
        assertTrue(lines[0].startsWith("demo: ") && lines[0].contains("--no-such-flag"), lines[0]);
        assertTrue(lines[1].contains("soon"), lines[1]);
        assertTrue(lines[2].contains("eighty"), lines[2]);
        assertTrue(lines[2].endsWith("(from PINGPONG_HEALTH_PORT) (see --help)"), lines[2]);
        assertFalse(lines[1].contains("(from "), lines[1]);
    }

    @Test
    void aBadFlagIsNotBlamedOnTheEnvironment() {
        assertEquals(2, run(new Demo(), Map.of("PINGPONG_INTERVAL", "1s"), "-i", "soon"));
        assertEquals(2, run(new Demo(), Map.of("PINGPONG_INTERVAL", "1s"), "--interval=soon"));
        assertFalse(err.toString().contains("PINGPONG_INTERVAL"), err.toString());
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertEquals(0, run(new Demo(), Map.of(), "--help"));
        assertTrue(out.toString().contains("--health-port"), out.toString());
    }

    @Test
    void anExpectedFailureIsOneLineWithItsCausesAndExitsOne() {
        assertEquals(CommandLineRunner.FAILURE, run(new Demo(), Map.of(), "--fail", "expected"));
        assertEquals("demo: could not start against http://127.0.0.1:1/: connect failed: Connection refused\n",
                err.toString());
    }

    @Test
    void anythingElseKeepsItsStackTrace() {
        assertEquals(1, run(new Demo(), Map.of(), "--fail", "bug"));
        assertTrue(err.toString().contains("java.lang.IllegalStateException: a bug"), err.toString());
        assertTrue(err.toString().lines().count() > 1, err.toString());
    }
}
