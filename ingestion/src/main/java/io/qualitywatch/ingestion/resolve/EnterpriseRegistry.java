package io.qualitywatch.ingestion.resolve;

import com.fasterxml.jackson.databind.ObjectReader;
import io.qualitywatch.ingestion.codes.CreditCode;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.reference.Enterprise;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The enterprise registry that free-text names are matched against (entity resolution).
 *
 * <p>Matching, in order: placeholder → {@code NO_PARTY}; masked name → {@code MASKED_NAME}; exact
 * normalised name ({@link NameNormalizer#normalize}); then the name with company-form variants
 * unified ({@code 有限责任公司}/{@code 股份有限公司} → {@code 有限公司}). Several candidates at the first level
 * that matches are decided by region: the candidate whose county, city or province short name
 * appears in the region hint or in the name itself wins, the most specific level first. If that
 * does not single out one enterprise the name is {@code AMBIGUOUS} — a wrong match would put one
 * company's failures on another's record, which is worse than no match.
 */
public final class EnterpriseRegistry {
  private final Map<String, List<Enterprise>> byKey = new HashMap<>();
  private final Map<String, List<Enterprise>> byCanonical = new HashMap<>();
  private final Map<String, Enterprise> byCode = new HashMap<>();
  private final RegionNames regions;

  private EnterpriseRegistry(Collection<Enterprise> enterprises, RegionNames regions) {
    this.regions = regions;
    for (Enterprise e : enterprises) {
      add(e);
    }
  }

  public static EnterpriseRegistry of(Collection<Enterprise> enterprises, RegionNames regions) {
    return new EnterpriseRegistry(enterprises, regions);
  }

  public static EnterpriseRegistry of(Collection<Enterprise> enterprises) {
    return of(enterprises, RegionNames.fromCodeTables());
  }

  /** A registry without entries: every named party comes out {@code NOT_IN_REGISTRY}. */
  public static EnterpriseRegistry empty() {
    return new EnterpriseRegistry(List.of(), new RegionNames(c -> Optional.empty()));
  }

  /** Reads {@code enterprises.jsonl} (one {@link Enterprise} per line, as the generator writes). */
  public static EnterpriseRegistry load(Path jsonl) {
    return load(jsonl, RegionNames.fromCodeTables());
  }

  public static EnterpriseRegistry load(Path jsonl, RegionNames regions) {
    ObjectReader reader = EventCodec.mapper().readerFor(Enterprise.class);
    List<Enterprise> all = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      String line;
      long n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        Enterprise e;
        try {
          e = reader.readValue(line);
        } catch (IOException ex) {
          throw new RegistryException(
              jsonl + " line " + n + " is not an enterprise record: " + firstLine(ex.getMessage()));
        }
        Optional<String> problem = CreditCode.problem(e.creditCode());
        if (problem.isPresent()) {
          // Registry codes become event keys; a bad one would poison every event it resolves.
          throw new RegistryException(jsonl + " line " + n + ": " + problem.get());
        }
        all.add(e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read enterprise registry " + jsonl, e);
    }
    return of(all, regions);
  }

  private void add(Enterprise e) {
    if (byCode.putIfAbsent(e.creditCode(), e) != null) {
      return; // the same code listed twice is one enterprise
    }
    String key = NameNormalizer.normalize(e.name());
    if (key.isEmpty()) {
      return;
    }
    byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(e);
    byCanonical.computeIfAbsent(NameNormalizer.canonicalForm(key), k -> new ArrayList<>(1)).add(e);
  }

  public int size() {
    return byCode.size();
  }

  public Optional<Enterprise> byCreditCode(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /**
   * Matches a published name.
   *
   * @param regionHint free text naming a place, e.g. the issuing bureau {@code 山东市场监管局}; may be
   *     null
   */
  public Resolution resolve(String name, String regionHint) {
    if (NameNormalizer.isPlaceholder(name)) {
      return Resolution.unresolved(UnresolvedReason.NO_PARTY, "no party named", "", List.of());
    }
    String key = NameNormalizer.normalize(name);
    if (NameNormalizer.isMasked(name)) {
      return Resolution.unresolved(
          UnresolvedReason.MASKED_NAME, "name is masked by the publisher", key, List.of());
    }
    List<Enterprise> exact = byKey.get(key);
    if (exact != null) {
      return decide(exact, key, name, regionHint, "exact name");
    }
    String canonical = NameNormalizer.canonicalForm(key);
    List<Enterprise> byForm = byCanonical.get(canonical);
    if (byForm != null) {
      return decide(byForm, key, name, regionHint, "name with company form unified");
    }
    return Resolution.unresolved(
        UnresolvedReason.NOT_IN_REGISTRY, "no registered enterprise has this name", key, List.of());
  }

  private Resolution decide(
      List<Enterprise> candidates, String key, String name, String hint, String how) {
    if (candidates.size() == 1) {
      return Resolution.resolved(candidates.get(0), key, how);
    }
    String haystack = (hint == null ? "" : hint) + "|" + name;
    Map<Enterprise, Integer> score = new LinkedHashMap<>();
    for (Enterprise e : candidates) {
      List<String> names = regions.shortNames(e.regionCode());
      int best = 0;
      for (int level = 0; level < names.size(); level++) {
        String place = names.get(level);
        if (!place.isEmpty() && haystack.contains(place)) {
          best = level + 1; // names are ordered province, city, county
        }
      }
      score.put(e, best);
    }
    int top = score.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    List<Enterprise> winners =
        score.entrySet().stream().filter(s -> s.getValue() == top).map(Map.Entry::getKey).toList();
    if (top > 0 && winners.size() == 1) {
      return Resolution.resolved(winners.get(0), key, how + ", decided by region");
    }
    return Resolution.unresolved(
        UnresolvedReason.AMBIGUOUS,
        candidates.size()
            + " registered enterprises match ("
            + how
            + ") and the region does not decide",
        key,
        candidates.stream().map(Enterprise::creditCode).toList());
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int cut = s.indexOf('\n');
    return cut > 0 ? s.substring(0, cut) : s;
  }

  /** The registry file is unusable. */
  public static final class RegistryException extends RuntimeException {
    public RegistryException(String message) {
      super(message);
    }
  }
}
