package io.qualitywatch.dashboards.kibana;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.ingestion.contract.EventCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates the subset of KQL the saved objects use into Elasticsearch Query DSL, the way Kibana
 * does: {@code field : value}, {@code field : (a or b)}, {@code field : *} (exists), {@code field
 * >= value}, {@code and}, {@code or}, {@code not}, parentheses. Lets the panels be executed without
 * Kibana; anything outside the subset is rejected, so a panel cannot silently escape the check.
 */
public final class Kql {
  private static final ObjectMapper MAPPER = EventCodec.mapper();

  private final List<String> tokens;
  private int pos;

  private Kql(String kql) {
    this.tokens = tokenize(kql);
  }

  /** The query for a KQL string; {@code match_all} for an empty one. */
  public static ObjectNode toQuery(String kql) {
    ObjectNode q = MAPPER.createObjectNode();
    if (kql == null || kql.isBlank()) {
      q.putObject("match_all");
      return q;
    }
    Kql p = new Kql(kql);
    ObjectNode out = p.or();
    if (p.pos != p.tokens.size()) {
      throw new IllegalArgumentException(
          "unsupported KQL near '" + p.tokens.get(p.pos) + "': " + kql);
    }
    return out;
  }

  /** The field names a KQL string refers to. */
  public static List<String> fields(String kql) {
    List<String> out = new ArrayList<>();
    if (kql == null || kql.isBlank()) {
      return out;
    }
    List<String> t = tokenize(kql);
    for (int i = 0; i + 1 < t.size(); i++) {
      if (List.of(":", ">=", "<=", ">", "<").contains(t.get(i + 1)) && !t.get(i).startsWith("\"")) {
        out.add(t.get(i));
      }
    }
    return out;
  }

  private ObjectNode or() {
    List<ObjectNode> parts = new ArrayList<>();
    parts.add(and());
    while (peek("or")) {
      pos++;
      parts.add(and());
    }
    return parts.size() == 1 ? parts.get(0) : bool("should", parts, true);
  }

  private ObjectNode and() {
    List<ObjectNode> parts = new ArrayList<>();
    parts.add(not());
    while (peek("and")) {
      pos++;
      parts.add(not());
    }
    return parts.size() == 1 ? parts.get(0) : bool("filter", parts, false);
  }

  private ObjectNode not() {
    if (peek("not")) {
      pos++;
      return bool("must_not", List.of(not()), false);
    }
    return primary();
  }

  private ObjectNode primary() {
    if (peek("(")) {
      pos++;
      ObjectNode inner = or();
      expect(")");
      return inner;
    }
    String field = next();
    String op = next();
    if (op.equals(":")) {
      if (peek("(")) {
        pos++;
        List<ObjectNode> values = new ArrayList<>();
        values.add(match(field, value(next())));
        while (peek("or")) {
          pos++;
          values.add(match(field, value(next())));
        }
        expect(")");
        return bool("should", values, true);
      }
      String v = next();
      if (v.equals("*")) {
        // Unquoted * is KQL's "field exists"; a quoted "*" is the literal value.
        ObjectNode q = MAPPER.createObjectNode();
        q.putObject("exists").put("field", field);
        return q;
      }
      return match(field, value(v));
    }
    String rangeOp =
        switch (op) {
          case ">=" -> "gte";
          case "<=" -> "lte";
          case ">" -> "gt";
          case "<" -> "lt";
          default -> throw new IllegalArgumentException("unsupported KQL operator " + op);
        };
    ObjectNode q = MAPPER.createObjectNode();
    q.putObject("range").putObject(field).put(rangeOp, value(next()));
    return q;
  }

  private static ObjectNode match(String field, String value) {
    ObjectNode q = MAPPER.createObjectNode();
    // Kibana sends match (keywords: exact) or match_phrase for quoted values; on keyword fields
    // both mean an exact term.
    q.putObject("match_phrase").put(field, value);
    return q;
  }

  private static ObjectNode bool(String clause, List<ObjectNode> parts, boolean minimumOne) {
    ObjectNode q = MAPPER.createObjectNode();
    ObjectNode b = q.putObject("bool");
    ArrayNode arr = b.putArray(clause);
    parts.forEach(arr::add);
    if (minimumOne) {
      b.put("minimum_should_match", 1);
    }
    return q;
  }

  private static String value(String token) {
    if (token.startsWith("\"")) {
      return token.substring(1, token.length() - 1);
    }
    return token;
  }

  private boolean peek(String t) {
    return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(t);
  }

  private String next() {
    if (pos >= tokens.size()) {
      throw new IllegalArgumentException("KQL ends early: " + String.join(" ", tokens));
    }
    return tokens.get(pos++);
  }

  private void expect(String t) {
    if (!peek(t)) {
      throw new IllegalArgumentException("KQL expects " + t + ": " + String.join(" ", tokens));
    }
    pos++;
  }

  private static List<String> tokenize(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        int end = s.indexOf('"', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated string in KQL: " + s);
        }
        out.add(s.substring(i, end + 1));
        i = end + 1;
      } else if (c == '(' || c == ')' || c == ':') {
        out.add(String.valueOf(c));
        i++;
      } else if (c == '>' || c == '<') {
        boolean eq = i + 1 < s.length() && s.charAt(i + 1) == '=';
        out.add(eq ? c + "=" : String.valueOf(c));
        i += eq ? 2 : 1;
      } else {
        int start = i;
        while (i < s.length()
            && !Character.isWhitespace(s.charAt(i))
            && "():<>\"".indexOf(s.charAt(i)) < 0) {
          i++;
        }
        out.add(s.substring(start, i));
      }
    }
    return out;
  }
}
