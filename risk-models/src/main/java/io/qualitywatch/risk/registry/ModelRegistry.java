package io.qualitywatch.risk.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.qualitywatch.risk.features.FeatureRow;
import io.qualitywatch.risk.features.FeatureSpec;
import io.qualitywatch.risk.model.RiskModel;
import io.qualitywatch.risk.model.SchemaMismatchException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of versioned models: {@code <root>/<name>/<version>/model.bin} (the serialised {@link
 * RiskModel}) and {@code manifest.json} ({@link ModelManifest}). Versions are immutable: saving an
 * existing version fails. The streaming and batch jobs load a pinned version and pass their own
 * feature spec, so a job built for other features fails at start-up, not with silently wrong
 * scores.
 *
 * <p>Model files are Java-serialised Smile objects: load only from a registry you control. The
 * file's SHA-256 is checked against the manifest before it is deserialised.
 */
public final class ModelRegistry {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final String MODEL_FILE = "model.bin";
  private static final String MANIFEST = "manifest.json";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private final Path root;

  public ModelRegistry(Path root) {
    this.root = root;
  }

  public record Loaded(RiskModel model, ModelManifest manifest) {}

  /** Saves a model as a new version; {@code metrics} are recorded as given. */
  public ModelManifest save(
      String name,
      String version,
      RiskModel model,
      List<FeatureRow> trainingRows,
      Map<String, Object> metrics)
      throws IOException {
    check(name, "name");
    check(version, "version");
    Path dir = root.resolve(name).resolve(version);
    if (Files.exists(dir)) {
      throw new IOException("model " + name + " version " + version + " already exists in " + root);
    }
    byte[] bytes = serialise(model);
    Map<String, Object> params =
        JSON.convertValue(model.params(), new TypeReference<Map<String, Object>>() {});
    ModelManifest m =
        new ModelManifest(
            name,
            version,
            Instant.now(),
            model.params().algorithm().name(),
            params,
            model.calibration(),
            model.schema().describe(),
            model.schema().fingerprint(),
            trainingDataHash(trainingRows),
            trainingRows.size(),
            metrics,
            MODEL_FILE,
            sha256(bytes),
            "smile-core 3.1.1");
    Path tmp = Files.createDirectories(root.resolve(name)).resolve("." + version + ".tmp");
    Files.createDirectories(tmp);
    Files.write(tmp.resolve(MODEL_FILE), bytes);
    JSON.writeValue(tmp.resolve(MANIFEST).toFile(), m);
    // Rename last: a reader never sees a half-written version.
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    return m;
  }

  /** Versions of a model, sorted as strings (use zero-padded or dated versions). */
  public List<String> versions(String name) throws IOException {
    check(name, "name");
    Path d = root.resolve(name);
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(d)) {
      s.filter(p -> Files.isRegularFile(p.resolve(MANIFEST)))
          .forEach(p -> out.add(p.getFileName().toString()));
    }
    out.sort(null);
    return out;
  }

  public ModelManifest manifest(String name, String version) throws IOException {
    check(name, "name");
    check(version, "version");
    Path f = root.resolve(name).resolve(version).resolve(MANIFEST);
    if (!Files.isRegularFile(f)) {
      throw new IOException(
          "no model " + name + " version " + version + " in " + root + "; have " + versions(name));
    }
    return JSON.readValue(f.toFile(), ModelManifest.class);
  }

  /**
   * Loads a version and checks it was trained on {@code expected} features (pass null to skip the
   * check, e.g. for inspection tools).
   *
   * @throws SchemaMismatchException when the model expects other features than the caller builds
   */
  public Loaded load(String name, String version, FeatureSpec expected) throws IOException {
    ModelManifest m = manifest(name, version);
    byte[] bytes = Files.readAllBytes(root.resolve(name).resolve(version).resolve(m.modelFile()));
    if (!sha256(bytes).equals(m.modelSha256())) {
      throw new IOException(
          "model file of " + name + " " + version + " does not match its manifest's SHA-256");
    }
    RiskModel model = deserialise(bytes);
    if (!model.schema().fingerprint().equals(m.schemaFingerprint())) {
      throw new IOException(
          "model " + name + " " + version + ": manifest and model disagree on the feature schema");
    }
    if (expected != null) {
      model.requireSpec(expected);
    }
    return new Loaded(model, m);
  }

  /** SHA-256 over every training row's target id, time, label and inputs, in order. */
  public static String trainingDataHash(List<FeatureRow> rows) {
    MessageDigest md = digest();
    ByteBuffer b = ByteBuffer.allocate(8);
    for (FeatureRow r : rows) {
      md.update(r.target().id().getBytes(StandardCharsets.UTF_8));
      b.clear();
      md.update(b.putLong(r.target().timeMillis()).array());
      md.update((byte) r.target().label());
      for (double v : r.numeric()) {
        b.clear();
        md.update(b.putDouble(v).array());
      }
      for (String c : r.categorical()) {
        md.update(c.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static byte[] serialise(RiskModel model) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bos)) {
      out.writeObject(model);
    }
    return bos.toByteArray();
  }

  private static RiskModel deserialise(byte[] bytes) throws IOException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      Object o = in.readObject();
      if (!(o instanceof RiskModel m)) {
        throw new IOException("model file holds " + o.getClass().getName() + ", not a RiskModel");
      }
      return m;
    } catch (ClassNotFoundException e) {
      throw new IOException("model file needs class " + e.getMessage() + " (library mismatch?)", e);
    }
  }

  private static void check(String s, String what) {
    if (s == null || !SAFE.matcher(s).matches()) {
      throw new IllegalArgumentException(
          "model " + what + " must match " + SAFE.pattern() + ", got '" + s + "'");
    }
  }

  static String sha256(byte[] b) {
    return HexFormat.of().formatHex(digest().digest(b));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
