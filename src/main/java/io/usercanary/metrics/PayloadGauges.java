package io.usercanary.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.usercanary.check.PayloadMeasurement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code usercanary_payload_items}: one gauge per (account, check, pointer), registered the first time it is
 * measured and then only updated, so a run costs a map lookup per pointer instead of re-registering every
 * account's gauges. A check's pointers not measured in its latest measured response go away.
 * Not thread-safe: guarded by {@link RunMetrics}.
 */
final class PayloadGauges {
    static final String NAME = "usercanary.payload.items";

    private record Key(String account, String check, String pointer) {}

    /** The value a registered gauge reads. */
    private static final class Items {
        volatile double value;
        Gauge gauge;
    }

    private final MeterRegistry registry;
    private final Map<Key, Items> gauges = new HashMap<>();

    PayloadGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The measurements of one run; checks it did not measure keep their last values. */
    void update(String account, List<PayloadMeasurement> measurements) {
        if (measurements.isEmpty()) {
            return;
        }
        Set<String> checks = new HashSet<>();
        Set<Key> fresh = new HashSet<>();
        for (PayloadMeasurement m : measurements) {
            Key key = new Key(account, m.check(), m.pointer());
            checks.add(m.check());
            fresh.add(key);
            gauges.computeIfAbsent(key, this::register).value = m.items();
        }
        removeIf(k -> k.account().equals(account) && checks.contains(k.check()) && !fresh.contains(k));
    }

    void removeAccount(String account) {
        removeIf(k -> k.account().equals(account));
    }

    void removeCheck(String check) {
        removeIf(k -> k.check().equals(check));
    }

    private Items register(Key key) {
        Items items = new Items();
        items.gauge = Gauge.builder(NAME, items, i -> i.value)
                .description("Items at each notEmpty/minItems pointer in the account's last response of the check")
                .tags("account", key.account(), "check", key.check(), "pointer", key.pointer())
                .strongReference(true)
                .register(registry);
        return items;
    }

    private void removeIf(java.util.function.Predicate<Key> gone) {
        for (Iterator<Map.Entry<Key, Items>> it = gauges.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Items> entry = it.next();
            if (gone.test(entry.getKey())) {
                registry.remove(entry.getValue().gauge);
                it.remove();
            }
        }
    }
}
