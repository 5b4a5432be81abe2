package io.usercanary.webconfig;

import java.util.Arrays;
import java.util.Optional;

/** {@code client_auth_type}: Go's tls.ClientAuthType names, as the exporter toolkit spells them. */
public enum ClientAuth {
    NO_CLIENT_CERT("NoClientCert", false, false, false),
    REQUEST_CLIENT_CERT("RequestClientCert", true, false, false),
    REQUIRE_ANY_CLIENT_CERT("RequireAnyClientCert", false, true, false),
    VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven", true, false, true),
    REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert", false, true, true);

    private final String yaml;
    private final boolean want;
    private final boolean need;
    private final boolean verify;

    ClientAuth(String yaml, boolean want, boolean need, boolean verify) {
        this.yaml = yaml;
        this.want = want;
        this.need = need;
        this.verify = verify;
    }

    /** The toolkit also takes the empty string for NoClientCert and the old RequireClientCert. */
    static Optional<ClientAuth> parse(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of(NO_CLIENT_CERT);
        }
        if (name.equals("RequireClientCert")) {
            return Optional.of(REQUIRE_ANY_CLIENT_CERT);
        }
        return Arrays.stream(values()).filter(v -> v.yaml.equals(name)).findFirst();
    }

    public String yaml() {
        return yaml;
    }

    /** The server asks for a certificate but does not insist. */
    public boolean wants() {
        return want;
    }

    /** The handshake fails without a client certificate. */
    public boolean needs() {
        return need;
    }

    /** A given certificate must chain to {@code client_ca_file}. */
    public boolean verifies() {
        return verify;
    }
}
