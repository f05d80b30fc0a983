package dev.gantry.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class ColourTest {
    @Test
    void eachColourHasTheOtherAsItsCandidate() {
        assertThat(Colour.BLUE.other()).isEqualTo(Colour.GREEN);
        assertThat(Colour.GREEN.other()).isEqualTo(Colour.BLUE);
    }

    @Test
    void coloursAndStatesAreLowerCaseWordsBothWays() {
        assertThat(Colour.BLUE.word()).isEqualTo("blue");
        assertThat(Colour.parse("green")).isEqualTo(Colour.GREEN);
        assertThat(ColourState.DRAINING.word()).isEqualTo("draining");
        for (ColourState state : ColourState.values()) {
            assertThat(ColourState.parse(state.word())).isEqualTo(state);
        }
    }

    @Test
    void anUnknownWordIsRefusedWithTheWordsThatWould() {
        assertThatThrownBy(() -> Colour.parse("BLUE")).hasMessage("a colour should be blue or green, was \"BLUE\"");
        assertThatThrownBy(() -> ColourState.parse("active"))
                .hasMessage("a state should be candidate, live or draining, was \"active\"");
    }

    @Test
    void aRecordInAnotherStateKeepsEverythingElse() {
        ColourRecord candidate = CodecTest.BLUE_CANDIDATE;
        ColourRecord live = candidate.withState(ColourState.LIVE);
        assertThat(live.state()).isEqualTo(ColourState.LIVE);
        assertThat(live).usingRecursiveComparison().ignoringFields("state").isEqualTo(candidate);
    }

    @Test
    void anInstanceNeedsAHostAndAPort() {
        assertThatThrownBy(() -> new Instance("", 80, "c")).hasMessageContaining("needs a host");
        assertThatThrownBy(() -> new Instance("h", 70000, "c")).hasMessageContaining("from 1 to 65535, was 70000");
        assertThat(new ColourRecord("r", "i", ColourState.LIVE, new ArrayList<Instance>()).instances())
                .isUnmodifiable();
    }
}
