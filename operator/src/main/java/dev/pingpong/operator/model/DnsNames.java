package dev.pingpong.operator.model;

import java.util.regex.Pattern;

/**
 * The spellings of DNS names the spec takes, as CRD patterns and as the operator checks them again: a
 * Kubernetes object name or domain (a DNS-1123 subdomain) and a name a certificate may carry (a wildcard first
 * label allowed; the last label starts with a letter, so an IP address is never taken for a DNS name).
 */
public final class DnsNames {

    public static final int MAX_LENGTH = 253;
    public static final String SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    public static final String CERTIFICATE_NAME = "^(\\*\\.)?([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)*[a-z]([-a-z0-9]*[a-z0-9])?$";

    private static final Pattern VALID_SUBDOMAIN = Pattern.compile(SUBDOMAIN);
    private static final Pattern VALID_CERTIFICATE_NAME = Pattern.compile(CERTIFICATE_NAME);

    private DnsNames() {
    }

    public static boolean isSubdomain(String name) {
        return name.length() <= MAX_LENGTH && VALID_SUBDOMAIN.matcher(name).matches();
    }

    public static boolean isCertificateName(String name) {
        return name.length() <= MAX_LENGTH && VALID_CERTIFICATE_NAME.matcher(name).matches();
    }
}
