package io.qualitywatch.ingestion.privacy;

import static io.qualitywatch.ingestion.privacy.PersonalDataMasker.maskIdNumber;
import static io.qualitywatch.ingestion.privacy.PersonalDataMasker.maskName;
import static io.qualitywatch.ingestion.privacy.PersonalDataMasker.maskPhone;
import static io.qualitywatch.ingestion.privacy.PersonalDataMasker.maskText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.ingestion.Samples;
import io.qualitywatch.ingestion.contract.Complaint;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PersonalDataMaskerTest {

  @ParameterizedTest
  @CsvSource({"张三丰, 张**", "张三, 张*", "欧阳娜娜, 欧***", "' 李四 ', 李*", "王, *", "'', ''"})
  void namesKeepTheirFirstCharacter(String name, String masked) {
    assertEquals(masked, maskName(name));
  }

  @Test
  void supplementaryCharactersCountAsOneCharacter() {
    // 𠮷 is outside the BMP (two UTF-16 units); masking must not split it into half a character.
    assertEquals("𠮷*", maskName("𠮷田"));
    assertEquals("王**", maskName("王𠮷田"));
  }

  @ParameterizedTest
  @CsvSource({
    "13812345678, 138****5678",
    "138-1234-5678, 138-****-5678",
    "+86 138 1234 5678, +86 138 **** 5678",
    "8613812345678, 86138****5678",
    "010-12345678, 010-****5678",
    "(021)87654321, (021)****4321",
    "0755-1234567, 0755-***4567",
    "0512-57651234, 0512-****1234",
    "87654321, ****4321",
    "12315, *****"
  })
  void phonesKeepPrefixAndLastFourDigits(String phone, String masked) {
    assertEquals(masked, maskPhone(phone));
  }

  @ParameterizedTest
  @CsvSource({
    "11010119900307123X, 110101********123X",
    "110101199003071234, 110101********1234",
    "110101900307123, 110101******123",
    "AB1234567, *****4567"
  })
  void idNumbersKeepRegionAndLastCharacters(String id, String masked) {
    assertEquals(masked, maskIdNumber(id));
  }

  @Test
  void nullsStayNull() {
    assertNull(maskName(null));
    assertNull(maskPhone(null));
    assertNull(maskIdNumber(null));
    assertNull(maskText(null));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "联系电话13812345678，请回电 | 联系电话138****5678，请回电",
        "电话：138-1234-5678。 | 电话：138-****-5678。",
        "身份证号11010119900307123x已提供 | 身份证号110101********123x已提供",
        "座机(010)12345678或0755-1234567 | 座机(010)****5678或0755-***4567",
        "姓名：张三丰，地址不详 | 姓名：张**，地址不详",
        "联系人: 李四 | 联系人: 李*",
        "我叫王小明，投诉某超市 | 我叫王**，投诉某超市"
      })
  void personalDataInsideFreeTextIsMasked(String text, String masked) {
    assertEquals(masked, maskText(text));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // Credit codes, batch numbers, dates, amounts and order numbers are not personal data.
        "企业信用代码91350100M000100Y43",
        "批号SJ24320500123，生产日期20240610",
        "订单号 123456789012345678901，金额 12315 元",
        "2024年6月10日购买，价格128.00元",
        "投诉人要求退货"
      })
  void otherNumbersAndTextAreLeftAlone(String text) {
    assertEquals(text, maskText(text));
  }

  @Test
  void maskingIsIdempotent() {
    String text = Samples.complaint().text();
    String once = maskText(text);
    assertEquals(once, maskText(once));
    assertEquals(maskPhone("010-12345678"), maskPhone(maskPhone("010-12345678")));
    assertEquals(
        maskIdNumber("11010119900307123X"), maskIdNumber(maskIdNumber("11010119900307123X")));
    assertEquals(maskName("张三丰"), maskName(maskName("张三丰")));
  }

  @Test
  void complaintEventIsMaskedEverywhereAndNothingElseChanges() {
    EventEnvelope original = Samples.event(EventType.COMPLAINT);
    EventEnvelope masked = PersonalDataMasker.mask(original);
    Complaint c = (Complaint) masked.payload();
    assertEquals(
        new Complaint.Complainant("张**", "138****5678", "110101********123X"), c.complainant());

    String json = EventCodec.encodeToString(masked);
    for (String secret : List.of("张三丰", "13812345678", "11010119900307123X", "三丰")) {
      assertFalse(json.contains(secret), "unmasked " + secret + " in " + json);
    }
    assertTrue(c.text().contains("张**") && c.text().contains("138****5678"), c.text());

    Complaint before = (Complaint) original.payload();
    assertEquals(before.ticketId(), c.ticketId());
    assertEquals(before.kind(), c.kind());
    assertEquals(before.productCategory(), c.productCategory());
    assertEquals(original.eventId(), masked.eventId());
    assertEquals(original.creditCode(), masked.creditCode());
    assertEquals(original.eventTime(), masked.eventTime());
    assertEquals(List.of(), Samples.validator().validate(masked));
  }

  @Test
  void complainantNameIsMaskedInTextEvenWithoutALabel() {
    Complaint c =
        new Complaint(
            "t",
            Complaint.ComplaintKind.REPORT,
            null,
            null,
            "赵六反映该店出售过期食品",
            new Complaint.Complainant("赵六", null, null));
    Complaint masked = (Complaint) PersonalDataMasker.mask(Samples.envelope(c)).payload();
    assertEquals("赵*反映该店出售过期食品", masked.text());
  }

  @Test
  void anonymousComplaintIsStillMaskedInText() {
    Complaint c =
        new Complaint("t", Complaint.ComplaintKind.REPORT, null, null, "请拨打13912345678", null);
    Complaint masked = (Complaint) PersonalDataMasker.mask(Samples.envelope(c)).payload();
    assertNull(masked.complainant());
    assertEquals("请拨打139****5678", masked.text());
  }

  @ParameterizedTest
  @EnumSource(value = EventType.class, names = "COMPLAINT", mode = EnumSource.Mode.EXCLUDE)
  void otherEventsAreReturnedUnchanged(EventType type) {
    EventEnvelope e = Samples.event(type);
    assertSame(e, PersonalDataMasker.mask(e));
  }
}
