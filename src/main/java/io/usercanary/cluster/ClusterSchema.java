package io.usercanary.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The versioned schema of the cluster database, created on first start: V1 is Quartz's own PostgreSQL DDL (read
 * from the Quartz jar, so it always matches the job store in use), V2 usercanary's results. Flyway holds a
 * PostgreSQL advisory lock while it migrates, so replicas starting at once on an empty database take turns.
 */
public final class ClusterSchema {
    static final String HISTORY_TABLE = "usercanary_schema_history";

    private ClusterSchema() {}

    /** Brings the schema up to date; throws Flyway's exception (around the SQL one) when it cannot. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure(ClusterSchema.class.getClassLoader())
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .locations(new String[0])
                .javaMigrations(new V1__Quartz_tables(), new V2__Results())
                .connectRetries(0)
                .load()
                .migrate();
    }

    static String resource(String path) {
        try (InputStream in = ClusterSchema.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quartz's tables, from the script shipped in its jar, minus its own COMMIT (Flyway owns the transaction). */
    static final class V1__Quartz_tables extends BaseJavaMigration {
        @Override
        public void migrate(Context context) throws Exception {
            String ddl = resource("org/quartz/impl/jdbcjobstore/tables_postgres.sql").replaceAll("(?im)^\\s*COMMIT;\\s*$", "");
            try (Statement statement = context.getConnection().createStatement()) {
                statement.execute(ddl);
            }
        }
    }

    /** usercanary's run results: every run by id for a bounded time, and each account's latest state. */
    static final class V2__Results extends BaseJavaMigration {
        @Override
        public void migrate(Context context) throws Exception {
            try (Statement statement = context.getConnection().createStatement()) {
                statement.execute(resource("io/usercanary/cluster/V2__results.sql"));
            }
        }
    }
}
