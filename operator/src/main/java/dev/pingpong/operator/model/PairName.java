package dev.pingpong.operator.model;

import java.util.regex.Pattern;

/**
 * What a pair's name must be: its Service NAME-server is a DNS-1035 label (a letter first, lower-case letters,
 * digits and '-', at most 63 characters). The CRD states the same rule in CEL ({@link #RULE}), so the API server
 * refuses such a pair before the operator sees it; the operator checks again for an older CRD.
 */
public final class PairName {

    /** The longest name whose Service name NAME-server is still 63 characters. */
    public static final int MAX_LENGTH = 56; // 63 - "-server".length(), spelled as a constant for the CRD annotation
    public static final String PATTERN = "^[a-z]([-a-z0-9]*[a-z0-9])?$";
    public static final String RULE = "self.metadata.name.matches('" + PATTERN + "') && size(self.metadata.name) <= "
            + MAX_LENGTH;
    public static final String MESSAGE = "metadata.name must be a DNS-1035 label of at most " + MAX_LENGTH
            + " characters (lower-case letters, digits and '-', a letter first, no '-' last), as NAME-server is a Service name";

    private static final Pattern VALID = Pattern.compile(PATTERN);

    private PairName() {
    }

    /** InvalidSpecException unless {@code name} is a valid pair name. */
    public static void check(String name) {
        if (name.length() > MAX_LENGTH || !VALID.matcher(name).matches()) {
            throw new InvalidSpecException(MESSAGE + "; \"" + name + "\" is not: recreate the pair under a valid name");
        }
    }
}
