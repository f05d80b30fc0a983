package books;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The JSON codec: what it reads, what it writes, what it refuses. */
final class JsonTests {

    private JsonTests() {
    }

    static List<TestCase> all() {
        return List.of(
                new TestCase("json: reads objects, arrays, strings, numbers and literals", JsonTests::readsValues),
                new TestCase("json: decodes escapes, including a surrogate pair", JsonTests::decodesEscapes),
                new TestCase("json: what it writes reads back the same", JsonTests::roundTrips),
                new TestCase("json: refuses malformed documents, saying where", JsonTests::refusesMalformed));
    }

    private static void readsValues() {
        Object value = Json.parse(" {\"a\": [1, -2.5, 3e2, true, false, null], \"b\": {\"c\": \"d\"}} ");
        Check.equal(Map.of("c", "d"), ((Map<?, ?>) value).get("b"), "nested object");
        List<?> a = (List<?>) ((Map<?, ?>) value).get("a");
        Check.equal(6, a.size(), "array size");
        Check.equal(1L, a.get(0), "integer");
        Check.equal(new BigDecimal("-2.5"), a.get(1), "decimal");
        Check.equal(new BigDecimal("3e2"), a.get(2), "exponent");
        Check.equal(true, a.get(3), "true");
        Check.equal(false, a.get(4), "false");
        Check.equal(null, a.get(5), "null");
        Check.equal(List.of(), Json.parse("[]"), "empty array");
        Check.equal(Map.of(), Json.parse("{ }"), "empty object");
    }

    private static void decodesEscapes() {
        Check.equal("q\"b\\s/n\nt\tu\u00e9", Json.parse("\"q\\\"b\\\\s\\/n\\nt\\tu\\u00e9\""), "escapes");
        Check.equal("\uD83D\uDCDA", Json.parse("\"\\ud83d\\udcda\""), "surrogate pair (books emoji)");
        Check.equal("Ærøskøbing ✓", Json.parse("\"Ærøskøbing ✓\""), "raw UTF-16 text");
    }

    private static void roundTrips() {
        Map<String, Object> original = new java.util.LinkedHashMap<>();
        original.put("text", "quote \" backslash \\ newline \n control \u0001 unicode ✓ \uD83D\uDCDA");
        original.put("numbers", List.of(0L, -7L, Long.MAX_VALUE, new BigDecimal("1.25")));
        original.put("flags", List.of(true, false));
        original.put("nothing", null);
        String written = Json.write(original);
        Check.isTrue(!written.contains("\n"), "a written newline must be escaped: " + written);
        Check.contains(written, "\\u0001", "control characters are escaped");
        Check.equal(original, Json.parse(written), "read back");
        Check.equal("{\"id\":\"1\",\"title\":\"T\",\"author\":\"A\"}", Json.write(new Book("1", "T", "A")),
                "a book is written with its fields in order");
    }

    private static void refusesMalformed() {
        Map<String, Integer> documents = new java.util.LinkedHashMap<>();
        documents.put("", 0);
        documents.put("{", 1);
        documents.put("{\"a\":}", 5);
        documents.put("{\"a\" 1}", 5);
        documents.put("{a:1}", 1);
        documents.put("[1,]", 3);
        documents.put("[1 2]", 3);
        documents.put("tru", 0);
        documents.put("\"open", 5);
        documents.put("\"bad \\x escape\"", 7);
        documents.put("01", 1);
        documents.put("-", 1);
        documents.put("{} extra", 3);
        documents.put("\"tab\tinside\"", 5);
        documents.forEach((document, offset) -> {
            Json.SyntaxException e = Check.throwsA(Json.SyntaxException.class, () -> Json.parse(document),
                    "parsing " + document);
            Check.equal(offset, e.offset, "offset reported for " + document);
        });
        String deep = "[".repeat(100) + "]".repeat(100);
        Check.contains(Check.throwsA(Json.SyntaxException.class, () -> Json.parse(deep), "deep nesting")
                .getMessage(), "nested deeper", "deep nesting message");
    }
}
