package io.usercanary.web;

import static io.usercanary.web.WebFixtures.NOW;

import io.usercanary.check.AssertionResult;
import io.usercanary.config.CanaryConfig;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.store.RunHistory;
import java.time.Instant;
import java.util.List;

/**
 * Pages that stress the layout: long account names, an account with three failed assertions one of which is long,
 * and a page script that measures in the browser what a person would see, into {@code pre#layout} as JSON.
 */
final class LayoutFixture {
    static final List<String> NAMES = List.of("new-3d-mobile-signup", "recent-2mo", "established-8mo-eu-west-1",
            "veteran-3y-founding-customer");
    /** Two failed assertions for recent-2mo, three for established-8mo-eu-west-1. */
    static final int FAILED_LINES = 5;
    static final String LONG_DETAIL = "/profile/marker is m-someone-else-entirely-from-another-tenant-database-copy, expected "
            + "m-established-8mo-eu-west-1 (the value this account was seeded with, which only its own rows hold)";

    private final WebFixtures runs = WebFixtures.start();
    final CanaryConfig config = WebFixtures.config("production", "eu-west-1", """
              - { name: new-3d-mobile-signup, email: a@example.com, password: p, cohort: new }
              - { name: recent-2mo, email: b@example.com, password: p, cohort: recent }
              - { name: established-8mo-eu-west-1, email: c@example.com, password: p, cohort: established }
              - { name: veteran-3y-founding-customer, email: d@example.com, password: p, cohort: veteran }
            """);
    final RunHistory history = new RunHistory(100, 30);

    LayoutFixture() {
        for (int round = 0; round < 30; round++) {
            boolean broken = round >= 20;
            Instant at = NOW.minusSeconds(30L * (30 - round));
            history.onRun(runs.ok("new-3d-mobile-signup", "new", 3, at));
            history.onRun(broken ? runs.empty("recent-2mo", "recent", 60, at) : runs.ok("recent-2mo", "recent", 60, at));
            history.onRun(broken ? threeFailures(at) : runs.ok("established-8mo-eu-west-1", "established", 240, at));
            history.onRun(runs.ok("veteran-3y-founding-customer", "veteran", 1100, at));
        }
    }

    RunResult failing() {
        return history.latest("established-8mo-eu-west-1").orElseThrow();
    }

    private RunResult threeFailures(Instant at) {
        return runs.run("established-8mo-eu-west-1", "established", 240, at, Outcome.EMPTY, WebFixtures.EMPTY_DASHBOARD, 0,
                List.of(new AssertionResult("status 200", true, "got 200"),
                        new AssertionResult("notEmpty /widgets", false, "/widgets is an empty array"),
                        new AssertionResult("minItems /widgets 3", false, "/widgets has 0 items, expected at least 3"),
                        new AssertionResult("equals /profile/marker m-established-8mo-eu-west-1", false, LONG_DETAIL)));
    }

    /**
     * A page holding {@code path} in a frame {@code width} px wide: headless Chromium's window is never narrower than
     * 500 px, and a frame is a viewport of its own, media queries included.
     */
    static String phone(String path, int width, int height) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body style=\"margin:0;background:#fff\">"
                + "<iframe src=\"" + path + "\" style=\"display:block;border:0;width:" + width + "px;height:" + height
                + "px\"></iframe></body></html>\n";
    }

    /** The page with a script that records what the browser laid out. */
    static String measured(String html) {
        return html.replace("</body>", SCRIPT + "</body>");
    }

    private static final String SCRIPT = """
            <script>
            (function () {
              var clipped = [];
              function check(el, what) {
                var cell = el.closest('td,th,dd,section') || document.body;
                var r = el.getBoundingClientRect(), c = cell.getBoundingClientRect();
                var cut = el.scrollWidth > el.clientWidth + 1 || r.right > c.right + 1 || r.right > window.innerWidth + 1
                    || r.left < -1;
                if (cut) { clipped.push(what + ': ' + el.textContent.trim().slice(0, 80)); }
              }
              document.querySelectorAll('td.account').forEach(function (e) { check(e, 'name'); });
              document.querySelectorAll('ul.failures li, ul.notes li').forEach(function (e) { check(e, 'line'); });
              document.querySelectorAll('h1, h2, dl.run dd, pre, .summary').forEach(function (e) { check(e, 'text'); });
              document.querySelectorAll('.badge, .since, .when, th, td.age, td.last-success, td.num').forEach(function (e) { check(e, 'label'); });
              var list = document.querySelector('td.detail ul.failures');
              var detail = list ? list.parentElement : null;
              var widest = 0;
              if (detail) {
                detail.parentElement.querySelectorAll('td').forEach(function (td) {
                  if (td !== detail) { widest = Math.max(widest, td.getBoundingClientRect().width); }
                });
              }
              function top(selector) {
                var e = document.querySelector(selector);
                return e ? Math.round(e.getBoundingClientRect().top + window.scrollY) : -1;
              }
              var facts = {
                viewport: window.innerWidth,
                scrollWidth: document.documentElement.scrollWidth,
                names: Array.prototype.map.call(document.querySelectorAll('td.account'), function (e) { return e.textContent.trim(); }),
                clipped: clipped,
                failureLines: document.querySelectorAll('td.detail ul.failures li').length,
                detailWidth: detail ? Math.round(detail.getBoundingClientRect().width) : 0,
                widestOtherColumn: Math.round(widest),
                summaryTop: top('section.failure'),
                firstStepTop: top('section.step')
              };
              // Inside the phone frame the facts go to the top document, the one --dump-dom prints.
              var target = window.parent !== window ? window.parent.document : document;
              var out = target.createElement('pre');
              out.id = 'layout';
              out.style.display = 'none';
              out.textContent = JSON.stringify(facts);
              target.body.appendChild(out);
            })();
            </script>
            """;
}
