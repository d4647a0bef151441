package dev.pingpong.app;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
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
        line.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            String oneLine = e.getMessage().replaceAll("\\s*\\R\\s*", "; ");
            failed.getErr().println(failed.getCommandName() + ": " + oneLine + fromEnvironment(e, args, environment)
                    + " (see --help)");
            failed.getErr().flush();
            return USAGE;
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

    private static Duration duration(String text) {
        try {
            return GoDurations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
