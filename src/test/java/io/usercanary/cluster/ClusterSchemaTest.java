package io.usercanary.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ClusterSchemaTest {
    @Test
    void twoReplicasMigratingAnEmptyDatabaseAtOnceBothSucceedAndApplyEachVersionOnce() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<Void>> done = new ArrayList<>();
            List<ClusterDatabase> pools = List.of(ClusterDatabase.open(db.cluster(), 2), ClusterDatabase.open(db.cluster(), 2));
            try {
                for (ClusterDatabase replica : pools) {
                    done.add(pool.submit((Callable<Void>) () -> {
                        together.await();
                        ClusterSchema.migrate(replica.dataSource());
                        return null;
                    }));
                }
                for (Future<Void> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
                pools.forEach(ClusterDatabase::close);
            }
            assertEquals(List.of("1", "2"), column(db, "SELECT version FROM " + ClusterSchema.HISTORY_TABLE
                    + " WHERE success ORDER BY installed_rank"));
            assertEquals(List.of("qrtz_job_details", "qrtz_scheduler_state", "qrtz_triggers", "usercanary_accounts",
                    "usercanary_runs"), column(db, "SELECT table_name FROM information_schema.tables WHERE table_name IN"
                    + " ('qrtz_job_details','qrtz_triggers','qrtz_scheduler_state','usercanary_runs','usercanary_accounts')"
                    + " ORDER BY table_name"));
        }
    }

    @Test
    void migratingAgainChangesNothing() throws Exception {
        try (TestDatabase db = TestDatabase.create(); ClusterDatabase replica = ClusterDatabase.open(db.cluster(), 2)) {
            ClusterSchema.migrate(replica.dataSource());
            db.execute("INSERT INTO usercanary_accounts (account, latest_id, latest_started_at) VALUES ('a', 1, now())");
            ClusterSchema.migrate(replica.dataSource());
            assertEquals(List.of("a"), column(db, "SELECT account FROM usercanary_accounts"));
        }
    }

    static List<String> column(TestDatabase db, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = db.connect(); ResultSet r = c.createStatement().executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }
}
