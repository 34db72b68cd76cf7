package io.qualitywatch.dashboards.indices;

import static io.qualitywatch.dashboards.EsTestSupport.count;
import static io.qualitywatch.dashboards.EsTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.dashboards.EsTestSupport;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import java.util.List;
import java.util.function.Function;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Install, in-place update, versioned upgrade and atomic alias swap on the real local node. */
class IndexInstallerTest {
  // A fresh prefix per test: tests leave different versions installed.
  ElasticSettings es;
  RestClient client;

  @BeforeEach
  void start() {
    es = EsTestSupport.settings("ix");
    client = EsTestSupport.client(es);
  }

  @AfterEach
  void stop() throws Exception {
    EsTestSupport.deleteAll(client, es.indexPrefix());
    client.close();
  }

  @Test
  void installsEveryConceptOnceWithLabelledMappingsAndNoIlmOnTheLocalNode() {
    IndexInstaller installer = new IndexInstaller(client, es);
    List<IndexInstaller.Installed> first = installer.installAll();
    assertEquals(IndexInstaller.CONCEPTS.size(), first.size());
    assertTrue(first.stream().allMatch(IndexInstaller.Installed::created), first.toString());
    assertFalse(installer.ilmAvailable(), "the local node has no ILM module");
    // Without ILM no rollover counter: the plain versioned name.
    assertEquals(es.indexPrefix() + "-events-v1", first.get(first.size() - 1).index());
    List<IndexInstaller.Installed> again = installer.installAll();
    assertTrue(
        again.stream().allMatch(i -> i.state() == IndexInstaller.State.UP_TO_DATE),
        again.toString());

    for (String concept : IndexInstaller.CONCEPTS) {
      String alias = es.indexPrefix() + "-" + concept;
      JsonNode mapping = json(client, "GET", "/" + alias + "/_mapping", null);
      JsonNode m = mapping.elements().next().path("mappings");
      assertEquals(concept, m.path("_meta").path("concept").asText(), concept);
      assertFalse(m.path("_meta").path("label_zh").asText().isEmpty(), concept);
      JsonNode write = json(client, "GET", "/_alias/" + alias, null);
      assertTrue(
          write.elements().next().path("aliases").path(alias).path("is_write_index").asBoolean(),
          alias);
    }
    JsonNode level =
        json(client, "GET", "/" + es.indexPrefix() + "-warnings/_mapping/field/level", null)
            .elements()
            .next()
            .path("mappings")
            .path("level")
            .path("mapping")
            .path("level");
    assertEquals("keyword", level.path("type").asText());
    assertEquals("预警级别", level.path("meta").path("label_zh").asText());
  }

  @Test
  void raisedVersionCreatesPendingIndexAndSwapMovesTheAliasAtomically() {
    IndexInstaller v1 = new IndexInstaller(client, es);
    v1.install("coverage");
    String alias = es.indexPrefix() + "-coverage";
    json(
        client,
        "PUT",
        "/" + alias + "/_doc/old?refresh=true",
        "{\"coverage_id\":\"old\",\"metric_code\":\"X\",\"value\":1}");

    // Version 2 changes a field's type: impossible in place.
    Function<String, JsonNode> v2Templates =
        concept -> {
          JsonNode t = IndexInstaller.template(concept);
          if (concept.equals("coverage")) {
            ObjectNode copy = t.deepCopy();
            copy.put("version", 2);
            ((ObjectNode) copy.path("mappings").path("properties"))
                .putObject("metric_code")
                .put("type", "text");
            return copy;
          }
          return t;
        };
    IndexInstaller v2 = new IndexInstaller(client, es, v2Templates);
    IndexInstaller.Installed pending = v2.install("coverage");
    assertEquals(IndexInstaller.State.UPGRADE_PENDING, pending.state());
    assertEquals(alias + "-v1", pending.index());
    assertEquals(alias + "-v2", pending.pendingIndex());
    // Idempotent while pending; the alias still serves the old data.
    assertEquals(IndexInstaller.State.UPGRADE_PENDING, v2.install("coverage").state());
    assertEquals(1, count(client, alias));

    // The local node has no _reindex: the rebuild is the producing job writing to <alias>-next.
    IllegalStateException noReindex =
        assertThrows(IllegalStateException.class, () -> v2.reindexPending("coverage"));
    assertTrue(noReindex.getMessage().contains(alias + "-next"), noReindex.getMessage());
    json(
        client,
        "PUT",
        "/" + alias + "-next/_doc/new1?refresh=true",
        "{\"coverage_id\":\"new1\",\"metric_code\":\"Y\",\"value\":2}");
    json(
        client,
        "PUT",
        "/" + alias + "-next/_doc/new2?refresh=true",
        "{\"coverage_id\":\"new2\",\"metric_code\":\"Y\",\"value\":3}");

    IndexInstaller.Swap swap = v2.swap("coverage", false);
    assertEquals(List.of(alias + "-v1"), swap.from());
    assertEquals(alias + "-v2", swap.to());
    assertEquals(2, count(client, alias));
    JsonNode aliases = json(client, "GET", "/_alias/" + alias, null);
    assertEquals(1, aliases.size());
    assertTrue(aliases.has(alias + "-v2"));
    assertTrue(
        aliases.path(alias + "-v2").path("aliases").path(alias).path("is_write_index").asBoolean());
    assertEquals(1, count(client, alias + "-v1"), "old index kept unless --delete-old");
    // The new version is now live, and the old software's template (v1) sees a newer install.
    assertEquals(IndexInstaller.State.UP_TO_DATE, v2.install("coverage").state());
    assertEquals(IndexInstaller.State.NEWER_INSTALLED, v1.install("coverage").state());
    assertThrows(IllegalStateException.class, () -> v2.swap("coverage", false));
  }

  @Test
  void incompatibleChangeWithoutNewVersionIsRefusedWithAHint() {
    new IndexInstaller(client, es).install("scores");
    Function<String, JsonNode> broken =
        concept -> {
          ObjectNode t = IndexInstaller.template(concept).deepCopy();
          ((ObjectNode) t.path("mappings").path("properties"))
              .putObject("band")
              .put("type", "long");
          return t;
        };
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> new IndexInstaller(client, es, broken).install("scores"));
    assertTrue(e.getMessage().contains("raise \"version\""), e.getMessage());
  }

  @Test
  void aConcreteIndexUnderTheAliasNameIsReportedNotShadowed() {
    ElasticSettings other = EsTestSupport.settings("ixc");
    try (RestClient c = EsTestSupport.client(other)) {
      json(c, "PUT", "/" + other.indexPrefix() + "-scores/_doc/1", "{\"score\":1}");
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class, () -> new IndexInstaller(c, other).install("scores"));
      assertTrue(e.getMessage().contains("concrete index"), e.getMessage());
      EsTestSupport.deleteAll(c, other.indexPrefix());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
