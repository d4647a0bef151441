package dev.pingpong.webtransport.tls;

import dev.pingpong.certs.CertifiedKey;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A key manager whose one certificate can be replaced at any time. Netty's QUIC TLS asks the key manager on
 * every handshake, so after {@link #swap} new connections present the new certificate while established
 * connections keep theirs.
 *
 * <p>A handshake asks for an alias first and for the chain and key of that alias afterwards. Aliases name a
 * certificate by its hash and the manager remembers the certificate it replaced, so a swap between those two
 * calls still hands out a chain and key that belong together.
 *
 * <p>A client that resumes an earlier TLS session presents no new handshake for the key manager: it keeps the
 * certificate it verified when the session began until its ticket expires. New clients see the swap at once.
 */
public final class SwappableKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS_PREFIX = "sha256:";

    private record Slots(CertifiedKey current, CertifiedKey previous) {
        CertifiedKey find(String alias) {
            if (alias == null) {
                return null;
            }
            if (alias.equals(aliasOf(current))) {
                return current;
            }
            return previous != null && alias.equals(aliasOf(previous)) ? previous : null;
        }
    }

    private final AtomicReference<Slots> slots;

    public SwappableKeyManager(CertifiedKey initial) {
        slots = new AtomicReference<>(new Slots(Objects.requireNonNull(initial, "initial"), null));
    }

    /** The certificate new handshakes get. */
    public CertifiedKey current() {
        return slots.get().current();
    }

    /** Makes {@code next} the certificate of every later handshake. */
    public void swap(CertifiedKey next) {
        Objects.requireNonNull(next, "next");
        slots.updateAndGet(s -> new Slots(next, s.current()));
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasIfType(current(), keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasIfType(current(), keyType);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClientAlias(keyTypes, issuers, null);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        CertifiedKey key = current();
        for (String keyType : keyTypes) {
            String alias = aliasIfType(key, keyType);
            if (alias != null) {
                return alias;
            }
        }
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return aliasesIfType(keyType);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return aliasesIfType(keyType);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        CertifiedKey key = slots.get().find(alias);
        return key == null ? null : key.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        CertifiedKey key = slots.get().find(alias);
        return key == null ? null : key.privateKey();
    }

    private String[] aliasesIfType(String keyType) {
        String alias = aliasIfType(current(), keyType);
        return alias == null ? null : new String[] {alias};
    }

    /** Key types come as {@code EC}, {@code RSA} or with the issuer's signature type appended ({@code EC_RSA}). */
    private static String aliasIfType(CertifiedKey key, String keyType) {
        String ours = key.keyType();
        boolean fits = keyType == null || keyType.equals(ours) || keyType.startsWith(ours + "_");
        return fits ? aliasOf(key) : null;
    }

    private static String aliasOf(CertifiedKey key) {
        return ALIAS_PREFIX + key.sha256Hex();
    }
}
