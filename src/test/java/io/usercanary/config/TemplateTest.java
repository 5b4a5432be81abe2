package io.usercanary.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateTest {
    @Test
    void fillsEveryPlaceholderAndKeepsTheRest() {
        Template t = Template.of("Bearer {{jwt}} for {{ account.name }}");
        assertEquals(Set.of("jwt", "account.name"), t.placeholders());
        assertEquals("Bearer abc for legacy", t.render(Map.of("jwt", "abc", "account.name", "legacy")::get));
    }

    @Test
    void escapesOnlyTheFilledInValues() {
        Template t = Template.of("{\"idToken\":\"{{idToken}}\"}");
        assertEquals("{\"idToken\":\"a\\\"b\"}", t.render(name -> "a\"b", v -> v.replace("\"", "\\\"")));
    }

    @Test
    void unclosedPlaceholderIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Template.of("Bearer {{jwt"));
    }
}
