package io.usercanary.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.usercanary.check.PayloadMeasurement;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One account's {@code usercanary_payload_items}: one gauge per (check, pointer), registered the first time
 * it is measured and then only updated, so a run costs two map lookups per pointer and registers nothing.
 * A check's pointers not measured in its latest measured response go away.
 * Not thread-safe: guarded by {@link AccountMeters}.
 */
final class PayloadGauges {
    static final String NAME = "usercanary.payload.items";

    /** The value a registered gauge reads, and the update that last measured it. */
    private static final class Items {
        volatile double value;
        long measuredIn;
        Gauge gauge;
    }

    private final MeterRegistry registry;
    private final String account;
    /** By check, then pointer. */
    private final Map<String, Map<String, Items>> gauges = new HashMap<>();
    private long updates;

    PayloadGauges(MeterRegistry registry, String account) {
        this.registry = registry;
        this.account = account;
    }

    /** The measurements of one run; checks it did not measure keep their last values. */
    void update(List<PayloadMeasurement> measurements) {
        if (measurements.isEmpty()) {
            return;
        }
        long update = ++updates;
        for (PayloadMeasurement m : measurements) {
            Map<String, Items> pointers = gauges.get(m.check());
            if (pointers == null) {
                pointers = new HashMap<>();
                gauges.put(m.check(), pointers);
            }
            Items items = pointers.get(m.pointer());
            if (items == null) {
                items = register(m.check(), m.pointer());
                pointers.put(m.pointer(), items);
            }
            items.value = m.items();
            items.measuredIn = update;
        }
        for (PayloadMeasurement m : measurements) {
            Map<String, Items> pointers = gauges.get(m.check());
            if (pointers.size() > 1) { // one pointer was just measured; only an older one can be stale
                removeIf(pointers, update);
            }
        }
    }

    void removeCheck(String check) {
        Map<String, Items> pointers = gauges.remove(check);
        if (pointers != null) {
            removeIf(pointers, Long.MIN_VALUE);
        }
    }

    void removeAll() {
        gauges.values().forEach(pointers -> removeIf(pointers, Long.MIN_VALUE));
        gauges.clear();
    }

    /** Removes the gauges not measured in {@code update} (every one for {@link Long#MIN_VALUE}). */
    private void removeIf(Map<String, Items> pointers, long update) {
        for (Iterator<Items> it = pointers.values().iterator(); it.hasNext(); ) {
            Items items = it.next();
            if (items.measuredIn != update) {
                registry.remove(items.gauge);
                it.remove();
            }
        }
    }

    private Items register(String check, String pointer) {
        Items items = new Items();
        items.gauge = Gauge.builder(NAME, items, i -> i.value)
                .description("Items at each notEmpty/minItems pointer in the account's last response of the check")
                .tags("account", account, "check", check, "pointer", pointer)
                .strongReference(true)
                .register(registry);
        return items;
    }
}
