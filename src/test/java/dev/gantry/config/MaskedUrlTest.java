package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskedUrlTest {
    @Test
    void theUserInfoOfEveryUrlIsMasked() {
        assertThat(MaskedUrl.mask("poll (https://user:token@git.example.com/team/shop.git)"))
                .isEqualTo("poll (https://***@git.example.com/team/shop.git)");
        assertThat(MaskedUrl.mask("poll (https://token@git.example.com/shop.git) and ssh://git@host/x"))
                .isEqualTo("poll (https://***@git.example.com/shop.git) and ssh://***@host/x");
    }

    @Test
    void urlsWithoutCredentialsAndOtherTextAreLeftAsTheyAre() {
        assertThat(MaskedUrl.mask("file:///srv/git/shop.git, git@host:team/shop.git, a@b"))
                .isEqualTo("file:///srv/git/shop.git, git@host:team/shop.git, a@b");
    }
}
