package io.usercanary.webconfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Client TLS contexts for tests: trusting a CA file, optionally presenting a client certificate. */
public final class TlsClients {
    private TlsClients() {}

    public static SSLContext trusting(Path caFile) throws Exception {
        return context(caFile, null, null);
    }

    public static SSLContext presenting(Path caFile, Path certFile, Path keyFile) throws Exception {
        return context(caFile, certFile, keyFile);
    }

    private static SSLContext context(Path caFile, Path certFile, Path keyFile) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        List<X509Certificate> cas = Pem.certificates(Files.readString(caFile, StandardCharsets.US_ASCII));
        for (int i = 0; i < cas.size(); i++) {
            trusted.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        KeyManager[] keys = null;
        if (certFile != null) {
            KeyStore own = KeyStore.getInstance("PKCS12");
            own.load(null, null);
            own.setKeyEntry("client", Pem.privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII)), new char[0],
                    Pem.certificates(Files.readString(certFile, StandardCharsets.US_ASCII)).toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(own, new char[0]);
            keys = factory.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust.getTrustManagers(), null);
        return context;
    }
}
