package dev.gantry.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodecTest {
    static final ColourRecord BLUE_CANDIDATE = new ColourRecord("3f2c1a9", "127.0.0.1:5000/books-ms:3f2c1a9",
            ColourState.CANDIDATE, List.of(new Instance("127.0.0.1", 32768, "books-ms-blue-1"),
                    new Instance("127.0.0.1", 32769, "books-ms-blue-2")));
    static final String BLUE_CANDIDATE_JSON = """
            {"release":"3f2c1a9","image":"127.0.0.1:5000/books-ms:3f2c1a9","state":"candidate","instances":[\
            {"host":"127.0.0.1","port":32768,"container":"books-ms-blue-1"},\
            {"host":"127.0.0.1","port":32769,"container":"books-ms-blue-2"}]}""";

    @Test
    void keysAreTheLayoutOfTheDesign() {
        assertThat(Codec.liveKey("books-ms")).isEqualTo("/gantry/services/books-ms/live");
        assertThat(Codec.colourKey("books-ms", Colour.BLUE)).isEqualTo("/gantry/services/books-ms/colours/blue");
        assertThat(Codec.colourKey("books-ms", Colour.GREEN)).isEqualTo("/gantry/services/books-ms/colours/green");
        assertThat(Codec.coloursPrefix("books-ms")).isEqualTo("/gantry/services/books-ms/colours/");
    }

    @Test
    void theServiceOfAKeyIsItsFirstSegmentUnderTheRoot() {
        assertThat(Codec.serviceOf("/gantry/services/books-ms/live")).contains("books-ms");
        assertThat(Codec.serviceOf("/gantry/services/books-ms/colours/blue")).contains("books-ms");
        assertThat(Codec.serviceOf("/gantry/services/books-ms")).isEmpty();
        assertThat(Codec.serviceOf("/gantry/services//live")).isEmpty();
        assertThat(Codec.serviceOf("/other/services/books-ms/live")).isEmpty();
    }

    @Test
    void aServiceNameThatWouldBreakTheLayoutIsRefused() {
        assertThatThrownBy(() -> Codec.liveKey("books/ms")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"books/ms\"");
        assertThatThrownBy(() -> Codec.liveKey("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRecordIsWrittenAsCompactJsonInTheDocumentedOrder() {
        assertThat(Codec.encode(BLUE_CANDIDATE)).isEqualTo(BLUE_CANDIDATE_JSON);
        assertThat(Codec.encode(new ColourRecord("r", "i", ColourState.DRAINING, List.of())))
                .isEqualTo("{\"release\":\"r\",\"image\":\"i\",\"state\":\"draining\",\"instances\":[]}");
    }

    @Test
    void aRecordReadsBackAsWritten() {
        for (ColourState state : ColourState.values()) {
            ColourRecord record = BLUE_CANDIDATE.withState(state);
            assertThat(Codec.decode(Codec.encode(record))).isEqualTo(record);
        }
    }

    @Test
    void fieldsOtherToolsAddAreIgnored() {
        String json = "{\"weight\":3,\"release\":\"r\",\"image\":\"i\",\"state\":\"live\","
                + "\"instances\":[{\"host\":\"h\",\"port\":80,\"container\":\"c\",\"zone\":\"a\"}]}";
        assertThat(Codec.decode(json)).isEqualTo(
                new ColourRecord("r", "i", ColourState.LIVE, List.of(new Instance("h", 80, "c"))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {not json                                                                     | it is not JSON
            ""                                                                            | it should be a JSON object
            [1]                                                                           | it should be a JSON object
            {"image":"i","state":"live","instances":[]}                                   | release should be a string
            {"release":"r","image":"i","state":"up","instances":[]}                       | state should be candidate, live or draining, was "up"
            {"release":"r","image":"i","state":"live"}                                    | instances should be an array
            {"release":"r","image":"i","state":"live","instances":[{"host":"h","port":"80"}]}             | instances/0/port should be a whole number
            {"release":"r","image":"i","state":"live","instances":[{"host":"h","port":0}]}                | instances/0/port should be a whole number
            {"release":"r","image":"i","state":"live","instances":[{"port":80,"container":"c"}]}          | instances/0/host should be a string
            {"release":"r","image":"i","state":"live","instances":[{"host":"h","port":80}]}               | instances/0/container should be a string
            """)
    void aValueGantryDidNotWriteSaysWhatIsWrong(String json, String message) {
        assertThatThrownBy(() -> Codec.decode(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
