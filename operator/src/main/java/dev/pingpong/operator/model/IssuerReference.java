package dev.pingpong.operator.model;

/** A cert-manager issuer as a Certificate's issuerRef names it, defaults applied. */
public record IssuerReference(String name, IssuerKind kind, String group) {

    /** How people and cert-manager's messages name it: {@code ClusterIssuer ca-issuer.cert-manager.io}. */
    @Override
    public String toString() {
        return kind + " " + name + "." + group;
    }
}
