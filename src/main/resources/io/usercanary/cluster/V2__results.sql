-- Run ids come from one sequence, so they are unique across replicas.
CREATE SEQUENCE usercanary_run_ids;

-- Every run of every replica, kept for a bounded time (pruned in the background), except the runs an account
-- still points at. summary is the run without steps or payload (the status page's strip), trace the full run.
CREATE TABLE usercanary_runs (
  id         BIGINT      PRIMARY KEY,
  account    TEXT        NOT NULL,
  started_at TIMESTAMPTZ NOT NULL,
  passed     BOOLEAN     NOT NULL,
  replica    TEXT        NOT NULL,
  summary    TEXT        NOT NULL,
  trace      TEXT        NOT NULL
);
CREATE INDEX usercanary_runs_account_started ON usercanary_runs (account, started_at DESC, id DESC);
CREATE INDEX usercanary_runs_started ON usercanary_runs (started_at);

-- Each account's state as the cluster last saw it: its latest run, its last failure however long ago, when it
-- last passed, and since when it has been failing (null while passing).
CREATE TABLE usercanary_accounts (
  account           TEXT        PRIMARY KEY,
  latest_id         BIGINT      NOT NULL,
  latest_started_at TIMESTAMPTZ NOT NULL,
  last_failure_id   BIGINT,
  last_success_at   TIMESTAMPTZ,
  failing_since     TIMESTAMPTZ
);
