package io.qualitywatch.dashboards.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian package {@code chromium}) for the PDF and for rendering checks. Runs
 * with a throw-away profile and without network, GPU or updates, so it works as root in CI.
 */
public final class Chromium {
  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  /** The browser from {@code $QW_CHROMIUM} or the usual names on PATH, if any. */
  public static Optional<Chromium> find() {
    List<String> candidates = new ArrayList<>();
    String env = System.getenv("QW_CHROMIUM");
    if (env != null && !env.isBlank()) {
      candidates.add(env);
    }
    candidates.addAll(
        List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"));
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String c : candidates) {
      Path p = Path.of(c);
      if (p.isAbsolute() && Files.isExecutable(p)) {
        return Optional.of(new Chromium(p));
      }
      for (String dir : path.split(":")) {
        Path q = Path.of(dir, c);
        if (Files.isExecutable(q)) {
          return Optional.of(new Chromium(q));
        }
      }
    }
    return Optional.empty();
  }

  public void printToPdf(Path html, Path pdf) {
    run(html, "--print-to-pdf=" + pdf.toAbsolutePath(), "--no-pdf-header-footer");
    requireFile(pdf);
  }

  public void screenshot(Path html, Path png, int width, int height) {
    run(
        html,
        "--screenshot=" + png.toAbsolutePath(),
        "--window-size=" + width + "," + height,
        "--hide-scrollbars");
    requireFile(png);
  }

  /** The DOM after Chromium parsed and laid out the page. */
  public String dumpDom(Path html) {
    return run(html, "--dump-dom");
  }

  private String run(Path html, String... extra) {
    Path profile = null;
    try {
      profile = Files.createTempDirectory("qw-chromium");
      List<String> cmd = new ArrayList<>();
      cmd.add(binary.toString());
      cmd.addAll(
          List.of(
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--disable-background-networking",
              "--disable-component-update",
              "--no-first-run",
              "--disable-dev-shm-usage",
              "--user-data-dir=" + profile));
      cmd.addAll(List.of(extra));
      cmd.add(html.toAbsolutePath().toUri().toString());
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("chromium did not finish within 120 s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("chromium exited with " + p.exitValue());
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      if (profile != null) {
        deleteQuietly(profile);
      }
    }
  }

  private static void requireFile(Path p) {
    try {
      if (!Files.isRegularFile(p) || Files.size(p) == 0) {
        throw new IllegalStateException("chromium wrote no " + p);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a leftover temp profile is harmless
    }
  }
}
