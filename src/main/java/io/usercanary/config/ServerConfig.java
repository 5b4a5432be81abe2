package io.usercanary.config;

/** Where the daemon serves /metrics, the status page and health endpoints. */
public record ServerConfig(Integer port, String bind) {
    public static final ServerConfig DEFAULT = new ServerConfig(null, null);

    public ServerConfig {
        port = port == null ? 9464 : port;
        bind = bind == null ? "0.0.0.0" : bind;
        if (port < 0 || port > 65535) {
            throw new InvalidConfigException("port", port + " is not a TCP port");
        }
        BindAddress.check("bind", bind);
    }
}
