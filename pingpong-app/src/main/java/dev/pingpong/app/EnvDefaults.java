package dev.pingpong.app;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Locale;
import java.util.Map;

/**
 * Gives every option an environment variable: {@code PINGPONG_} plus the longest flag name in upper snake
 * case ({@code --health-port} reads {@code PINGPONG_HEALTH_PORT}). A flag on the command line wins, because
 * picocli asks for defaults only for options that were not given.
 */
public final class EnvDefaults implements IDefaultValueProvider {

    public static final String PREFIX = "PINGPONG_";

    private final Map<String, String> environment;

    public EnvDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The environment variable of a long flag, e.g. {@code --max-sessions} gives {@code PINGPONG_MAX_SESSIONS}. */
    public static String variableFor(String longFlag) {
        String bare = longFlag.replaceFirst("^-+", "");
        return PREFIX + bare.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return argSpec.defaultValue();
        }
        String value = environment.get(variableFor(option.longestName()));
        return value != null ? value : argSpec.defaultValue();
    }
}
