package io.usercanary.webconfig;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client context for talking to our own port from the same host (the healthcheck): it trusts exactly the
 * certificates in the server's certificate file, as they are now, and presents the server's own certificate
 * when the server asks for a client certificate (enough for RequireAnyClientCert, and for
 * RequireAndVerifyClientCert when one CA signs both).
 */
public final class ClientTls {
    private ClientTls() {}

    public static SSLContext forOwnServer(TlsServerConfig tls) throws WebConfigException {
        KeyPairSource.Loaded pair = tls.loadKeyPair();
        try {
            char[] password = new char[0];
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            List<X509Certificate> chain = pair.chain();
            for (int i = 0; i < chain.size(); i++) {
                trusted.setCertificateEntry("server-" + i, chain.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            KeyManager[] keys = null;
            if (tls.clientAuth() != ClientAuth.NO_CLIENT_CERT) {
                KeyStore own = KeyStore.getInstance("PKCS12");
                own.load(null, null);
                own.setKeyEntry("client", pair.key(), password, chain.toArray(new X509Certificate[0]));
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(own, password);
                keys = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new WebConfigException("tls_server_config: cannot build a client context: " + e.getMessage());
        }
    }
}
