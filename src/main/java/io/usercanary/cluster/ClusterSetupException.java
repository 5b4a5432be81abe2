package io.usercanary.cluster;

import java.io.IOException;

/** The cluster database refused this replica for a reason waiting cannot fix; the message names {@code cluster.jdbcUrl}. */
public final class ClusterSetupException extends IOException {
    public ClusterSetupException(String message) {
        super(message);
    }
}
