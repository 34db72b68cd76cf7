package io.qualitywatch.ingestion.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/**
 * A transition in a certificate's life (认证证书), or a detected abuse of one (伪造/冒用证书).
 *
 * @param certificationBody credit code of the body that issued the certificate
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateEvent(
    @JsonProperty("certificate_id") String certificateId,
    @JsonProperty("certificate_type") CertificateType certificateType,
    CertificateTransition transition,
    @JsonProperty("certification_body") String certificationBody,
    @JsonProperty("valid_until") LocalDate validUntil,
    String reason)
    implements EventPayload {

  public enum CertificateType {
    QMS("质量管理体系", "ISO 9001"),
    EMS("环境管理体系", "ISO 14001"),
    ENMS("能源管理体系", "ISO 50001"),
    OHSMS("职业健康安全管理体系", "ISO 45001"),
    IPM("知识产权管理体系", "GB/T 29490"),
    SERVICE("服务认证", "service"),
    FOOD_SAFETY("食品安全管理体系", "HACCP/ISO 22000"),
    CCC("强制性产品认证", "CCC"),
    LOW_CARBON("低碳产品认证", "low-carbon"),
    ENERGY_SAVING("节能产品认证", "energy-saving"),
    GREEN("绿色产品认证", "green"),
    ORGANIC("有机产品认证", "organic");

    private final String label;
    private final String standard;

    CertificateType(String label, String standard) {
      this.label = label;
      this.standard = standard;
    }

    public String label() {
      return label;
    }

    public String standard() {
      return standard;
    }
  }

  public enum CertificateTransition {
    ISSUED("颁发"),
    SUSPENDED("暂停"),
    REVOKED("撤销"),
    EXPIRED("过期"),
    WITHDRAWN("注销"),
    /** Forged or misused certificate: a violation, not a lifecycle step. */
    ABUSE("伪造/冒用");

    private final String label;

    CertificateTransition(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  @Override
  @JsonIgnore
  public EventType type() {
    return EventType.CERTIFICATE;
  }

  @Override
  public String naturalKey() {
    return certificateId + '|' + transition;
  }
}
