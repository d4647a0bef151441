package dev.pingpong.app;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs a picocli command the way every PingPong program behaves: options fall back to {@code PINGPONG_*}
 * environment variables, durations are Go style, enum values are case-insensitive, {@code --help} prints
 * usage and exits 0, and a bad flag or value prints one line to standard error and exits {@link #USAGE}.
 * A command reports a bad combination of values by throwing {@link CommandLine.ParameterException}, and a
 * failure it expects (a cluster out of reach, a port taken) by throwing {@link Failure}: one line with its causes,
 * exit {@link #FAILURE}. Anything else it throws is a bug and keeps picocli's stack trace.
 */
public final class CommandLineRunner {

    /** Exit status for an expected failure ({@link Failure}). */
    public static final int FAILURE = 1;

    /** Exit status for bad usage. */
    public static final int USAGE = 2;

    /** A failure the command expects and explains; its causes' messages complete the line. */
    public static final class Failure extends RuntimeException {
        public Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

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
        line.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            String oneLine = e.getMessage().replaceAll("\\s*\\R\\s*", "; ");
            failed.getErr().println(failed.getCommandName() + ": " + oneLine + fromEnvironment(e, args, environment)
                    + " (see --help)");
            failed.getErr().flush();
            return USAGE;
        });
        line.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (!(e instanceof Failure)) {
                throw e;
            }
            failed.getErr().println(failed.getCommandName() + ": " + oneLine(e));
            failed.getErr().flush();
            return FAILURE;
        });
        return line;
    }

    /** Names the variable when the bad value came from the environment: the user sees no flag to blame. */
    private static String fromEnvironment(CommandLine.ParameterException e, String[] args, Map<String, String> environment) {
        if (!(e.getArgSpec() instanceof OptionSpec option)) {
            return "";
        }
        String variable = EnvDefaults.variableFor(option.longestName());
        boolean flagged = Arrays.stream(args).anyMatch(arg -> Arrays.stream(option.names())
                .anyMatch(name -> arg.equals(name) || arg.startsWith(name + "=") || (name.length() == 2 && arg.startsWith(name))));
        return flagged || !environment.containsKey(variable) ? "" : " (from " + variable + ")";
    }

    /** The chain of causes in one line, each by its message's first line (or its class when it has none). */
    static String oneLine(Throwable error) {
        List<String> parts = new ArrayList<>();
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage();
            String part = message == null || message.isBlank() ? cause.getClass().getSimpleName()
                    : message.lines().findFirst().orElse(message);
            boolean repeatsItsCause = cause.getCause() != null && part.equals(cause.getCause().toString());
            if (!repeatsItsCause && !parts.contains(part)) {
                parts.add(part);
            }
        }
        return String.join(": ", parts);
    }

    private static Duration duration(String text) {
        try {
            return GoDurations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
