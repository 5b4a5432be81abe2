package io.usercanary.webconfig;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's certificate, re-read from {@code cert_file}/{@code key_file} when they change (checked at most
 * once a second, on a handshake), so cert-manager or a sidecar can rotate it without a restart. A changed pair
 * that does not load (half-written, key not matching) keeps the previous one and is logged once. Each
 * generation has its own alias, so a handshake never mixes one generation's chain with another's key.
 * Thread-safe.
 */
final class RotatingKeyManager extends X509ExtendedKeyManager {
    private static final Logger LOG = LoggerFactory.getLogger(RotatingKeyManager.class);
    private static final long CHECK_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final KeyPairSource source;
    private final Map<String, KeyPairSource.Loaded> generations = new LinkedHashMap<>();
    private String current;
    private int generation;
    private KeyPairSource.Stamp stamp;
    private KeyPairSource.Stamp refusedStamp;
    private long checkedAt;

    RotatingKeyManager(KeyPairSource source, KeyPairSource.Loaded first) {
        this.source = source;
        this.stamp = source.stamp();
        this.checkedAt = System.nanoTime();
        install(first);
    }

    private void install(KeyPairSource.Loaded loaded) {
        current = "usercanary-" + (++generation);
        generations.put(current, loaded);
        while (generations.size() > 2) {
            generations.remove(generations.keySet().iterator().next());
        }
    }

    /** Re-reads the files if they changed since the last look; returns the alias to use now. */
    synchronized String refresh() {
        long now = System.nanoTime();
        if (now - checkedAt < CHECK_EVERY_NANOS) {
            return current;
        }
        checkedAt = now;
        KeyPairSource.Stamp seen = source.stamp();
        if (seen.equals(stamp) || seen.equals(refusedStamp)) {
            return current;
        }
        try {
            KeyPairSource.Loaded loaded = source.load();
            install(loaded);
            stamp = seen;
            refusedStamp = null;
            LOG.info("TLS certificate reloaded: {} (valid until {})", loaded.chain().get(0).getSubjectX500Principal(),
                    loaded.chain().get(0).getNotAfter().toInstant());
        } catch (WebConfigException e) {
            refusedStamp = seen;
            LOG.warn("TLS certificate changed but cannot be used, keeping the previous one: {}", e.getMessage());
        }
        return current;
    }

    /** Forces the next handshake to look at the files (tests, and after a reload signal). */
    synchronized void checkNow() {
        checkedAt = System.nanoTime() - CHECK_EVERY_NANOS;
    }

    private synchronized KeyPairSource.Loaded generation(String alias) {
        return generations.get(alias);
    }

    private String aliasFor(String keyType) {
        String alias = refresh();
        KeyPairSource.Loaded loaded = generation(alias);
        if (loaded == null) {
            return null;
        }
        String algorithm = loaded.key().getAlgorithm();
        boolean fits = algorithm.equalsIgnoreCase(keyType)
                || (algorithm.equals("RSA") && keyType.equals("RSASSA-PSS"))
                || (algorithm.startsWith("Ed") && keyType.equals("EdDSA"));
        return fits ? alias : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = aliasFor(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        KeyPairSource.Loaded loaded = generation(alias);
        return loaded == null ? null : loaded.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        KeyPairSource.Loaded loaded = generation(alias);
        return loaded == null ? null : loaded.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
