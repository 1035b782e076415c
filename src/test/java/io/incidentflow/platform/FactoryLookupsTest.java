package io.incidentflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;

/** The factories named at start are the ones the libraries would have found, and one set from outside wins. */
class FactoryLookupsTest {

  private String datatypeBefore;
  private String streamBefore;

  @BeforeEach
  void forget() {
    datatypeBefore = System.clearProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
    streamBefore = System.clearProperty(FactoryLookups.MAIL_STREAM_PROVIDER);
  }

  @AfterEach
  void restore() {
    restore(DatatypeFactory.DATATYPEFACTORY_PROPERTY, datatypeBefore);
    restore(FactoryLookups.MAIL_STREAM_PROVIDER, streamBefore);
  }

  @Test
  void shouldNameTheFactoriesTheLibrariesFindThemselves() throws Exception {
    String foundByDatatypeLookup = DatatypeFactory.newInstance().getClass().getName();
    String foundByMailLookup = StreamProvider.provider().getClass().getName();

    new FactoryLookups().postProcessEnvironment(new StandardEnvironment(), null);

    assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY)).isEqualTo(foundByDatatypeLookup);
    assertThat(System.getProperty(FactoryLookups.MAIL_STREAM_PROVIDER)).isEqualTo(foundByMailLookup);
    assertThat(DatatypeFactory.newInstance().newDuration("PT5M").getMinutes()).isEqualTo(5);
    assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(foundByMailLookup);
  }

  @Test
  void shouldLeaveAFactoryNamedFromOutside() {
    System.setProperty(FactoryLookups.MAIL_STREAM_PROVIDER, "com.example.OurOwnStreamProvider");

    new FactoryLookups().postProcessEnvironment(new StandardEnvironment(), null);

    assertThat(System.getProperty(FactoryLookups.MAIL_STREAM_PROVIDER)).isEqualTo("com.example.OurOwnStreamProvider");
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }
}
