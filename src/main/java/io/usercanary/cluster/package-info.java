/**
 * High availability on PostgreSQL: the pooled database, its versioned schema, the shared result store, the Quartz
 * properties of the clustered JDBC job store, and the replicas' membership and database health.
 * Uses {@code store}, {@code probe}'s results, {@code check} and {@code config}; built by {@code app} alone.
 */
package io.usercanary.cluster;
