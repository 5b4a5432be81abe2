package io.usercanary.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.http.JsonScan.Type;
import io.usercanary.http.JsonScan.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonScanTest {
    static final String BODY = """
            {"widgets":[{"id":1},{"id":2},{"id":3}],"profile":{"marker":"m-legacy","a/b":true,"n":null},
             "count":42,"ratio":1.50,"empty":[],"text":"é\\u00e9\\ud83d\\ude00","skipped":{"deep":[[[["x"]]]]}}
            """;

    static Stream<Arguments> pointers() {
        return Stream.of(
                Arguments.of("/widgets", new Value(Type.ARRAY, 3, null)),
                Arguments.of("/widgets/1/id", new Value(Type.NUMBER, 1, "2")),
                Arguments.of("/widgets/3", Value.MISSING),
                Arguments.of("/profile", new Value(Type.OBJECT, 3, null)),
                Arguments.of("/profile/marker", new Value(Type.STRING, 8, "m-legacy")),
                Arguments.of("/profile/a~1b", new Value(Type.BOOLEAN, 1, "true")),
                Arguments.of("/profile/n", new Value(Type.NULL, 0, null)),
                Arguments.of("/count", new Value(Type.NUMBER, 1, "42")),
                Arguments.of("/ratio", new Value(Type.NUMBER, 1, "1.5")),
                Arguments.of("/empty", new Value(Type.ARRAY, 0, null)),
                Arguments.of("/text", new Value(Type.STRING, 4, "éé\ud83d\ude00")),
                Arguments.of("/nope/deeper", Value.MISSING),
                Arguments.of("", new Value(Type.OBJECT, 7, null)));
    }

    @ParameterizedTest(name = "pointer \"{0}\"")
    @MethodSource("pointers")
    void aPointerFindsWhatJacksonsTreeWouldFind(String pointer, Value expected) throws Exception {
        assertEquals(expected, JsonScan.scan(BODY.getBytes(StandardCharsets.UTF_8), List.of(pointer)).get(pointer));
    }

    @Test
    void aHugeStringIsMeasuredNotDecoded() throws Exception {
        byte[] body = ("{\"m\":\"" + "é".repeat(JsonScan.TEXT_LIMIT * 4) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals(new Value(Type.STRING, JsonScan.TEXT_LIMIT * 4L, null), JsonScan.scan(body, List.of("/m")).get("/m"));
    }

    @Test
    void millionsOfTinyObjectsAreCountedWithoutATree() throws Exception {
        String body = "[" + "{},".repeat(1_000_000) + "{}]";
        assertEquals(new Value(Type.ARRAY, 1_000_001, null), JsonScan.scan(body.getBytes(StandardCharsets.UTF_8), List.of("")).get(""));
    }

    static Stream<Arguments> notJson() {
        return Stream.of(
                Arguments.of("", "body is empty"),
                Arguments.of("<html>", "Unexpected character ('<' (code 60)) at line 1, column 1"),
                Arguments.of("{\"a\":[1,2", "truncated (Unexpected end-of-input"),
                Arguments.of("eyJhbGciOiJIUzI1NiJ9 x", "Unrecognized token at line 1"));
    }

    @ParameterizedTest(name = "body \"{0}\"")
    @MethodSource("notJson")
    void aBodyThatIsNotJsonSaysWhyWithoutQuotingIt(String body, String why) {
        JsonScan.NotJson e = assertThrows(JsonScan.NotJson.class, () -> JsonScan.scan(body.getBytes(StandardCharsets.UTF_8), List.of("/a")));
        assertTrue(e.getMessage().startsWith(why), e.getMessage());
    }
}
