/**
 * The certificate toolkit: PEM, ECDSA and RSA keys, X.509 issuing and SHA-256 certificate hashes. A real module (not
 * an automatic one) so that webtransport's module can require it while both are still class folders in one build.
 */
module dev.pingpong.certs {
    exports dev.pingpong.certs;

    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
}
