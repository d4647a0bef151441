package dev.pingpong.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's handling of resource quantities in the Deployments it stores, which fabric8's mock server stores
 * as sent: each one is parsed (refused when it does not parse) and stored in apimachinery's canonical form
 * ({@code Quantity.String()}): {@code 0.5} as {@code 500m}, {@code 1024Mi} as {@code 1Gi}, {@code 2000} as
 * {@code 2k}. The canonical form keeps the suffix family written (binary {@code Ki}..{@code Ei}, decimal
 * {@code n}..{@code E}, or an exponent {@code eN}), takes the largest suffix that keeps the number whole, falls back
 * to decimal for a binary amount under 1024 or not whole, and rounds up to nano units.
 */
final class Quantities {

    /** apimachinery's own pattern, quoted in its error message. */
    private static final String REGEX = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
    private static final Pattern NUMBER = Pattern.compile("([+-]?)([0-9]*)(?:\\.([0-9]*))?(.*)");
    private static final Pattern EXPONENT = Pattern.compile("[eE]([+-]?[0-9]+)");
    private static final List<String> BINARY = List.of("", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei");
    private static final Map<String, Integer> DECIMAL = Map.of(
            "n", -9, "u", -6, "m", -3, "", 0, "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
    private static final BigInteger KI = BigInteger.valueOf(1024);

    private enum Format { BINARY_SI, DECIMAL_SI, DECIMAL_EXPONENT }

    private Quantities() {
    }

    /**
     * Rewrites the quantities of {@code deployment}'s containers in canonical form; returns what the API server would
     * refuse (empty if nothing), each as "field: Invalid value".
     */
    static List<String> canonicalizeDeployment(JsonNode deployment) {
        List<String> problems = new ArrayList<>();
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        for (String list : List.of("initContainers", "containers")) {
            JsonNode containers = pod.path(list);
            for (int i = 0; i < containers.size(); i++) {
                for (String kind : List.of("requests", "limits")) {
                    JsonNode quantities = containers.get(i).path("resources").path(kind);
                    if (quantities instanceof ObjectNode object) {
                        String field = "spec.template.spec." + list + "[" + i + "].resources." + kind;
                        object.properties().forEach(entry -> {
                            String written = entry.getValue().asText();
                            try {
                                entry.setValue(object.textNode(canonical(written)));
                            } catch (IllegalArgumentException e) {
                                problems.add(field + "[" + entry.getKey() + "]: Invalid value: \"" + written
                                        + "\": quantities must match the regular expression '" + REGEX + "'");
                            }
                        });
                    }
                }
            }
        }
        return problems;
    }

    /** The canonical form of {@code quantity}; IllegalArgumentException if it is not one. */
    static String canonical(String quantity) {
        Matcher number = NUMBER.matcher(quantity.trim());
        if (!number.matches() || number.group(2).isEmpty() && (number.group(3) == null || number.group(3).isEmpty())) {
            throw new IllegalArgumentException("not a quantity: " + quantity);
        }
        String suffix = number.group(4);
        BigDecimal value = new BigDecimal(number.group(1) + (number.group(2).isEmpty() ? "0" : number.group(2))
                + (number.group(3) == null || number.group(3).isEmpty() ? "" : "." + number.group(3)));
        Format format;
        Matcher exponent = EXPONENT.matcher(suffix);
        if (BINARY.contains(suffix) && !suffix.isEmpty()) {
            format = Format.BINARY_SI;
            value = value.multiply(new BigDecimal(KI.pow(BINARY.indexOf(suffix))));
        } else if (DECIMAL.containsKey(suffix)) {
            format = Format.DECIMAL_SI;
            value = value.scaleByPowerOfTen(DECIMAL.get(suffix));
        } else if (exponent.matches()) {
            format = Format.DECIMAL_EXPONENT;
            value = value.scaleByPowerOfTen(Integer.parseInt(exponent.group(1)));
        } else {
            throw new IllegalArgumentException("unknown suffix in " + quantity);
        }
        if (value.scale() > 9) {
            value = value.setScale(9, RoundingMode.UP);
        }
        if (value.signum() == 0) {
            return "0";
        }
        if (format == Format.BINARY_SI) {
            if (value.abs().compareTo(new BigDecimal(KI)) >= 0 && value.stripTrailingZeros().scale() <= 0) {
                return binary(value.toBigIntegerExact());
            }
            format = Format.DECIMAL_SI;
        }
        return decimal(value, format);
    }

    private static String binary(BigInteger amount) {
        int power = 0;
        while (power < BINARY.size() - 1 && amount.mod(KI).signum() == 0) {
            amount = amount.divide(KI);
            power++;
        }
        return amount + BINARY.get(power);
    }

    /** The whole mantissa with the largest exponent that is a multiple of 3. */
    private static String decimal(BigDecimal value, Format format) {
        BigDecimal stripped = value.stripTrailingZeros();
        int exponent = -stripped.scale();
        int thousands = Math.floorDiv(exponent, 3) * 3;
        BigInteger mantissa = stripped.unscaledValue().multiply(BigInteger.TEN.pow(exponent - thousands));
        if (format == Format.DECIMAL_EXPONENT) {
            return mantissa + (thousands == 0 ? "" : "e" + thousands);
        }
        String suffix = DECIMAL.entrySet().stream().filter(entry -> entry.getValue() == thousands)
                .map(Map.Entry::getKey).findFirst().orElse("e" + thousands);
        return mantissa + suffix;
    }
}
