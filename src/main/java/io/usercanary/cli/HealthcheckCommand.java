package io.usercanary.cli;

import io.usercanary.webconfig.ClientTls;
import io.usercanary.webconfig.WebConfig;
import io.usercanary.webconfig.WebConfigException;
import io.usercanary.webconfig.WebConfigFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.net.ssl.HttpsURLConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code usercanary healthcheck}: exit 0 when the URL answers 200, else 1; for images without curl. With the
 * daemon's web config it speaks what the port speaks: https trusting exactly the served certificate (and
 * presenting it when client certificates are asked for), basic auth from the environment. The password is
 * never an argument, so it never shows in {@code ps} or {@code docker inspect}.
 */
@Command(name = "healthcheck", hidden = true, description = "GET the daemon's health endpoint: exit 0 on 200, else 1.")
final class HealthcheckCommand implements Callable<Integer> {
    static final String USERNAME_ENV = "USERCANARY_HEALTHCHECK_USERNAME";
    static final String PASSWORD_ENV = "USERCANARY_HEALTHCHECK_PASSWORD";
    static final String PASSWORD_FILE_ENV = "USERCANARY_HEALTHCHECK_PASSWORD_FILE";
    private static final int TIMEOUT_MILLIS = 3000;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:9464/-/healthy",
            description = "The endpoint to ask (default: ${DEFAULT-VALUE}); https when the web config sets up TLS.")
    URI url;

    @Option(names = "--web.config.file", paramLabel = "FILE", defaultValue = "${env:" + RunCommand.WEB_CONFIG_ENV + "}",
            description = "The daemon's web config (default: $" + RunCommand.WEB_CONFIG_ENV + "). Credentials from $"
                    + USERNAME_ENV + " and $" + PASSWORD_ENV + " or $" + PASSWORD_FILE_ENV + ".")
    Path webConfigFile;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    HealthcheckCommand() {
        this(System.getenv());
    }

    HealthcheckCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        URI target = url;
        try {
            WebConfig web = webConfigFile == null ? WebConfig.NONE : WebConfigFile.load(webConfigFile);
            if (web.tls().isPresent() && target.getScheme().equals("http")) {
                target = new URI("https", target.getUserInfo(), target.getHost(), target.getPort(), target.getPath(),
                        target.getQuery(), target.getFragment());
            }
            HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection();
            if (connection instanceof HttpsURLConnection https && web.tls().isPresent()) {
                https.setSSLSocketFactory(ClientTls.forOwnServer(web.tls().get()).getSocketFactory());
                // The certificate is pinned to the one the daemon serves: its name need not be the URL's host.
                https.setHostnameVerifier((host, session) -> true);
            }
            if (web.basicAuth().enabled()) {
                connection.setRequestProperty("Authorization", "Basic " + credentials());
            }
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            connection.setInstanceFollowRedirects(false);
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.readNBytes(4096);
                }
            }
            if (status == 200) {
                return ExitCodes.PASSED;
            }
            spec.commandLine().getErr().println("usercanary: " + target + " answered " + status);
            return ExitCodes.FAILED;
        } catch (WebConfigException | MissingCredentials e) {
            spec.commandLine().getErr().println("usercanary: " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (IOException | IllegalArgumentException | URISyntaxException e) {
            spec.commandLine().getErr().println("usercanary: " + target + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return ExitCodes.FAILED;
        }
    }

    private String credentials() throws MissingCredentials {
        String user = environment.get(USERNAME_ENV);
        String password = environment.get(PASSWORD_ENV);
        String file = environment.get(PASSWORD_FILE_ENV);
        if (password == null && file != null) {
            try {
                password = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new MissingCredentials(PASSWORD_FILE_ENV + ": cannot read " + file);
            }
        }
        if (user == null || user.isEmpty() || password == null) {
            throw new MissingCredentials(webConfigFile + " requires basic auth: set " + USERNAME_ENV + " and "
                    + PASSWORD_ENV + " (or " + PASSWORD_FILE_ENV + ") for the healthcheck");
        }
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Basic auth is on and the environment gives no credentials. */
    private static final class MissingCredentials extends Exception {
        MissingCredentials(String message) {
            super(message);
        }
    }
}
