package io.qualitywatch.ingestion.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.FastEventDecoder;
import io.qualitywatch.ingestion.contract.Utf8;
import io.qualitywatch.ingestion.validation.RejectedRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast decoder must agree with plain databind decoding on every input. */
class ImportDecoderTest {

  private static boolean strictUtf8(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void utf8CheckAgreesWithTheJdkDecoder() {
    Random rnd = new Random(42);
    byte[][] fixed = {
      "纯芝麻油 ≤10µg/kg 😀".getBytes(StandardCharsets.UTF_8),
      {(byte) 0xC0, (byte) 0x80}, // overlong NUL
      {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, // overlong
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // surrogate
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
      {(byte) 0xE4, (byte) 0xB8}, // truncated
      {(byte) 0xFF, (byte) 0xFE},
    };
    for (byte[] b : fixed) {
      assertEquals(strictUtf8(b), Utf8.isValid(b), java.util.Arrays.toString(b));
    }
    for (int i = 0; i < 200_000; i++) {
      byte[] b = new byte[1 + rnd.nextInt(6)];
      rnd.nextBytes(b);
      assertEquals(strictUtf8(b), Utf8.isValid(b), java.util.Arrays.toString(b));
    }
  }

  @Test
  void fastInstantAgreesWithInstantParse() {
    for (String s :
        List.of(
            "2021-03-05T00:00:00Z",
            "1999-12-31T23:59:59.5Z",
            "2024-02-29T12:00:00.123456789Z",
            "2021-06-30T08:30:00.120Z")) {
      assertEquals(Instant.parse(s), FastEventDecoder.FastInstant.parse(s), s);
    }
    for (String s :
        List.of(
            "2021-02-29T00:00:00Z", // no such day: the standard parser decides (and rejects)
            "2021-03-05T00:00:60Z",
            "2021-03-05T00:00:00+08:00",
            "2021-03-05 00:00:00Z",
            "2021-03-05T00:00:00.Z",
            "+12021-03-05T00:00:00Z")) {
      assertNull(FastEventDecoder.FastInstant.parse(s), s);
    }
  }

  @Test
  void fastInstantAgreesWithInstantParseOnRandomTimestamps() {
    java.util.Random rnd = new java.util.Random(11);
    for (int k = 0; k < 200_000; k++) {
      int y = k % 50 == 0 ? rnd.nextInt(10_000) : 1900 + rnd.nextInt(200);
      String s =
          String.format(
              java.util.Locale.ROOT,
              "%04d-%02d-%02dT%02d:%02d:%02d%sZ",
              y,
              rnd.nextInt(14), // 00 and 13 are not months
              rnd.nextInt(33), // nor 00, 32, or 31 in a 30-day month
              rnd.nextInt(25),
              rnd.nextInt(61),
              rnd.nextInt(61),
              rnd.nextBoolean() ? "" : "." + (1 + rnd.nextInt(999)));
      Instant expected;
      try {
        expected = Instant.parse(s);
      } catch (java.time.format.DateTimeParseException e) {
        expected = null;
      }
      Instant fast = FastEventDecoder.FastInstant.parse(s);
      if (fast != null) {
        assertEquals(expected, fast, s); // never a different reading
      } else if (expected != null) {
        // Left to the standard parser only for its own cases: 24:00 and leap seconds.
        assertTrue(s.contains("T24:") || s.contains(":60"), s);
      }
    }
  }

  @Test
  void decodesLikeTheContractLineByLine() throws Exception {
    Path file = ImportMappingTest.resource("import/malformed.jsonl");
    for (byte[] line : splitLines(Files.readAllBytes(file))) {
      if (line.length == 0) {
        continue;
      }
      EventEnvelope contract = null;
      RejectedRecordException contractError = null;
      try {
        contract = EventCodec.decodeByDatabind(line);
      } catch (RejectedRecordException e) {
        contractError = e;
      }
      if (contractError == null) {
        FastEventDecoder.Decoded fast = FastEventDecoder.decode(line);
        assertEquals(contract, fast.event());
        assertTrue(fast.unambiguous());
      } else {
        RejectedRecordException fast =
            assertThrows(RejectedRecordException.class, () -> FastEventDecoder.decode(line));
        assertEquals(contractError.rejection(), fast.rejection());
      }
    }
  }

  @Test
  void duplicateKeysAreDecodedAsTheContractDoesButNeverPassedThrough() throws Exception {
    Path file = ImportMappingTest.resource("import/malformed.jsonl");
    String first = new String(splitLines(Files.readAllBytes(file)).get(0), StandardCharsets.UTF_8);
    // Same key twice: the contract's decoder keeps the last value; the bytes are ambiguous.
    String twice =
        first.replace(
            "\"product_name\": \"大豆油\"", "\"product_name\": \"x\", \"product_name\": \"大豆油\"");
    assertTrue(twice.length() > first.length());
    byte[] line = twice.getBytes(StandardCharsets.UTF_8);
    FastEventDecoder.Decoded d = FastEventDecoder.decode(line);
    assertEquals(EventCodec.decodeByDatabind(line), d.event());
    assertFalse(d.unambiguous());
    // The same at envelope level.
    String codeTwice =
        first.replace(
            "\"region_code\": \"370200\"",
            "\"region_code\": \"110000\", \"region_code\": \"370200\"");
    assertTrue(codeTwice.length() > first.length());
    byte[] line2 = codeTwice.getBytes(StandardCharsets.UTF_8);
    assertEquals(EventCodec.decodeByDatabind(line2), FastEventDecoder.decode(line2).event());
    assertFalse(FastEventDecoder.decode(line2).unambiguous());
  }

  @Test
  void generatedEventsDecodeIdenticallyInEitherFieldOrder() throws Exception {
    for (EventEnvelope e : IngestionBenchmark.generate(3_000, 7L)) {
      byte[] canonical = EventCodec.encode(e);
      FastEventDecoder.Decoded fast = FastEventDecoder.decode(canonical);
      assertTrue(fast.unambiguous());
      assertEquals(EventCodec.decodeByDatabind(canonical), fast.event());
      assertEquals(e, fast.event());
      // Payload before type: the one-pass reader steps aside, the result is the same.
      var tree =
          (com.fasterxml.jackson.databind.node.ObjectNode) EventCodec.mapper().readTree(canonical);
      var reordered = EventCodec.mapper().createObjectNode();
      reordered.set("payload", tree.remove("payload"));
      reordered.setAll(tree);
      byte[] payloadFirst = EventCodec.mapper().writeValueAsBytes(reordered);
      assertEquals(e, FastEventDecoder.decode(payloadFirst).event());
    }
  }

  @Test
  void decodingLinesTogetherGivesEachLineItsOwnReading() throws Exception {
    List<byte[]> clean = new java.util.ArrayList<>();
    for (EventEnvelope e : IngestionBenchmark.generate(600, 3L)) {
      clean.add(EventCodec.encode(e));
    }
    List<byte[]> corpus =
        splitLines(Files.readAllBytes(ImportMappingTest.resource("import/malformed.jsonl")));
    String good = new String(clean.get(0), StandardCharsets.UTF_8);
    int cut = good.indexOf(",\"payload\"");
    List<byte[]> tricky =
        List.of(
            good.substring(0, cut + 1).getBytes(StandardCharsets.UTF_8), // value continues below
            good.substring(cut + 1).getBytes(StandardCharsets.UTF_8),
            (good + " " + good).getBytes(StandardCharsets.UTF_8), // two values on one line
            (good + " x").getBytes(StandardCharsets.UTF_8), // trailing garbage
            (good + " \t\r").getBytes(StandardCharsets.UTF_8), // trailing blanks: still clean
            ("  " + good).getBytes(StandardCharsets.UTF_8),
            "null".getBytes(StandardCharsets.UTF_8),
            "[1,2]".getBytes(StandardCharsets.UTF_8),
            "\"text\"".getBytes(StandardCharsets.UTF_8),
            "{".getBytes(StandardCharsets.UTF_8),
            new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}); // invalid UTF-8
    Random rnd = new Random(5);
    for (int round = 0; round < 40; round++) {
      List<byte[]> batch = new java.util.ArrayList<>();
      for (int k = 0; k < 64; k++) {
        int pick = rnd.nextInt(10);
        batch.add(
            pick < 6
                ? clean.get(rnd.nextInt(clean.size()))
                : pick < 8
                    ? corpus.get(rnd.nextInt(corpus.size()))
                    : tricky.get(rnd.nextInt(tricky.size())));
      }
      batch.removeIf(l -> LineReader.isBlank(l)); // the reader never passes blank lines
      FastEventDecoder.Decoded[] together = FastEventDecoder.decodeLines(batch);
      assertEquals(batch.size(), together.length);
      for (int k = 0; k < batch.size(); k++) {
        byte[] line = batch.get(k);
        FastEventDecoder.Decoded alone;
        try {
          alone = FastEventDecoder.decode(line);
        } catch (RejectedRecordException e) {
          assertNull(together[k], "rejected alone, so not decoded together: line " + k);
          continue;
        }
        if (together[k] != null) {
          assertEquals(alone, together[k], "line " + k);
        } else {
          // Only lines that are not one clean object may be left to decode(line).
          boolean cleanLine = clean.stream().anyMatch(c -> java.util.Arrays.equals(c, line));
          assertFalse(cleanLine, "a clean line was left out: " + k);
        }
      }
    }
  }

  private static List<byte[]> splitLines(byte[] all) {
    List<byte[]> out = new java.util.ArrayList<>();
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        out.add(java.util.Arrays.copyOfRange(all, start, i));
        start = i + 1;
      }
    }
    return out;
  }
}
