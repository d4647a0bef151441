package dev.pingpong.operator.model;

import java.util.Locale;

/** The two halves of a pair; each has its own Deployment, pods, readiness condition and restart count. */
public enum Side {
    SERVER, CLIENT;

    /** The {@code app.kubernetes.io/component} value, also the name suffix of the side's children. */
    public String component() {
        return name().toLowerCase(Locale.ROOT);
    }
}
