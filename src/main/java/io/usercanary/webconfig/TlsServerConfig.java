package io.usercanary.webconfig;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * {@code tls_server_config}, validated: the port speaks TLS only, with these protocol versions (JDK names,
 * {@code TLSv1.2}...), TLS 1.2 cipher suites (empty: the JDK's defaults; TLS 1.3 suites are never restricted,
 * as in Go) and client-certificate policy.
 */
public record TlsServerConfig(
        KeyPairSource keyPair,
        ClientAuth clientAuth,
        List<X509Certificate> clientCas,
        List<String> protocols,
        List<String> cipherSuites,
        boolean preferServerCipherSuites,
        List<String> clientAllowedSans) {

    public TlsServerConfig {
        clientCas = List.copyOf(clientCas);
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        clientAllowedSans = List.copyOf(clientAllowedSans);
    }

    /** The certificate file, when the certificate is not inline: what the healthcheck trusts. */
    public Optional<java.nio.file.Path> certFile() {
        return Optional.ofNullable(keyPair.certFile());
    }

    /** The certificate chain and key as they are now; the message names the key that is wrong. */
    KeyPairSource.Loaded loadKeyPair() throws WebConfigException {
        return keyPair.load();
    }

    /** A server context whose certificate follows the files; fails like {@link #loadKeyPair} when they are wrong now. */
    public ServerTls start() throws WebConfigException {
        RotatingKeyManager keys = new RotatingKeyManager(keyPair, keyPair.load());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, trustManagers(), new SecureRandom());
            return new ServerTls(context, keys, this);
        } catch (GeneralSecurityException e) {
            throw new WebConfigException("tls_server_config: the JDK refused the TLS setup: " + e.getMessage());
        }
    }

    private TrustManager[] trustManagers() throws GeneralSecurityException {
        if (clientAuth == ClientAuth.NO_CLIENT_CERT) {
            return null;
        }
        X509TrustManager chain;
        if (clientAuth.verifies()) {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            try {
                anchors.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
            for (int i = 0; i < clientCas.size(); i++) {
                anchors.setCertificateEntry("client-ca-" + i, clientCas.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            chain = (X509TrustManager) factory.getTrustManagers()[0];
        } else {
            chain = AnyClientCertificate.INSTANCE;
        }
        return new TrustManager[] {new ClientCertificatePolicy(chain, clientAllowedSans)};
    }

    /** Go's client-certificate trust for RequestClientCert and RequireAnyClientCert: whatever is presented. */
    private enum AnyClientCertificate implements X509TrustManager {
        INSTANCE;

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    static List<String> sans(X509Certificate certificate) {
        List<String> values = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                certificate.getSubjectAlternativeNames().forEach(entry -> values.add(String.valueOf(entry.get(1))));
            }
        } catch (CertificateException e) {
            // no readable SANs: nothing matches
        }
        return values;
    }
}
