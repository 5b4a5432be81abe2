package io.usercanary.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code usercanary healthcheck}: exit 0 when the URL answers 200, else 1; for images without curl. */
@Command(name = "healthcheck", hidden = true, description = "GET the daemon's health endpoint: exit 0 on 200, else 1.")
final class HealthcheckCommand implements Callable<Integer> {
    private static final int TIMEOUT_MILLIS = 3000;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:9464/-/healthy",
            description = "The endpoint to ask (default: ${DEFAULT-VALUE}).")
    URI url;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
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
            spec.commandLine().getErr().println("usercanary: " + url + " answered " + status);
            return ExitCodes.FAILED;
        } catch (IOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("usercanary: " + url + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return ExitCodes.FAILED;
        }
    }
}
