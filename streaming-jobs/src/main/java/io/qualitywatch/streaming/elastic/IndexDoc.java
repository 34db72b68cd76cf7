package io.qualitywatch.streaming.elastic;

/** A document bound for Elasticsearch: target alias, deterministic id, JSON source. */
public record IndexDoc(String index, String id, String json) {}
