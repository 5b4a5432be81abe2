package io.usercanary.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole configuration, validated as one: names unique, every placeholder known, cohorts ordered.
 * {@code cluster} is null when one process runs everything.
 */
public record CanaryConfig(
        String environment,
        String location,
        FirebaseConfig firebase,
        BackendConfig backend,
        List<CheckConfig> checks,
        List<AccountConfig> accounts,
        List<CohortConfig> cohorts,
        ScheduleConfig schedule,
        ServerConfig server,
        ClusterConfig cluster) {

    /** Used when the config has no {@code cohorts}. */
    public static final List<CohortConfig> DEFAULT_COHORTS = List.of(
            new CohortConfig("new", Duration.ofDays(30)),
            new CohortConfig("recent", Duration.ofDays(180)),
            new CohortConfig("established", null));

    public CanaryConfig {
        Checks.notBlank("environment", environment);
        location = location == null ? "" : location;
        Checks.required("firebase", firebase);
        Checks.required("backend", backend);
        checks = Checks.list("checks", checks);
        accounts = Checks.list("accounts", accounts);
        if (accounts.isEmpty()) {
            throw new InvalidConfigException("accounts", "is required: at least one canary account");
        }
        cohorts = cohorts == null ? DEFAULT_COHORTS : Checks.list("cohorts", cohorts);
        schedule = schedule == null ? ScheduleConfig.DEFAULT : schedule;
        server = server == null ? ServerConfig.DEFAULT : server;
        unique("checks", checks.stream().map(CheckConfig::name).toList());
        unique("accounts", accounts.stream().map(AccountConfig::name).toList());
        validateCohorts(cohorts);
        validateTemplates(backend, checks, accounts);
    }

    public Optional<CheckConfig> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Optional<AccountConfig> account(String name) {
        return accounts.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The cohort of an account that has none of its own, from its age; empty only when no cohort fits. */
    public String cohortForAge(Duration age) {
        for (CohortConfig cohort : cohorts) {
            if (cohort.maxAge() == null || age.compareTo(cohort.maxAge()) <= 0) {
                return cohort.name();
            }
        }
        throw new IllegalStateException("the last cohort has no maxAge; validation guarantees one fits");
    }

    public CanaryConfig withFirebase(FirebaseConfig newFirebase) {
        return new CanaryConfig(environment, location, newFirebase, backend, checks, accounts, cohorts, schedule, server, cluster);
    }

    public CanaryConfig withServer(ServerConfig newServer) {
        return new CanaryConfig(environment, location, firebase, backend, checks, accounts, cohorts, schedule, newServer, cluster);
    }

    private static void unique(String list, List<String> names) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Integer first = seen.putIfAbsent(names.get(i), i);
            if (first != null) {
                throw new InvalidConfigException(ConfigPath.of(list, i, "name"),
                        Checks.quoted(names.get(i)) + " is already the name of " + list + "[" + first + "]");
            }
        }
    }

    private static void validateCohorts(List<CohortConfig> cohorts) {
        if (cohorts.isEmpty()) {
            throw new InvalidConfigException("cohorts", "needs at least one cohort, the last without maxAge");
        }
        unique("cohorts", cohorts.stream().map(CohortConfig::name).toList());
        Duration previous = Duration.ZERO;
        for (int i = 0; i < cohorts.size(); i++) {
            Duration maxAge = cohorts.get(i).maxAge();
            boolean last = i == cohorts.size() - 1;
            if (last && maxAge != null) {
                throw new InvalidConfigException(ConfigPath.of("cohorts", i, "maxAge"),
                        "the last cohort takes every older account: leave its maxAge out");
            }
            if (!last && maxAge == null) {
                throw new InvalidConfigException(ConfigPath.of("cohorts", i, "maxAge"), "is required on every cohort but the last");
            }
            if (maxAge != null) {
                if (maxAge.compareTo(previous) <= 0) {
                    throw new InvalidConfigException(ConfigPath.of("cohorts", i, "maxAge"),
                            "must be longer than the previous cohort's (" + Durations.format(previous) + ")");
                }
                previous = maxAge;
            }
        }
    }

    private static void validateTemplates(BackendConfig backend, List<CheckConfig> checks, List<AccountConfig> accounts) {
        TemplateScope exchange = new TemplateScope(Set.of("idToken"), accounts);
        TemplateScope request = new TemplateScope(Set.of("idToken", "jwt"), accounts);
        TemplateScope assertion = new TemplateScope(Set.of(), accounts);
        ExchangeConfig ex = backend.exchange();
        if (ex != null) {
            exchange.check(ConfigPath.of("backend", "exchange", "path"), ex.path());
            exchange.check(ConfigPath.of("backend", "exchange", "body"), ex.body());
            ex.headers().forEach((name, t) -> exchange.check(ConfigPath.of("backend", "exchange", "headers", name), t));
        }
        backend.headers().forEach((name, t) -> request.check(ConfigPath.of("backend", "headers", name), t));
        Captures captures = new Captures(checks);
        for (int i = 0; i < checks.size(); i++) {
            CheckConfig check = checks.get(i);
            TemplateScope scope = captures.scopeFor(i, request);
            scope.check(ConfigPath.of("checks", i, "path"), check.path());
            scope.check(ConfigPath.of("checks", i, "body"), check.body());
            int index = i;
            check.headers().forEach((name, t) -> scope.check(ConfigPath.of("checks", index, "headers", name), t));
            check.expect().equals().forEach((pointer, t) ->
                    assertion.check(ConfigPath.of("checks", index, "expect", "equals", pointer), t));
        }
        Set<String> checkNames = Set.copyOf(checks.stream().map(CheckConfig::name).toList());
        for (int i = 0; i < accounts.size(); i++) {
            AccountConfig account = accounts.get(i);
            for (Map.Entry<String, Expectation> extra : account.expect().entrySet()) {
                if (!checkNames.contains(extra.getKey())) {
                    throw new InvalidConfigException(ConfigPath.of("accounts", i, "expect", extra.getKey()),
                            "there is no check named " + Checks.quoted(extra.getKey()));
                }
                int index = i;
                extra.getValue().equals().forEach((pointer, t) -> assertion.check(
                        ConfigPath.of("accounts", index, "expect", extra.getKey(), "equals", pointer), t));
            }
            for (int r = 0; r < account.provision().size(); r++) {
                RequestSpec spec = account.provision().get(r);
                ConfigPath at = ConfigPath.of("accounts", i, "provision", r);
                request.check(at.resolve(ConfigPath.of("path")), spec.path());
                request.check(at.resolve(ConfigPath.of("body")), spec.body());
                spec.headers().forEach((name, t) -> request.check(at.resolve(ConfigPath.of("headers", name)), t));
            }
        }
    }
}
