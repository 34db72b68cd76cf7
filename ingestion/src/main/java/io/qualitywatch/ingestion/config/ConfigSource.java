package io.qualitywatch.ingestion.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * All configuration comes through here: one properties file, then environment variables ({@code
 * QW_KAFKA_BOOTSTRAP_SERVERS} overrides {@code kafka.bootstrap.servers}), then {@code -D} system
 * properties starting with {@code qw.} ({@code -Dqw.kafka.bootstrap.servers=...}). Each component
 * reads its own {@link Section} into a typed record and rejects keys it does not know, so a typo
 * fails at start with the key's name instead of being silently ignored.
 */
public final class ConfigSource {
  private final Map<String, String> values;

  private ConfigSource(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public static ConfigSource of(Map<String, String> values) {
    return new ConfigSource(values);
  }

  /** File (may be null), then {@code QW_*} environment, then {@code qw.*} system properties. */
  public static ConfigSource load(Path file) {
    return load(file, System.getenv(), System.getProperties());
  }

  static ConfigSource load(Path file, Map<String, String> env, Properties sys) {
    Map<String, String> merged = new TreeMap<>();
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("configuration file " + file + " does not exist");
      }
      Properties props = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(r);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read configuration file " + file, e);
      }
      props.stringPropertyNames().forEach(k -> merged.put(k, props.getProperty(k).trim()));
    }
    env.forEach(
        (k, v) -> {
          if (k.startsWith("QW_") && !RESERVED_ENV.contains(k)) {
            merged.put(k.substring(3).toLowerCase(Locale.ROOT).replace('_', '.'), v);
          }
        });
    sys.stringPropertyNames().stream()
        .filter(k -> k.startsWith("qw.") && !RESERVED_SYS.contains(k))
        .forEach(k -> merged.put(k.substring(3), sys.getProperty(k)));
    return new ConfigSource(merged);
  }

  /** Variables that steer the launcher scripts, not a component. */
  private static final Set<String> RESERVED_ENV = Set.of("QW_CONFIG", "QW_STACK_DIR", "QW_HOME");

  private static final Set<String> RESERVED_SYS =
      Set.of("qw.repo.root", "qw.shared.dir", "qw.stack.dir", "qw.home", "qw.config");

  public ConfigSource with(String key, String value) {
    Map<String, String> copy = new TreeMap<>(values);
    copy.put(key, value);
    return new ConfigSource(copy);
  }

  public Section section(String prefix) {
    return new Section(prefix);
  }

  /** The keys of one component, e.g. everything under {@code kafka.}. */
  public final class Section {
    private final String prefix;

    private Section(String prefix) {
      this.prefix = prefix.endsWith(".") ? prefix : prefix + ".";
    }

    /** The full name of one of this section's keys, for messages. */
    public String name(String key) {
      return prefix + key;
    }

    public String string(String key, String defaultValue) {
      return values.getOrDefault(prefix + key, defaultValue);
    }

    public String required(String key) {
      String v = values.get(prefix + key);
      if (v == null || v.isBlank()) {
        throw new ConfigException("missing required configuration key " + prefix + key);
      }
      return v;
    }

    public int integer(String key, int defaultValue) {
      String v = values.get(prefix + key);
      if (v == null) {
        return defaultValue;
      }
      try {
        return Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(prefix + key + " must be an integer, got '" + v + "'");
      }
    }

    public boolean bool(String key, boolean defaultValue) {
      String v = values.get(prefix + key);
      if (v == null) {
        return defaultValue;
      }
      return switch (v.trim().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on" -> true;
        case "false", "no", "off" -> false;
        default ->
            throw new ConfigException(prefix + key + " must be true or false, got '" + v + "'");
      };
    }

    /** ISO-8601 ({@code PT30S}) or a number with unit: {@code 500ms}, {@code 30s}, {@code 5m}. */
    public Duration duration(String key, Duration defaultValue) {
      String v = values.get(prefix + key);
      if (v == null) {
        return defaultValue;
      }
      String s = v.trim().toLowerCase(Locale.ROOT);
      try {
        if (s.startsWith("p")) {
          return Duration.parse(v.trim().toUpperCase(Locale.ROOT));
        }
        if (s.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        long n = Long.parseLong(s.substring(0, s.length() - 1));
        return switch (s.charAt(s.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          case 'd' -> Duration.ofDays(n);
          default -> throw new NumberFormatException();
        };
      } catch (RuntimeException e) {
        throw new ConfigException(
            prefix + key + " must be a duration like 30s, 500ms or PT30S, got '" + v + "'");
      }
    }

    /** Keys under {@code prefix + sub}, with that part stripped: pass-through client settings. */
    public Map<String, String> passthrough(String sub) {
      String p = prefix + sub + ".";
      Map<String, String> out = new TreeMap<>();
      values.forEach(
          (k, v) -> {
            if (k.startsWith(p)) {
              out.put(k.substring(p.length()), v);
            }
          });
      return out;
    }

    /**
     * Fails on any key of this section that is neither known nor under a pass-through sub-prefix.
     */
    public void rejectUnknown(Set<String> known, String... passthroughSubs) {
      Set<String> unknown = new TreeSet<>();
      for (String k : values.keySet()) {
        if (!k.startsWith(prefix)) {
          continue;
        }
        String rest = k.substring(prefix.length());
        boolean pass = false;
        for (String sub : passthroughSubs) {
          pass |= rest.startsWith(sub + ".");
        }
        if (!known.contains(rest) && !pass) {
          unknown.add(k);
        }
      }
      if (!unknown.isEmpty()) {
        throw new ConfigException(
            "unknown configuration key(s) "
                + unknown
                + "; known keys under "
                + prefix
                + ": "
                + new TreeSet<>(known));
      }
    }
  }
}
