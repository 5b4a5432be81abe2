package io.usercanary.webconfig;

import javax.net.ssl.SSLContext;

/** A started TLS setup: the context (its certificate follows the files) and the engine settings from the config. */
public final class ServerTls {
    private final SSLContext context;
    private final RotatingKeyManager keys;
    private final TlsServerConfig config;

    ServerTls(SSLContext context, RotatingKeyManager keys, TlsServerConfig config) {
        this.context = context;
        this.keys = keys;
        this.config = config;
    }

    public SSLContext context() {
        return context;
    }

    public TlsServerConfig config() {
        return config;
    }

    /** Makes the next handshake re-check the certificate files instead of waiting for the once-a-second look. */
    public void checkCertificateNow() {
        keys.checkNow();
    }
}
