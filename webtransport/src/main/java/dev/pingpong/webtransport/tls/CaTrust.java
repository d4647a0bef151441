package dev.pingpong.webtransport.tls;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/** The JDK's PKIX trust managers, over a given CA list or the system's trust store. */
final class CaTrust {

    private CaTrust() {
    }

    static X509ExtendedTrustManager of(List<X509Certificate> authorities) throws GeneralSecurityException {
        if (authorities.isEmpty()) {
            throw new GeneralSecurityException("empty CA bundle");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory key store", e);
        }
        for (int i = 0; i < authorities.size(); i++) {
            store.setCertificateEntry("ca-" + i, authorities.get(i));
        }
        return fromFactory(store);
    }

    static X509ExtendedTrustManager system() throws GeneralSecurityException {
        return fromFactory(null);
    }

    private static X509ExtendedTrustManager fromFactory(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509 trust manager in " + factory.getAlgorithm());
    }
}
