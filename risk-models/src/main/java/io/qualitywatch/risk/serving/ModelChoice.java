package io.qualitywatch.risk.serving;

import io.qualitywatch.ingestion.config.ConfigException;
import io.qualitywatch.ingestion.config.ConfigSource;
import java.io.Serializable;

/**
 * Which registry model a job scores with: the registry directory (readable by every task manager or
 * executor), the model name and a pinned version. Jobs take it from {@code <job>.model.registry},
 * {@code .name} and {@code .version}; absent registry means no model.
 */
public record ModelChoice(String registry, String name, String version) implements Serializable {
  public static final String DEFAULT_NAME = "failure";

  public ModelChoice {
    if (registry == null || registry.isBlank()) {
      throw new IllegalArgumentException("model registry directory is required");
    }
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException(
          "model version is required with a model registry (" + registry + "): pin one");
    }
    name = name == null || name.isBlank() ? DEFAULT_NAME : name;
  }

  /**
   * From a job's configuration section ({@code <job>.model.registry}, {@code .name}, {@code
   * .version}); null when no registry is configured.
   */
  public static ModelChoice from(ConfigSource.Section s) {
    String registry = s.string("model.registry", null);
    String version = s.string("model.version", null);
    if (registry == null && version != null) {
      throw new ConfigException(
          s.name("model.version") + " is set but " + s.name("model.registry") + " is not");
    }
    try {
      return of(registry, s.string("model.name", null), version);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(s.name("model") + ": " + e.getMessage());
    }
  }

  /** Null when no registry is configured. */
  public static ModelChoice of(String registry, String name, String version) {
    return registry == null || registry.isBlank() ? null : new ModelChoice(registry, name, version);
  }

  @Override
  public String toString() {
    return name + " " + version + " from " + registry;
  }
}
