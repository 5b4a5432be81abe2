package io.usercanary.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The sample backend's response bodies. Deterministic per account, so two fetches of a healthy
 * dashboard are equal apart from {@code generatedAt}.
 */
final class DemoPayloads {
    static final String ORGS = "/api/orgs/";
    static final String SUMMARY = "/summary";

    private DemoPayloads() {}

    /** The organisation an account belongs to: one per account in the demo. */
    static String orgId(DemoAccount account) {
        return "org-" + account.name();
    }

    /** {@code GET /api/me}: who the session is, and its organisation (from the profile table, whole in every database). */
    static ObjectNode me(DemoAccount account) {
        ObjectNode body = Exchanges.JSON.createObjectNode();
        body.putObject("user").put("id", account.localId()).put("email", account.email()).put("orgId", orgId(account));
        return body;
    }

    /**
     * {@code GET /api/orgs/{id}/summary}: the organisation's plan and numeric totals, 0 when the database lacks
     * its rows (an empty dashboard looks like this); null for another account's organisation or a bad path.
     */
    static ObjectNode summary(DemoAccount account, String path, DemoDatabase database, Instant now) {
        String id = path.substring(ORGS.length(), path.length() - SUMMARY.length());
        if (!id.equals(orgId(account))) {
            return null;
        }
        boolean rows = database.holdsRowsFor(account.ageAt(now));
        ObjectNode body = Exchanges.JSON.createObjectNode();
        body.putObject("org").put("id", id).put("plan", "team");
        body.putObject("totals").put("projects", rows ? 2 : 0).put("widgets", rows ? 3 : 0).put("openAlerts", rows ? 2 : 0);
        return body;
    }

    /** {@code GET /api/dashboard}: a profile (always present) and widgets (only if the database has the rows). */
    static ObjectNode dashboard(DemoAccount account, DemoDatabase database, Instant now) {
        ObjectNode body = Exchanges.JSON.createObjectNode();
        body.putObject("profile")
                .put("accountId", account.localId())
                .put("email", account.email())
                .put("marker", account.marker())
                .put("plan", "pro")
                .put("memberSince", account.createdAt().toString());
        ArrayNode widgets = body.putArray("widgets");
        if (database.holdsRowsFor(account.ageAt(now))) {
            int seed = Math.floorMod(account.name().hashCode(), 1_000);
            widgets.addObject().put("id", "w-signups").put("type", "counter")
                    .put("title", "Sign-ups this week").put("value", 20 + seed % 80);
            ObjectNode revenue = widgets.addObject().put("id", "w-revenue").put("type", "chart")
                    .put("title", "Revenue, last 7 days");
            ArrayNode points = revenue.putArray("points");
            for (int day = 0; day < 7; day++) {
                points.add(1_000 + (seed * (day + 3)) % 700);
            }
            ObjectNode alerts = widgets.addObject().put("id", "w-alerts").put("type", "list")
                    .put("title", "Open alerts");
            alerts.putArray("items").add("Invoice #" + (4_000 + seed) + " overdue").add("Quota at 80%");
        }
        body.put("generatedAt", now.toString());
        return body;
    }

    /** {@code GET /api/projects}: the account's projects, empty if the database lacks the rows. */
    static ObjectNode projects(DemoAccount account, DemoDatabase database, Instant now) {
        ObjectNode body = Exchanges.JSON.createObjectNode();
        ArrayNode projects = body.putArray("projects");
        if (database.holdsRowsFor(account.ageAt(now))) {
            projects.addObject().put("id", "p-" + account.name() + "-1").put("name", "Website relaunch")
                    .put("status", "active");
            projects.addObject().put("id", "p-" + account.name() + "-2").put("name", "Q3 reporting")
                    .put("status", "archived");
        }
        return body;
    }
}
