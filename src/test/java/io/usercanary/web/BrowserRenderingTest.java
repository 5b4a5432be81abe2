package io.usercanary.web;

import io.usercanary.store.RunHistory;
import static io.usercanary.web.WebFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.usercanary.config.CanaryConfig;
import io.usercanary.testing.Components;
import java.awt.image.BufferedImage;
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
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The status page as a person's browser builds it: served over HTTP like the daemon does, loaded by real
 * headless Chromium, and read back from the DOM it built.
 */
@Tag("component")
class BrowserRenderingTest {
    static final long BROWSER_SECONDS = 60;

    final CanaryConfig config = WebFixtures.config();
    final RunHistory history = WebFixtures.start().incident();
    final LayoutFixture layout = new LayoutFixture();
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
        } else if (path.equals("/layout")) {
            html = Optional.of(LayoutFixture.measured(StatusPage.render(layout.config, layout.history, NOW)));
        } else if (path.startsWith("/phone/")) {
            String[] size = exchange.getRequestURI().getQuery().split("x");
            html = Optional.of(LayoutFixture.phone(path.substring("/phone".length()), Integer.parseInt(size[0]),
                    Integer.parseInt(size[1])));
        } else if (path.equals("/layout/run")) {
            html = Optional.of(LayoutFixture.measured(RunPage.render(layout.failing())));
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

    /** Headless Chromium's narrowest window; narrower pages are shown in a frame of their width. */
    static final int NARROWEST_WINDOW = 500;

    /** {@code path} as a browser {@code width} px wide shows it: the page itself, or in a frame that wide. */
    String at(String path, int width, int height) {
        return width >= NARROWEST_WINDOW ? url(path) : url("/phone" + path + "?" + width + "x" + height);
    }

    /** The layout facts the page script measured in the browser, read back from the dumped DOM. */
    JsonNode measure(String path, int width) throws Exception {
        String dom = chromium(at(path, width, 900), "--dump-dom",
                "--window-size=" + Math.max(width, NARROWEST_WINDOW) + ",900", "--hide-scrollbars");
        Matcher facts = Pattern.compile("<pre id=\"layout\"[^>]*>([^<]*)</pre>").matcher(dom);
        assertTrue(facts.find(), "the page script did not run");
        JsonNode layout = new ObjectMapper().readTree(facts.group(1).replace("&quot;", "\"").replace("&amp;", "&"));
        assertEquals(width, layout.path("viewport").asInt(), "the viewport is as wide as asked");
        return layout;
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = {1280, 390})
    void theStatusPageFitsTheWindowWithFullNamesAndEveryFailedAssertionVisible(int width) throws Exception {
        JsonNode layout = measure("/layout", width);
        assertTrue(layout.path("scrollWidth").asInt() <= width, "no horizontal scrolling: " + layout);
        assertEquals(LayoutFixture.NAMES, texts(layout.path("names")), "every account name whole");
        assertEquals(List.of(), texts(layout.path("clipped")), "nothing cut off by its cell or the window");
        assertEquals(LayoutFixture.FAILED_LINES, layout.path("failureLines").asInt(), "every failed assertion has its line");
        if (width >= 1280) {
            assertTrue(layout.path("detailWidth").asInt() > layout.path("widestOtherColumn").asInt(),
                    "the detail column gets the room: " + layout);
        }
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = {1280, 390})
    void theRunPageShowsTheFailingStepAboveTheFold(int width) throws Exception {
        JsonNode layout = measure("/layout/run", width);
        assertTrue(layout.path("scrollWidth").asInt() <= width, "no horizontal scrolling: " + layout);
        assertEquals(List.of(), texts(layout.path("clipped")), layout.toString());
        assertTrue(layout.path("summaryTop").asInt() < 900 && layout.path("summaryTop").asInt() > 0,
                "the summary starts within the first screen: " + layout);
        assertTrue(layout.path("summaryTop").asInt() < layout.path("firstStepTop").asInt(), layout.toString());
    }

    /** {@code -Dusercanary.screenshots=DIR} keeps the PNGs for a person to look at. */
    @Test
    void screenshotsOfBothPagesAtDesktopAndPhoneWidthsAreProduced() throws Exception {
        Path dir = Optional.ofNullable(System.getProperty("usercanary.screenshots")).map(Path::of).orElse(temp);
        Files.createDirectories(dir);
        long legacyRun = history.latest("legacy").orElseThrow().id();
        String[][] pages = {{"/", "status"}, {"/runs/" + legacyRun, "run"}, {"/layout", "status-long-names"},
            {"/layout/run", "run-three-failures"}};
        for (String[] page : pages) {
            for (int[] size : new int[][] {{1280, 900}, {390, 1600}}) {
                Path png = dir.resolve(page[1] + "-" + size[0] + ".png").toAbsolutePath();
                chromium(at(page[0], size[0], size[1]), "--screenshot=" + png,
                        "--window-size=" + Math.max(size[0], NARROWEST_WINDOW) + "," + size[1], "--hide-scrollbars");
                if (size[0] < NARROWEST_WINDOW) {
                    BufferedImage shot = ImageIO.read(png.toFile());
                    ImageIO.write(shot.getSubimage(0, 0, size[0], shot.getHeight()), "png", png.toFile());
                }
                assertTrue(Files.size(png) > 10_000, "a PNG of a rendered page, not a blank one: " + png);
                assertEquals(size[0], ImageIO.read(png.toFile()).getWidth());
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static int count(Pattern pattern, String text) {
        int n = 0;
        for (Matcher m = pattern.matcher(text); m.find(); ) {
            n++;
        }
        return n;
    }
}
