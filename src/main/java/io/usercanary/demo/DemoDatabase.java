package io.usercanary.demo;

import java.time.Duration;

/** The databases the sample backend can be pointed at, and whose rows each one holds. */
public enum DemoDatabase {
    /** Production: every account's rows. */
    PROD_MAIN("prod-main"),
    /**
     * The half-finished clone the bad deploy pointed at. The clone job copied the hot partition
     * (accounts created in the last 30 days) and restored the archived partitions (accounts older
     * than a year) first; the partitions in between were still copying. So the profile table is
     * whole, and logins and new sign-ups work, but accounts between 30 days and a year old have no
     * widgets and no projects: their dashboards load, empty. That is the failure this demo shows.
     */
    HALF_CLONE("prod-main-clone");

    private static final Duration HOT_PARTITION = Duration.ofDays(30);
    private static final Duration ARCHIVE_AFTER = Duration.ofDays(365);

    private final String databaseName;

    DemoDatabase(String databaseName) {
        this.databaseName = databaseName;
    }

    /** The name the backend reports in its {@code X-Db-Name} header. */
    public String databaseName() {
        return databaseName;
    }

    /** Whether this database holds the widget and project rows of an account of that age. */
    public boolean holdsRowsFor(Duration accountAge) {
        return this == PROD_MAIN
                || accountAge.compareTo(HOT_PARTITION) <= 0
                || accountAge.compareTo(ARCHIVE_AFTER) >= 0;
    }
}
