package io.usercanary.web;

import io.usercanary.store.RunHistory;
import static io.usercanary.web.WebFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.usercanary.config.CanaryConfig;
import io.usercanary.testing.Components;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page as a person's browser builds it: served over HTTP like the daemon does, loaded by real
 * headless Chromium, and read back from the DOM it built.
 */
@Tag("component")
class BrowserRenderingTest {
    static final long BROWSER_SECONDS = 60;

    final CanaryConfig config = WebFixtures.config();
    final RunHistory history = WebFixtures.start().incident();
    HttpServer server;
    @TempDir
    Path temp;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** The routes the daemon's WebServer serves: the status page and run traces, 404 otherwise. */
    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Optional<String> html = Optional.empty();
        if (path.equals("/")) {
            html = Optional.of(StatusPage.render(config, history, NOW));
        } else if (path.matches("/runs/\\d+")) {
            html = history.run(Long.parseLong(path.substring("/runs/".length()))).map(RunPage::render);
        }
        byte[] body = html.orElse("not found\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", html.isPresent() ? "text/html; charset=utf-8" : "text/plain");
        exchange.sendResponseHeaders(html.isPresent() ? 200 : 404, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Runs headless Chromium with {@code extra} arguments on {@code url}; returns what it printed on stdout. */
    String chromium(String url, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(Components.chromium().toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(temp, "profile")));
        command.addAll(List.of(extra));
        command.add(url);
        Path stdout = temp.resolve("chromium.out");
        Path stderr = temp.resolve("chromium.err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            boolean exited = process.waitFor(BROWSER_SECONDS, TimeUnit.SECONDS);
            assertTrue(exited, "chromium did not finish in " + BROWSER_SECONDS + " s: " + tail(stderr));
            assertEquals(0, process.exitValue(), "chromium failed: " + tail(stderr));
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static String tail(Path file) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }

    @Test
    void browserBuildsTheCohortsRowsAndOutcomesFromTheServedPage() throws Exception {
        String dom = chromium(url("/"), "--dump-dom");
        List<String> cohorts = new ArrayList<>();
        Matcher section = Pattern.compile("<section class=\"cohort\" data-cohort=\"([a-z]+)\" data-status=\"([a-z]+)\"")
                .matcher(dom);
        while (section.find()) {
            cohorts.add(section.group(1) + "=" + section.group(2));
        }
        assertEquals(List.of("new=ok", "recent=failing", "established=failing", "veteran=ok"), cohorts, dom);
        List<String> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr class=\"account\" data-account=\"([a-z]+)\" data-cohort=\"([a-z]+)\" "
                + "data-outcome=\"([a-z_]+)\"").matcher(dom);
        while (row.find()) {
            rows.add(row.group(1) + "/" + row.group(2) + "=" + row.group(3));
        }
        assertEquals(List.of("fresh/new=ok", "halfyear/recent=empty", "legacy/established=empty", "founder/veteran=ok"), rows);
        assertTrue(dom.contains("2 of 4 accounts failing: empty in recent, established"));
        assertTrue(dom.contains("<span class=\"badge fail\">0/1 ok · 1 empty</span>"));
        assertEquals(4 * 18, count(Pattern.compile("<rect class=\"run "), dom), "every run of the incident is a bar");
    }

    @Test
    void browserFollowsARowsLinkToItsTrace() throws Exception {
        long legacyRun = history.latest("legacy").orElseThrow().id();
        String dom = chromium(url("/runs/" + legacyRun), "--dump-dom");
        assertTrue(dom.contains("data-account=\"legacy\" data-outcome=\"empty\""), dom);
        assertTrue(dom.contains("<pre class=\"body\">{\"widgets\":[],\"profile\":null}</pre>"), dom);
    }

    /** {@code -Dusercanary.screenshots=DIR} keeps the PNGs for a person to look at. */
    @Test
    void screenshotsOfBothPagesAreProduced() throws Exception {
        Path dir = Optional.ofNullable(System.getProperty("usercanary.screenshots")).map(Path::of).orElse(temp);
        Files.createDirectories(dir);
        long legacyRun = history.latest("legacy").orElseThrow().id();
        for (String[] page : new String[][] {{"/", "status.png"}, {"/runs/" + legacyRun, "run.png"}}) {
            Path png = dir.resolve(page[1]).toAbsolutePath();
            chromium(url(page[0]), "--screenshot=" + png, "--window-size=1280,900", "--hide-scrollbars");
            assertTrue(Files.size(png) > 10_000, "a 1280x900 PNG of a rendered page, not a blank one: " + png);
        }
    }

    private static int count(Pattern pattern, String text) {
        int n = 0;
        for (Matcher m = pattern.matcher(text); m.find(); ) {
            n++;
        }
        return n;
    }
}
