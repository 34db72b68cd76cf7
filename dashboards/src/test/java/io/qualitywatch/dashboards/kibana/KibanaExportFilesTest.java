package io.qualitywatch.dashboards.kibana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The checked-in files under dashboards/kibana (for Kibana's UI import) match the generator. */
class KibanaExportFilesTest {
  @Test
  void committedNdjsonIsWhatTheGeneratorWrites() throws Exception {
    Path file = Path.of("kibana/qualitywatch-kibana.ndjson");
    assertEquals(
        new KibanaObjects("qw").ndjson(),
        Files.readString(file),
        "regenerate with: ./qw kibana export --out dashboards/kibana");
  }

  @Test
  void kqlSubsetTranslatesAndRejectsTheRest() {
    assertEquals(
        "{\"bool\":{\"filter\":[{\"match_phrase\":{\"status\":\"OPEN\"}},"
            + "{\"range\":{\"level_rank\":{\"lte\":\"2\"}}}]}}",
        Kql.toQuery("status : \"OPEN\" and level_rank <= 2").toString());
    assertEquals(
        "{\"bool\":{\"should\":[{\"match_phrase\":{\"band\":\"C\"}},{\"match_phrase\":{\"band\":\"D\"}}],"
            + "\"minimum_should_match\":1}}",
        Kql.toQuery("band : (\"C\" or \"D\")").toString());
    assertEquals(
        "{\"bool\":{\"must_not\":[{\"match_phrase\":{\"scope\":\"ENTERPRISE\"}}]}}",
        Kql.toQuery("not scope : ENTERPRISE").toString());
    assertThrows(IllegalArgumentException.class, () -> Kql.toQuery("status : OPEN extra"));
    assertEquals("{\"exists\":{\"field\":\"target\"}}", Kql.toQuery("target : *").toString());
    assertEquals(
        "{\"match_phrase\":{\"industry_code\":\"*\"}}",
        Kql.toQuery("industry_code : \"*\"").toString());
    assertEquals(
        java.util.List.of("status", "level_rank"),
        Kql.fields("status : \"OPEN\" and level_rank <= 2"));
  }
}
