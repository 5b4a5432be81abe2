package io.usercanary.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.schedule.DaemonConfigs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountStatesTest {
    static final String SCHEDULE = "{ interval: 10s, jitter: 0s, timeout: 1s }";

    static CanaryConfig config(String... accounts) {
        return DaemonConfigs.offline(List.of(accounts), SCHEDULE);
    }

    static AccountConfig account(CanaryConfig config, String name) {
        return config.account(name).orElseThrow();
    }

    @Test
    void aRemainingAccountKeepsItsStateAndARemovedOneIsDropped() {
        CanaryConfig before = config("kept", "gone");
        AccountStates states = new AccountStates(before);
        AccountState kept = states.of(account(before, "kept"));
        kept.deriveCohort("recent");
        states.of(account(before, "gone")).finished(false);

        CanaryConfig after = config("kept");
        states.apply(after);
        assertSame(kept, states.of(account(after, "kept")));
        assertEquals(Map.of("kept", "recent"), states.cohorts());

        CanaryConfig again = config("kept", "gone");
        states.apply(again);
        AccountState readded = states.of(account(again, "gone"));
        assertFalse(readded.failing(), "a re-added account starts clean");
        assertFalse(readded.takeConfirmation());
    }

    @Test
    void aFirstFailureMakesOneConfirmationDueAndAPassClearsTheFailingState() {
        AccountState state = new AccountState();
        state.finished(false);
        assertTrue(state.takeConfirmation());
        assertFalse(state.takeConfirmation(), "once");
        state.finished(false);
        assertFalse(state.takeConfirmation(), "still failing: no second confirmation");
        state.finished(true);
        assertFalse(state.failing());
        state.finished(false);
        assertTrue(state.takeConfirmation());
    }

    @Test
    void anAccountThatIsNotConfiguredGetsAStateNothingKeeps() {
        CanaryConfig config = config("kept");
        AccountStates states = new AccountStates(config);
        AccountConfig stranger = account(config("stranger"), "stranger");
        AccountState detached = states.of(stranger);
        detached.deriveCohort("new");
        assertNotSame(detached, states.of(stranger));
        assertEquals(Map.of(), states.cohorts());
    }

    @Test
    void theCohortIsTheConfiguredOneElseTheDerivedOneElseUnknown() {
        CanaryConfig config = config("aged");
        AccountConfig aged = account(config, "aged");
        AccountState state = new AccountStates(config).of(aged);
        assertEquals("unknown", state.cohort(aged));
        state.deriveCohort("established");
        assertEquals("established", state.cohort(aged));
    }
}
