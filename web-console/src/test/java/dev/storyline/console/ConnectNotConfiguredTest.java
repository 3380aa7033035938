package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A console without a Meta app: no Connect button, a hint naming the settings, and no way into the flow. */
@ConsolePageTest
class ConnectNotConfiguredTest {

    @LocalServerPort
    int port;

    @Test
    void the_connect_button_is_hidden_with_a_hint_naming_the_settings_when_no_meta_app_is_configured() {
        WebSession admin = new WebSession(port);
        admin.signIn(ConsoleTestSetup.ADMIN, ConsoleTestSetup.ADMIN_PASSWORD);
        String accounts = admin.get("/accounts").body();
        assertThat(accounts)
                .contains("id=\"connect-hint\"")
                .contains("META_APP_ID")
                .contains("INSTAGRAM_APP_ID")
                .contains("CONSOLE_PUBLIC_URL")
                .doesNotContain("id=\"connect\"")
                .doesNotContain("Reconnect");
        String connect = admin.get("/connect").body();
        assertThat(connect).contains("id=\"connect-hint\"").doesNotContain("connect-instagram");
        WebSession.Page start = admin.get("/connect/start?login=instagram");
        assertThat(start.status()).isEqualTo(200);
        assertThat(start.body()).contains("Not connected").contains("login: choose instagram or facebook");
    }
}
