package io.qualitywatch.risk.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.codes.Region;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.privacy.PersonalDataMasker;

/**
 * An event as indexed for analysts (the enterprise's evidence trail): personal data masked first —
 * this is the only way events reach an index — plus region roll-up codes for filtering.
 */
public final class EventDocument {
  private static final ObjectMapper MAPPER = EventCodec.mapper();

  private EventDocument() {}

  public static String json(EventEnvelope event) {
    EventEnvelope masked = PersonalDataMasker.mask(event);
    ObjectNode doc = MAPPER.valueToTree(masked);
    if (event.regionCode() != null) {
      Region r = CodeTables.get().region(event.regionCode()).orElse(null);
      if (r != null) {
        doc.put("province_code", r.provinceCode());
        if (r.cityCode() != null) {
          doc.put("city_code", r.cityCode());
        }
        doc.put("region_name", r.name());
      }
    }
    return doc.toString();
  }
}
