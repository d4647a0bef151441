package dev.pingpong.app;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/**
 * Runs a picocli command the way every PingPong program behaves: options fall back to {@code PINGPONG_*}
 * environment variables, durations are Go style, enum values are case-insensitive, {@code --help} prints
 * usage and exits 0, and a bad flag or value prints one line to standard error and exits {@link #USAGE}.
 * A command reports a bad combination of values by throwing {@link CommandLine.ParameterException}.
 */
public final class CommandLineRunner {

    /** Exit status for bad usage. */
    public static final int USAGE = 2;

    private CommandLineRunner() {
    }

    /** Parses {@code args} against {@code command} and runs it; returns the exit status. */
    public static int run(Object command, String[] args) {
        return run(command, args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(Object command, String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        return commandLine(command, environment, out, err).execute(args);
    }

    /** The configured command line, for callers that need to add to it. */
    public static CommandLine commandLine(Object command, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(command);
        line.setDefaultValueProvider(new EnvDefaults(environment));
        line.registerConverter(Duration.class, CommandLineRunner::duration);
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setOut(out);
        line.setErr(err);
        line.setParameterExceptionHandler((e, ignored) -> {
            CommandLine failed = e.getCommandLine();
            String oneLine = e.getMessage().replaceAll("\\s*\\R\\s*", "; ");
            failed.getErr().println(failed.getCommandName() + ": " + oneLine + " (see --help)");
            failed.getErr().flush();
            return USAGE;
        });
        return line;
    }

    private static Duration duration(String text) {
        try {
            return GoDurations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
