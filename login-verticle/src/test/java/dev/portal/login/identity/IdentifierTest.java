package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portal.login.contracts.IdentifierKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IdentifierTest {

  @Test
  @DisplayName("an identifier with @ is an e-mail, trimmed and case-folded")
  void classifiesEmail() {
    assertEquals(new Identifier(IdentifierKind.EMAIL, "budi@example.id"), Identifier.classify("  Budi@EXAMPLE.id "));
  }

  @Test
  @DisplayName("16 digits after removing spaces, dots and dashes are a NIK")
  void classifiesNationalId() {
    assertEquals(new Identifier(IdentifierKind.NATIONAL_ID, "3171012345678901"),
        Identifier.classify("3171-0123 4567.8901"));
  }

  @Test
  @DisplayName("full-width digits count as digits after NFKC")
  void classifiesFullWidthDigits() {
    assertEquals(IdentifierKind.NATIONAL_ID, Identifier.classify("\uFF13\uFF11\uFF17\uFF11012345678901").kind());
  }

  @Test
  @DisplayName("digits of any other length are an employer number (NPP)")
  void classifiesEmployerNumber() {
    assertEquals(new Identifier(IdentifierKind.EMPLOYER_NUMBER, "12345678"), Identifier.classify("12.345.678"));
    assertEquals(IdentifierKind.EMPLOYER_NUMBER, Identifier.classify("123").kind());
  }

  @Test
  @DisplayName("anything else is a username, lower-cased")
  void classifiesUsername() {
    assertEquals(new Identifier(IdentifierKind.USERNAME, "budi.santoso"), Identifier.classify("Budi.Santoso"));
    assertEquals(IdentifierKind.USERNAME, Identifier.classify("1234a5678").kind());
    assertEquals(IdentifierKind.USERNAME, Identifier.classify("...").kind());
  }
}
