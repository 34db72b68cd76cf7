package io.qualitywatch.dashboards.indices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Installs and upgrades the platform's indices. Per concept: one index template (mappings under
 * {@code elasticsearch/templates/<concept>.json}, composed with a shared settings component), a
 * versioned index ({@code qw-scores-v1}, or {@code qw-events-v1-000001} where ILM rolls it over)
 * and the alias jobs write to ({@code qw-scores}).
 *
 * <p>Upgrade path. A compatible mapping change (a new field, new labels) is applied in place to the
 * live index. An incompatible one raises the template's {@code version}: the installer then creates
 * the new version's index next to the old one, behind the {@code <alias>-next} alias, and reports
 * the concept as pending. The data is rebuilt from its source (re-run the producing job into {@code
 * <alias>-next}; or {@link #reindexPending} where the cluster has {@code _reindex}, which the local
 * node lacks), and {@link #swap} then moves the alias in one atomic {@code _aliases} call, so
 * readers never see a half-filled index.
 *
 * <p>Idempotent: running it again changes nothing that is in place.
 */
public final class IndexInstaller {
  /** Concepts with a template resource; the alias is {@code <prefix>-<concept>}. */
  public static final List<String> CONCEPTS =
      List.of(
          "scores",
          "score-history",
          "warnings",
          "risk-aggregates",
          "ratings",
          "institution-ratings",
          "inspection-plans",
          "coverage",
          "events");

  private static final ObjectMapper MAPPER = EventCodec.mapper();
  private static final Pattern VERSIONED = Pattern.compile("-v(\\d+)(-\\d{6})?$");

  private final RestClient client;
  private final ElasticSettings settings;
  private final Function<String, JsonNode> templates;
  private Boolean ilm;
  private boolean componentInstalled;

  public IndexInstaller(RestClient client, ElasticSettings settings) {
    this(client, settings, IndexInstaller::template);
  }

  /** With another template source: tests use it to simulate a raised version. */
  public IndexInstaller(
      RestClient client, ElasticSettings settings, Function<String, JsonNode> templates) {
    this.client = client;
    this.settings = settings;
    this.templates = templates;
  }

  /** What the installer found or did for one concept. */
  public enum State {
    /** The versioned index and its alias were created. */
    CREATED,
    /** The alias points at the template's version; mappings updated in place where needed. */
    UP_TO_DATE,
    /** A newer version's index exists behind {@code <alias>-next}, awaiting rebuild and swap. */
    UPGRADE_PENDING,
    /** The live index is newer than this software's template: left alone. */
    NEWER_INSTALLED
  }

  /** One concept's outcome: its alias, the index the alias points at, and a pending index. */
  public record Installed(
      String concept, String alias, String index, State state, String pendingIndex, boolean ilm) {
    public boolean created() {
      return state == State.CREATED;
    }

    public String describe() {
      return switch (state) {
        case CREATED -> index + " (created" + (ilm ? ", ILM rollover" : "") + ")";
        case UP_TO_DATE -> index;
        case UPGRADE_PENDING ->
            index
                + " (upgrade pending: rebuild "
                + pendingIndex
                + " via alias "
                + alias
                + "-next, then `qw indices --swap "
                + concept
                + "`)";
        case NEWER_INSTALLED -> index + " (newer than this software's template: left alone)";
      };
    }
  }

  /** The result of moving an alias to its newest version. */
  public record Swap(String alias, List<String> from, String to, boolean deletedOld) {}

  public List<Installed> installAll() {
    List<Installed> out = new ArrayList<>();
    for (String concept : CONCEPTS) {
      out.add(install(concept));
    }
    return out;
  }

  /**
   * Whether the cluster runs index lifecycle management. The local node lacks the x-pack ILM module
   * and answers {@code _ilm/status} with an error, so ILM policies are skipped there.
   */
  public boolean ilmAvailable() {
    if (ilm == null) {
      try {
        JsonNode status = json(new Request("GET", "/_ilm/status"));
        ilm = status.has("operation_mode");
      } catch (IllegalStateException e) {
        ilm = false;
      }
    }
    return ilm;
  }

  public Installed install(String concept) {
    JsonNode template = templates.apply(concept);
    int version = template.path("version").asInt(1);
    String alias = alias(concept);
    boolean rollover = template.path("ilm").asBoolean(false) && ilmAvailable();
    if (rollover) {
      putIlmPolicy(concept);
    }
    if (!componentInstalled) {
      putSettingsComponent();
      componentInstalled = true;
    }
    putIndexTemplate(concept, template, version, rollover);

    List<String> live = aliasIndices(alias);
    if (live.isEmpty()) {
      if (exists("/" + alias)) {
        // A job wrote before the templates were installed and Elasticsearch auto-created a plain
        // index under the alias name; it has dynamic mappings and would shadow the alias.
        throw new IllegalStateException(
            "index "
                + alias
                + " exists as a concrete index (written before `qw indices`?): delete it or"
                + " rebuild it, then run `qw indices` again");
      }
      String index = indexName(alias, version, rollover);
      createIndex(index, alias, true);
      return new Installed(concept, alias, index, State.CREATED, null, rollover);
    }
    int liveVersion = live.stream().mapToInt(IndexInstaller::versionOf).max().orElse(0);
    String current = live.stream().max(Comparator.naturalOrder()).orElseThrow();
    if (liveVersion == version) {
      updateMappingInPlace(alias, concept, template);
      return new Installed(concept, alias, current, State.UP_TO_DATE, null, rollover);
    }
    if (liveVersion > version) {
      return new Installed(concept, alias, current, State.NEWER_INSTALLED, null, rollover);
    }
    String next = pendingIndex(concept).orElse(null);
    if (next == null) {
      next = indexName(alias, version, rollover);
      createIndex(next, alias + "-next", false);
    }
    return new Installed(concept, alias, current, State.UPGRADE_PENDING, next, rollover);
  }

  /** The newest-version index of a concept that the alias does not point at yet. */
  public Optional<String> pendingIndex(String concept) {
    String alias = alias(concept);
    List<String> live = aliasIndices(alias);
    int liveVersion = live.stream().mapToInt(IndexInstaller::versionOf).max().orElse(0);
    return versionedIndices(alias).stream()
        .filter(i -> versionOf(i) > liveVersion)
        .max(Comparator.comparingInt(IndexInstaller::versionOf).thenComparing(i -> i));
  }

  /**
   * Moves the concept's alias from the old version's indices to the pending one in a single {@code
   * _aliases} request (atomic: every search sees either old or new), optionally deleting the old
   * indices in the same request.
   */
  public Swap swap(String concept, boolean deleteOld) {
    String alias = alias(concept);
    String next =
        pendingIndex(concept)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no pending index for "
                            + concept
                            + ": run `qw indices` after raising the template version"));
    List<String> old = aliasIndices(alias);
    ObjectNode body = MAPPER.createObjectNode();
    ArrayNode actions = body.putArray("actions");
    for (String o : old) {
      actions.addObject().putObject("remove").put("index", o).put("alias", alias);
    }
    actions.addObject().putObject("remove").put("index", next).put("alias", alias + "-next");
    actions
        .addObject()
        .putObject("add")
        .put("index", next)
        .put("alias", alias)
        .put("is_write_index", true);
    if (deleteOld) {
      for (String o : old) {
        actions.addObject().putObject("remove_index").put("index", o);
      }
    }
    send("POST", "/_aliases", body);
    return new Swap(alias, old, next, deleteOld);
  }

  /**
   * Copies the live version's documents into the pending index with {@code _reindex} — only for
   * concepts whose new mapping can be filled from the old documents, and only where the cluster has
   * the reindex module (the local node has not: re-run the producing job instead).
   */
  public long reindexPending(String concept) {
    String alias = alias(concept);
    String next =
        pendingIndex(concept)
            .orElseThrow(() -> new IllegalStateException("no pending index for " + concept));
    ObjectNode body = MAPPER.createObjectNode();
    body.putObject("source").put("index", alias);
    body.putObject("dest").put("index", next);
    Request r = new Request("POST", "/_reindex");
    r.addParameter("refresh", "true");
    r.setJsonEntity(body.toString());
    JsonNode res;
    try {
      res = json(r);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "this cluster cannot _reindex (the local node lacks the module): re-run the job that"
              + " produces "
              + alias
              + " with its output going to "
              + alias
              + "-next, then swap",
          e);
    }
    return res.path("created").asLong() + res.path("updated").asLong();
  }

  public String alias(String concept) {
    return settings.indexPrefix() + "-" + concept;
  }

  static String indexName(String alias, int version, boolean rollover) {
    // Rollover needs a trailing counter on the first index; ILM increments it.
    return alias + "-v" + version + (rollover ? "-000001" : "");
  }

  static int versionOf(String index) {
    Matcher m = VERSIONED.matcher(index);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private void putIndexTemplate(String concept, JsonNode template, int version, boolean rollover) {
    String alias = alias(concept);
    ObjectNode body = MAPPER.createObjectNode();
    body.putArray("index_patterns").add(alias + "-v*");
    body.putArray("composed_of").add(componentName());
    body.put("priority", 200);
    body.put("version", version);
    ObjectNode tpl = body.putObject("template");
    ObjectNode mappings = tpl.putObject("mappings");
    mappings.setAll((ObjectNode) template.get("mappings"));
    ObjectNode meta = mappingMeta(concept, template, version);
    mappings.set("_meta", meta);
    if (rollover) {
      tpl.putObject("settings")
          .putObject("index")
          .put("lifecycle.name", policyName(concept))
          .put("lifecycle.rollover_alias", alias);
    }
    body.set("_meta", meta.deepCopy());
    send("PUT", "/_index_template/" + alias, body);
  }

  private static ObjectNode mappingMeta(String concept, JsonNode template, int version) {
    ObjectNode meta = MAPPER.createObjectNode();
    meta.put("managed_by", "qualitywatch").put("concept", concept).put("version", version);
    template.path("_meta").fields().forEachRemaining(e -> meta.set(e.getKey(), e.getValue()));
    return meta;
  }

  private void updateMappingInPlace(String alias, String concept, JsonNode template) {
    ObjectNode mappings = ((ObjectNode) template.get("mappings")).deepCopy();
    mappings.set("_meta", mappingMeta(concept, template, template.path("version").asInt(1)));
    // Dynamic templates are replaced as a whole; properties are merged. A conflicting change
    // (another type for an existing field) is refused by Elasticsearch: that needs a new version.
    try {
      send("PUT", "/" + alias + "/_mapping", mappings);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "the mapping of "
              + concept
              + " changed incompatibly: raise \"version\" in its template to build a new index ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  private void createIndex(String index, String alias, boolean writeIndex) {
    ObjectNode create = MAPPER.createObjectNode();
    ObjectNode a = create.putObject("aliases").putObject(alias);
    if (writeIndex) {
      a.put("is_write_index", true);
    }
    try {
      send("PUT", "/" + index, create);
    } catch (IllegalStateException e) {
      if (!e.getMessage().contains("resource_already_exists_exception")) {
        throw e;
      }
    }
  }

  /**
   * Event-like indices only grow: roll over by size, then force-merge the read-only generations. No
   * delete phase — a credit file must stay traceable back in time (倒查追溯).
   */
  private void putIlmPolicy(String concept) {
    ObjectNode body = MAPPER.createObjectNode();
    ObjectNode policy = body.putObject("policy");
    policy.putObject("_meta").put("managed_by", "qualitywatch").put("concept", concept);
    ObjectNode phases = policy.putObject("phases");
    phases
        .putObject("hot")
        .putObject("actions")
        .putObject("rollover")
        .put("max_primary_shard_size", "30gb");
    ObjectNode warm = phases.putObject("warm");
    warm.put("min_age", "30d");
    warm.putObject("actions").putObject("forcemerge").put("max_num_segments", 1);
    send("PUT", "/_ilm/policy/" + policyName(concept), body);
  }

  public String policyName(String concept) {
    return alias(concept) + "-policy";
  }

  private String componentName() {
    return settings.indexPrefix() + "-settings";
  }

  private void putSettingsComponent() {
    ObjectNode body = MAPPER.createObjectNode();
    ObjectNode index = body.putObject("template").putObject("settings").putObject("index");
    index.put("number_of_shards", 1);
    // One node has nowhere to put a replica: with replicas the indices would stay yellow.
    index.put("number_of_replicas", settings.localNode() ? 0 : 1);
    index.put("refresh_interval", "1s");
    send("PUT", "/_component_template/" + componentName(), body);
  }

  /** The template resource of a concept. */
  public static JsonNode template(String concept) {
    String path = "/elasticsearch/templates/" + concept + ".json";
    try (InputStream in = IndexInstaller.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no index template resource " + path);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> aliasIndices(String alias) {
    try {
      JsonNode res = json(new Request("GET", "/_alias/" + alias));
      List<String> out = new ArrayList<>();
      res.fieldNames().forEachRemaining(out::add);
      return out;
    } catch (NotFound e) {
      return List.of();
    }
  }

  private List<String> versionedIndices(String alias) {
    Request r = new Request("GET", "/" + alias + "-v*");
    r.addParameter("filter_path", "*.settings.index.provided_name");
    JsonNode res = json(r);
    List<String> out = new ArrayList<>();
    res.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private boolean exists(String path) {
    try {
      Response r = client.performRequest(new Request("HEAD", path));
      return r.getStatusLine().getStatusCode() == 200;
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        return false;
      }
      throw new IllegalStateException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class NotFound extends IllegalStateException {
    NotFound(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private JsonNode json(Request req) {
    try {
      Response r = client.performRequest(req);
      return MAPPER.readTree(EntityUtils.toString(r.getEntity()));
    } catch (ResponseException e) {
      String detail = detail(e);
      String msg = req.getMethod() + " " + req.getEndpoint() + " failed: " + detail;
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        throw new NotFound(msg, e);
      }
      throw new IllegalStateException(msg, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void send(String method, String path, JsonNode body) {
    Request req = new Request(method, path);
    req.setJsonEntity(body.toString());
    try {
      Response r = client.performRequest(req);
      EntityUtils.consume(r.getEntity());
    } catch (ResponseException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + detail(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String detail(ResponseException e) {
    try {
      return EntityUtils.toString(e.getResponse().getEntity());
    } catch (IOException | RuntimeException ex) {
      return e.getMessage();
    }
  }
}
