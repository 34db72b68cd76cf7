package io.qualitywatch.ingestion.generator;

import io.qualitywatch.ingestion.reference.Enterprise;
import io.qualitywatch.ingestion.reference.Inspector;
import io.qualitywatch.ingestion.reference.Institution;
import java.util.List;

/** The registers events refer to: what entity resolution and double-random plans work on. */
public record ReferenceData(
    List<Enterprise> enterprises, List<Institution> institutions, List<Inspector> inspectors) {}
