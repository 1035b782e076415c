package io.incidentflow.routing.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HaproxyAddressTest {

  @Test
  void shouldReadAUnixSocketWithOrWithoutThePrefix() {
    assertThat(HaproxyAddress.parse("unix:/run/haproxy/admin.sock"))
        .isEqualTo(HaproxyAddress.unix(Path.of("/run/haproxy/admin.sock")));
    assertThat(HaproxyAddress.parse("/run/haproxy/admin.sock"))
        .isEqualTo(HaproxyAddress.unix(Path.of("/run/haproxy/admin.sock")))
        .satisfies(address -> assertThat(address.isUnix()).isTrue());
  }

  @Test
  void shouldReadHostAndPortWithOrWithoutThePrefix() {
    assertThat(HaproxyAddress.parse("127.0.0.1:9999")).isEqualTo(HaproxyAddress.tcp("127.0.0.1", 9999));
    assertThat(HaproxyAddress.parse("tcp:lb-1.example.org:9999"))
        .isEqualTo(HaproxyAddress.tcp("lb-1.example.org", 9999))
        .satisfies(address -> assertThat(address.isUnix()).isFalse());
    assertThat(HaproxyAddress.parse("tcp:[::1]:9999")).isEqualTo(HaproxyAddress.tcp("::1", 9999));
  }

  @ParameterizedTest
  @ValueSource(strings = {"unix:/run/haproxy/admin.sock", "127.0.0.1:9999", "[::1]:9999"})
  void shouldPrintWhatItParses(String text) {
    assertThat(HaproxyAddress.parse(text).toString()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "admin.sock", "unix:", "tcp:", "localhost", "localhost:", ":9999",
      "localhost:http", "localhost:0", "localhost:65536", "::1:9999", "tcp:/run/haproxy/admin.sock"})
  void shouldRefuseWhatIsNeitherASocketPathNorHostAndPort(String text) {
    assertThatThrownBy(() -> HaproxyAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected unix:/path/to.sock, /path/to.sock, host:port or tcp:host:port");
  }

  @Test
  void shouldRefuseNull() {
    assertThatThrownBy(() -> HaproxyAddress.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
