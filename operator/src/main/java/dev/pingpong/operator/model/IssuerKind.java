package dev.pingpong.operator.model;

/** The kinds of cert-manager issuer a pair may name: one in its own namespace, or one for the whole cluster. */
public enum IssuerKind {
    Issuer,
    ClusterIssuer
}
