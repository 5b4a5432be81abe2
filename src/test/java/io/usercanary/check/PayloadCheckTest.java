package io.usercanary.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.usercanary.config.Expectation;
import io.usercanary.config.Regex;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadCheckTest {
    private static Verdict check(Expectation expect, String body) {
        return PayloadCheck.evaluate("summary", expect, name -> null, 200, Headers.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static Expectation atLeast(String pointer, String bound) {
        return new Expectation(null, null, null, null, null, null, null, Map.of(pointer, new BigDecimal(bound)), null);
    }

    private static Expectation absent(String pointer) {
        return new Expectation(null, null, null, null, null, null, List.of(pointer), null, null);
    }

    private static Expectation matches(String pointer, String regex) {
        return new Expectation(null, null, null, null, null, null, null, null, Map.of(pointer, Regex.of(regex)));
    }

    @ParameterizedTest(name = "atLeast 1 on {0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"totals\":{\"projects\":3}}      | PASSED       | ''",
            "{\"totals\":{\"projects\":1}}      | PASSED       | ''",
            "{\"totals\":{\"projects\":1.5}}    | PASSED       | ''",
            "{\"totals\":{\"projects\":0}}      | EMPTY        | /totals/projects is 0, expected at least 1",
            "{\"totals\":{\"projects\":-2}}     | EMPTY        | /totals/projects is -2, expected at least 1",
            "{\"totals\":{\"projects\":0.5}}    | EMPTY        | /totals/projects is 0.5, expected at least 1",
            "{\"totals\":{\"projects\":\"3\"}}  | NOT_A_NUMBER | /totals/projects is a string, expected a number at least 1",
            "{\"totals\":{\"projects\":null}}   | NOT_A_NUMBER | /totals/projects is null, expected a number at least 1",
            "{\"totals\":{}}                    | NOT_A_NUMBER | /totals/projects is missing, expected a number at least 1",
            "{\"totals\":{\"projects\":[1]}}    | NOT_A_NUMBER | /totals/projects is an array of 1, expected a number at least 1",
    })
    void atLeastPassesAtOrAboveTheBoundIsEmptyBelowAndInvalidOnANonNumber(String body, Verdict.Kind kind, String detail) {
        Verdict verdict = check(atLeast("/totals/projects", "1"), body);
        assertEquals(kind, verdict.kind(), verdict.detail());
        assertEquals(detail, verdict.detail());
    }

    @ParameterizedTest(name = "{0} at an atLeast pointer is gauged as {1}")
    @CsvSource(delimiter = '|', value = {"7 | 7", "0 | 0", "2.9 | 2", "1e30 | 9223372036854775807", "\"7\" | 0"})
    void theNumberAtAnAtLeastPointerIsMeasuredForThePayloadGauge(String value, long gauged) {
        Verdict verdict = check(atLeast("/total", "0"), "{\"total\":" + value + "}");
        assertEquals(List.of(new PayloadMeasurement("summary", "/total", gauged)), verdict.measurements());
    }

    @ParameterizedTest(name = "absent /errors on {0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"data\":{}}                                      | PASSED   | ''",
            "{\"data\":{},\"errors\":null}                      | PASSED   | ''",
            "{\"data\":null,\"errors\":[{\"message\":\"boom\"}]} | MISMATCH | /errors is present (an array of 1), expected absent",
            "{\"errors\":[]}                                    | MISMATCH | /errors is present (an array of 0), expected absent",
    })
    void absentFailsAsMismatchWhenThePointerIsThere(String body, Verdict.Kind kind, String detail) {
        Verdict verdict = check(absent("/errors"), body);
        assertEquals(kind, verdict.kind(), verdict.detail());
        assertEquals(detail, verdict.detail());
    }

    @ParameterizedTest(name = "matches on {0} is {1}")
    @CsvSource(delimiter = '#', value = {
            "{\"plan\":\"team\"}   # PASSED   # ''",
            "{\"plan\":\"pro\"}    # PASSED   # ''",
            "{\"plan\":\"free\"}   # MISMATCH # /plan is free, expected a string matching ^(team|pro)$",
            "{\"plan\":\"teams\"}  # MISMATCH # /plan is teams, expected a string matching ^(team|pro)$",
            "{\"plan\":3}          # MISMATCH # /plan is a number, expected a string matching ^(team|pro)$",
            "{\"plan\":true}       # MISMATCH # /plan is a boolean, expected a string matching ^(team|pro)$",
            "{}                    # MISMATCH # /plan is missing, expected a string matching ^(team|pro)$",
            "{\"plan\":null}       # MISMATCH # /plan is null, expected a string matching ^(team|pro)$",
    })
    void matchesAppliesToStringsOnlyAndNamesTheActualType(String body, Verdict.Kind kind, String detail) {
        Verdict verdict = check(matches("/plan", "^(team|pro)$"), body);
        assertEquals(kind, verdict.kind(), verdict.detail());
        assertEquals(detail, verdict.detail());
    }

    @Test
    void aZeroTotalOutranksAGraphqlErrorAsEmpty() {
        Expectation expect = atLeast("/data/totals/projects", "1").plus(absent("/errors"));
        Verdict verdict = check(expect, "{\"data\":{\"totals\":{\"projects\":0}},\"errors\":[{\"message\":\"partial\"}]}");
        assertEquals(Verdict.Kind.EMPTY, verdict.kind());
    }

    @Test
    void severalAcceptedStatusesAreNamedInTheDetail() {
        Expectation expect = new Expectation(null, null, null, null, null, List.of(200, 304), null, null, null);
        Verdict verdict = PayloadCheck.evaluate("summary", expect, name -> null, 500, Headers.of(), new byte[0]);
        assertEquals(Verdict.Kind.UNEXPECTED_STATUS, verdict.kind());
        assertEquals("expected status " + expect.expectedStatus() + ", got 500", verdict.detail());
        assertEquals(false, verdict.detail().contains("null"), verdict.detail());
    }
}
