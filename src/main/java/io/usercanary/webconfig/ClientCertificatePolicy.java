package io.usercanary.webconfig;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** Client certificates: the chain check of the {@code client_auth_type}, then {@code client_allowed_sans} if set. */
final class ClientCertificatePolicy extends X509ExtendedTrustManager {
    private final X509TrustManager chain;
    private final List<String> allowedSans;

    ClientCertificatePolicy(X509TrustManager chain, List<String> allowedSans) {
        this.chain = chain;
        this.allowedSans = List.copyOf(allowedSans);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
        chain.checkClientTrusted(certificates, authType);
        if (!allowedSans.isEmpty()) {
            List<String> sans = TlsServerConfig.sans(certificates[0]);
            if (sans.stream().noneMatch(allowedSans::contains)) {
                throw new CertificateException("the client certificate has none of client_allowed_sans");
            }
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(certificates, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(certificates, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
        throw new CertificateException("a server-side trust manager checks clients only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(certificates, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(certificates, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chain.getAcceptedIssuers();
    }
}
