package io.usercanary.web;

import io.usercanary.store.RunHistory;
import static io.usercanary.web.WebFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.check.AssertionResult;
import io.usercanary.config.CanaryConfig;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StatusPageTest {
    final WebFixtures runs = WebFixtures.start();

    String incidentPage() {
        return StatusPage.render(WebFixtures.config(), runs.incident(), NOW);
    }

    /** The opening tag of the element with this class and data attribute, e.g. the row of one account. */
    static String tag(String page, String element, String cssClass, String attribute, String value) {
        Matcher m = Pattern.compile("<" + element + " class=\"" + cssClass + "\" [^>]*" + attribute + "=\"" + value + "\"[^>]*>")
                .matcher(page);
        assertTrue(m.find(), "no <" + element + " class=" + cssClass + " " + attribute + "=" + value + "> in the page");
        return m.group();
    }

    /** The HTML of one account's row. */
    static String row(String page, String account) {
        int start = page.indexOf(tag(page, "tr", "account", "data-account", account));
        return page.substring(start, page.indexOf("</tr>", start));
    }

    static List<String> all(Pattern pattern, String page) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(page);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Nested
    class CohortGroups {
        @Test
        void cohortsAppearInConfigOrder() {
            assertEquals(List.of("new", "recent", "established", "veteran"),
                    all(Pattern.compile("<section class=\"cohort\" data-cohort=\"([^\"]+)\""), incidentPage()));
        }

        @Test
        void eachAccountSitsInItsCohortsSection() {
            String page = incidentPage();
            for (String[] pair : new String[][] {{"fresh", "new"}, {"halfyear", "recent"}, {"legacy", "established"},
                {"founder", "veteran"}}) {
                int section = page.indexOf("<section class=\"cohort\" data-cohort=\"" + pair[1] + "\"");
                int row = page.indexOf("data-account=\"" + pair[0] + "\"");
                int next = page.indexOf("<section", section + 1);
                assertTrue(section < row && (next < 0 || row < next), pair[0] + " is inside the " + pair[1] + " section");
                assertTrue(tag(page, "tr", "account", "data-account", pair[0]).contains("data-cohort=\"" + pair[1] + "\""));
            }
        }

        @Test
        void newAccountsFineOlderCohortsEmptyShowsInTheSectionHeaders() {
            String page = incidentPage();
            assertTrue(tag(page, "section", "cohort", "data-cohort", "new").contains("data-status=\"ok\""));
            assertTrue(tag(page, "section", "cohort", "data-cohort", "recent").contains("data-status=\"failing\""));
            assertTrue(tag(page, "section", "cohort", "data-cohort", "established").contains("data-status=\"failing\""));
            assertTrue(tag(page, "section", "cohort", "data-cohort", "veteran").contains("data-status=\"ok\""));
            assertTrue(page.contains("<span class=\"badge ok\">1/1 ok</span>"));
            assertTrue(page.contains("<span class=\"badge fail\">0/1 ok · 1 empty</span>"));
            assertTrue(page.contains("<span class=\"range\">30 d – 180 d</span>"));
            assertTrue(page.contains("<span class=\"range\">older than 3 y</span>"));
        }

        @Test
        void explicitCohortsOutsideTheListComeAfterItThenUnknown() {
            CanaryConfig config = WebFixtures.config("prod", "", """
                      - { name: pinned, email: a@example.com, password: p, cohort: 2y }
                      - { name: neverran, email: b@example.com, password: p }
                      - { name: young, email: c@example.com, password: p }
                      - { name: old, email: d@example.com, password: p, cohort: established }
                    """);
            RunHistory history = new RunHistory(100, 30);
            history.onRun(runs.ok("young", "new", 2, NOW.minusSeconds(20)));
            history.onRun(runs.ok("pinned", "2y", 700, NOW.minusSeconds(20)));
            String page = StatusPage.render(config, history, NOW);
            assertEquals(List.of("new", "established", "2y", "unknown"),
                    all(Pattern.compile("<section class=\"cohort\" data-cohort=\"([^\"]+)\""), page));
        }

        @Test
        void anAccountWithoutItsOwnCohortTakesTheOneItsLastRunFound() {
            CanaryConfig config = WebFixtures.config("prod", "", """
                      - { name: drifting, email: a@example.com, password: p }
                    """);
            RunHistory history = new RunHistory(100, 30);
            history.onRun(runs.ok("drifting", "new", 29, NOW.minusSeconds(90)));
            history.onRun(runs.ok("drifting", "recent", 31, NOW.minusSeconds(60)));
            assertTrue(tag(StatusPage.render(config, history, NOW), "tr", "account", "data-account", "drifting")
                    .contains("data-cohort=\"recent\""));
        }
    }

    @Nested
    class Rows {
        @Test
        void summaryLineNamesWhatFailsAndWhere() {
            String page = incidentPage();
            assertTrue(page.contains("<p class=\"summary\" data-status=\"failing\" data-failing=\"2\" data-accounts=\"4\">"
                    + "2 of 4 accounts failing: empty in recent, established</p>"), page);
            assertTrue(page.contains("<title>✗ 2 failing · usercanary · prod · eu-west-1</title>"));
        }

        @Test
        void eachRowCarriesAccountCohortAndOutcome() {
            String page = incidentPage();
            assertTrue(tag(page, "tr", "account", "data-account", "fresh").contains("data-outcome=\"ok\""));
            assertTrue(tag(page, "tr", "account", "data-account", "halfyear").contains("data-outcome=\"empty\""));
            assertTrue(tag(page, "tr", "account", "data-account", "legacy").contains("data-outcome=\"empty\""));
            assertTrue(tag(page, "tr", "account", "data-account", "founder").contains("data-outcome=\"ok\""));
        }

        @Test
        void outcomesAreColouredOkGreenSlowAmberFailuresRed() {
            CanaryConfig config = WebFixtures.config("prod", "", """
                      - { name: fine, email: a@example.com, password: p }
                      - { name: sluggish, email: b@example.com, password: p }
                      - { name: locked, email: c@example.com, password: p }
                      - { name: waiting, email: d@example.com, password: p }
                    """);
            RunHistory history = new RunHistory(100, 30);
            history.onRun(runs.ok("fine", "new", 2, NOW));
            history.onRun(runs.run("sluggish", "new", 2, NOW, Outcome.SLOW, "{}", 3, List.of()));
            history.onRun(runs.loginFailed("locked", "new", NOW));
            String page = StatusPage.render(config, history, NOW);
            assertTrue(row(page, "fine").contains("<span class=\"badge ok\">ok</span>"));
            assertTrue(row(page, "sluggish").contains("<span class=\"badge slow\">slow</span>"));
            assertTrue(row(page, "locked").contains("<span class=\"badge fail\">login_failed</span>"));
            assertTrue(row(page, "waiting").contains("<span class=\"badge pending\">pending</span>"));
            assertTrue(tag(page, "tr", "account", "data-account", "waiting").contains("data-cohort=\"unknown\""));
            assertTrue(row(page, "waiting").contains("<td class=\"last-success\">never</td>"));
        }

        @Test
        void rowShowsAgeLastSuccessAndStepLatencies() {
            String legacy = row(incidentPage(), "legacy");
            assertTrue(legacy.contains("<td class=\"age\">13 mo</td>"), legacy);
            assertTrue(legacy.contains(">3 min ago</td>"), "the last ok round was 210 s before now: " + legacy);
            assertTrue(legacy.contains("data-step=\"login\" title=\"ok\">212<small> ms</small></td>"));
            assertTrue(legacy.contains("data-step=\"exchange\" title=\"ok\">64<small> ms</small></td>"));
            assertTrue(legacy.contains("<td class=\"num\" data-step=\"overview\" title=\"empty\">143<small> ms</small></td>"),
                    "a failed check's latency is neutral: red on a number reads as slow");
            assertTrue(legacy.contains("overview: /widgets is an empty array"));
        }

        @Test
        void onlyASlowStepsLatencyIsAmber() {
            RunHistory history = new RunHistory(100, 30);
            history.onRun(runs.run("legacy", "established", 400, NOW, Outcome.SLOW, "{}", 3, List.of()));
            String legacy = row(StatusPage.render(WebFixtures.config(), history, NOW), "legacy");
            assertTrue(legacy.contains("<td class=\"num slow\" data-step=\"overview\" title=\"slow\">143<small> ms</small></td>"), legacy);
            assertTrue(legacy.contains("<td class=\"num\" data-step=\"login\" title=\"ok\">212<small> ms</small></td>"), legacy);
            assertFalse(legacy.contains("class=\"num fail"), legacy);
        }

        @Test
        void everyFailedAssertionIsOnTheRowNoneHiddenBehindACount() {
            String legacy = row(incidentPage(), "legacy");
            assertTrue(legacy.contains("<ul class=\"failures\"><li>overview: /widgets is an empty array</li>"
                    + "<li>overview: /widgets has 0 items, expected at least 3</li></ul>"), legacy);
            assertFalse(legacy.contains("more)"), legacy);
        }

        @Test
        void aFailedStepWithoutAssertionsIsOneLineInItsOwnWords() {
            RunHistory history = new RunHistory(100, 30);
            history.onRun(runs.loginFailed("legacy", "established", NOW));
            String legacy = row(StatusPage.render(WebFixtures.config(), history, NOW), "legacy");
            assertTrue(legacy.contains("<ul class=\"failures\"><li>login: INVALID_LOGIN_CREDENTIALS</li></ul>"), legacy);
        }

        @Test
        void aCheckNotRunForWantOfACaptureSaysWhatItNeeds() {
            RunResult empty = runs.empty("legacy", "established", 400, NOW);
            List<io.usercanary.probe.StepResult> steps = new ArrayList<>(empty.steps());
            steps.add(io.usercanary.probe.StepResult.skipped("summary", "orgId"));
            RunHistory history = new RunHistory(100, 30);
            history.onRun(new RunResult(empty.id(), empty.account(), empty.cohort(), empty.ageSeconds(), empty.startedAt(),
                    empty.duration(), empty.outcome(), empty.detail(), steps, empty.payload(), empty.firebaseError(), empty.loginPath()));
            String legacy = row(StatusPage.render(WebFixtures.config(), history, NOW), "legacy");
            assertTrue(legacy.contains("<li>summary: not run: needs orgId</li></ul>"), legacy);
        }

        @Test
        void accountNamesAreNeverCutAndTheColumnFitsTheLongest() {
            String name = "established-canary-eu-west-1";
            CanaryConfig config = WebFixtures.config("prod", "", """
                      - { name: %s, email: a@example.com, password: p }
                      - { name: new, email: b@example.com, password: p }
                    """.formatted(name));
            RunHistory history = new RunHistory(100, 30);
            history.onRun(runs.ok(name, "established", 400, NOW));
            String page = StatusPage.render(config, history, NOW);
            assertTrue(row(page, name).contains("title=\"trace of the latest run\">" + name + "</a>"));
            assertFalse(row(page, name).contains("…"));
            assertTrue(page.contains("<table style=\"--cols:calc(22ch + 26px) "), "28 characters wrap past 22");
        }

        @Test
        void aFailingAccountSaysSinceWhenFromTheFirstFailedRunAfterItsLastSuccess() {
            String page = incidentPage();
            // Round 12 of 18, 30 s apart, was the first empty one: 180 s before now.
            assertTrue(tag(page, "tr", "account", "data-account", "legacy").contains("data-failing-since=\"2025-06-02T09:27:00Z\""));
            assertTrue(row(page, "legacy").contains("<time class=\"since\" datetime=\"2025-06-02T09:27:00Z\" "
                    + "title=\"failing since 2025-06-02T09:27:00Z\">failing for 3 min</time>"), row(page, "legacy"));
            assertFalse(tag(page, "tr", "account", "data-account", "fresh").contains("data-failing-since"));
            assertFalse(row(page, "fresh").contains("failing for"));
        }

        @Test
        void aFailingCohortSaysSinceWhenItsEarliestAccountBeganFailing() {
            CanaryConfig config = WebFixtures.config("prod", "", """
                      - { name: early, email: a@example.com, password: p, cohort: recent }
                      - { name: late, email: b@example.com, password: p, cohort: recent }
                      - { name: fine, email: c@example.com, password: p, cohort: new }
                    """);
            RunHistory history = new RunHistory(100, 30);
            history.onRun(runs.ok("late", "recent", 90, NOW.minusSeconds(900)));
            history.onRun(runs.empty("early", "recent", 90, NOW.minusSeconds(600)));
            history.onRun(runs.empty("late", "recent", 90, NOW.minusSeconds(60)));
            history.onRun(runs.ok("fine", "new", 3, NOW.minusSeconds(30)));
            String page = StatusPage.render(config, history, NOW);
            String recent = tag(page, "section", "cohort", "data-cohort", "recent");
            assertTrue(recent.contains("data-failing-since=\"2025-06-02T09:20:00Z\""), recent);
            int heading = page.indexOf("<h2>", page.indexOf(recent));
            assertTrue(page.substring(heading, page.indexOf("</h2>", heading)).contains(">failing for 10 min</time>"));
            assertFalse(tag(page, "section", "cohort", "data-cohort", "new").contains("data-failing-since"));
        }

        @Test
        void stepsALoginFailureNeverReachedShowADash() {
            RunHistory history = new RunHistory(100, 30);
            history.onRun(runs.loginFailed("legacy", "established", NOW));
            String legacy = row(StatusPage.render(WebFixtures.config(), history, NOW), "legacy");
            assertTrue(legacy.contains("<td class=\"num none\" data-step=\"overview\">–</td>"));
            assertTrue(legacy.contains("<td class=\"age\">–</td>"));
        }

        @Test
        void stripShowsTheLastThirtyOutcomesWithTooltips() {
            RunHistory history = new RunHistory(100, 30);
            for (int i = 40; i > 0; i--) {
                history.onRun(i <= 3 ? runs.empty("legacy", "established", 400, NOW.minusSeconds(30L * i))
                        : runs.ok("legacy", "established", 400, NOW.minusSeconds(30L * i)));
            }
            String legacy = row(StatusPage.render(WebFixtures.config(), history, NOW), "legacy");
            assertEquals(30, all(Pattern.compile("<rect class=\"run (ok|slow|fail)\""), legacy).size());
            assertEquals(3, all(Pattern.compile("<rect class=\"run (fail)\""), legacy).size());
            assertTrue(legacy.contains("<title>2025-06-02T09:29:30Z empty: overview: /widgets is an empty array</title>"));
            assertTrue(legacy.contains("<title>2025-06-02T09:28:00Z ok</title>"));
        }

        @Test
        void aRecoveredAccountLinksItsLastFailureToo() {
            RunHistory history = new RunHistory(100, 30);
            RunResult failure = runs.empty("legacy", "established", 400, NOW.minusSeconds(60));
            history.onRun(failure);
            RunResult recovered = runs.ok("legacy", "established", 400, NOW.minusSeconds(30));
            history.onRun(recovered);
            String legacy = row(StatusPage.render(WebFixtures.config(), history, NOW), "legacy");
            assertTrue(legacy.contains("<a href=\"/runs/" + recovered.id() + "\" title=\"trace of the latest run\">legacy</a>"));
            assertTrue(legacy.contains("<a class=\"last-failure\" href=\"/runs/" + failure.id() + "\""), legacy);
            assertTrue(legacy.contains("last failure 1 min ago: empty"));
        }

        @Test
        void aFailingAccountDoesNotLinkItsLatestRunTwice() {
            assertFalse(row(incidentPage(), "legacy").contains("class=\"last-failure\""));
        }

        @Test
        void aCanaryThatStoppedRunningIsFlaggedNotLeftGreen() {
            assertFalse(incidentPage().contains("data-stale"), "every account ran within the last interval");
            String later = StatusPage.render(WebFixtures.config(), runs.incident(), NOW.plusSeconds(600));
            assertTrue(tag(later, "tr", "account", "data-account", "fresh").contains("data-stale=\"true\""));
            assertTrue(later.contains("<p class=\"stale\" data-stale=\"4\">4 accounts have not run for more than 3 intervals"));
            assertTrue(row(later, "fresh").contains("<time class=\"when stale\""));
        }

        @Test
        void pageRefreshesWithTheRunInterval() {
            assertTrue(incidentPage().contains("<meta http-equiv=\"refresh\" content=\"30\">"));
        }
    }

    @Nested
    class Safety {
        @Test
        void everythingFromConfigAndRunsIsEscaped() {
            CanaryConfig config = WebFixtures.config("<script>alert('env')</script>", "\"><img src=x onerror=alert(1)>", """
                      - name: legacy
                        email: a@example.com
                        password: p
                        vars: { marker: "<script>alert('var')</script>" }
                    """);
            RunHistory history = new RunHistory(100, 30);
            String hostile = "<script>alert('detail')</script>";
            history.onRun(runs.run("legacy", "established", 400, NOW, Outcome.MISMATCH, "{}", 3,
                    List.of(new AssertionResult("equals /profile/marker", false, "expected " + hostile))));
            String page = StatusPage.render(config, history, NOW);
            assertFalse(page.contains("<script"), page);
            assertFalse(page.contains("<img"));
            assertTrue(page.contains("&lt;script&gt;alert(&#39;env&#39;)&lt;/script&gt;"));
            assertTrue(page.contains("expected &lt;script&gt;alert(&#39;detail&#39;)&lt;/script&gt;"));
        }

        @Test
        void noSecretFromConfigReachesThePage() {
            String page = incidentPage();
            assertFalse(page.contains("SECRET"), "neither password nor API key");
            assertFalse(page.contains("@example.com"), "emails are not labels");
        }

        @Test
        void everyRunLinkResolvesEvenAfterRunsScrolledOut() {
            RunHistory history = new RunHistory(100, 30);
            for (int round = 60; round > 0; round--) {
                history.onRun(runs.ok("fresh", "new", 3, NOW.minusSeconds(30L * round)));
                history.onRun(round == 55 ? runs.empty("halfyear", "recent", 120, NOW.minusSeconds(30L * round))
                        : runs.ok("halfyear", "recent", 120, NOW.minusSeconds(30L * round)));
                history.onRun(runs.empty("legacy", "established", 400, NOW.minusSeconds(30L * round)));
                history.onRun(runs.ok("founder", "veteran", 1200, NOW.minusSeconds(30L * round)));
            }
            String page = StatusPage.render(WebFixtures.config(), history, NOW);
            List<String> links = all(Pattern.compile("href=\"(/runs/[^\"]*)\""), page);
            assertTrue(links.size() > 100, "strip bars link to the runs still held: " + links.size());
            assertTrue(links.size() < 4 * 30 + 4 + 1, "but not to runs that scrolled out: " + links.size());
            for (String link : links) {
                assertTrue(link.matches("/runs/\\d+"), link);
                long id = Long.parseLong(link.substring("/runs/".length()));
                assertTrue(history.run(id).isPresent(), link + " would be a 404");
            }
            assertTrue(page.contains("class=\"last-failure\" href=\"/runs/"), "halfyear's failure is far beyond 100 runs");
        }
    }
}
