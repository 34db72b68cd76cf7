package io.qualitywatch.ingestion.generator;

import io.qualitywatch.ingestion.contract.EventType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What {@link DataGenerator#writeTo} wrote.
 *
 * @param events lines in {@code events.jsonl}, exact re-deliveries included
 * @param uniqueEvents distinct event ids
 * @param elapsed wall time of the whole write (not written to any file: files stay reproducible)
 */
public record GeneratedFiles(
    Path dir,
    Path enterprises,
    Path institutions,
    Path inspectors,
    Path events,
    Path truth,
    Path manifest,
    long eventCount,
    long uniqueEvents,
    Map<EventType, Long> countsByType,
    int incidents,
    Duration elapsed) {}
