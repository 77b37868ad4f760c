package dev.portal.login.contracts;

import java.util.Arrays;

/** The ways a person may name their account when logging in. */
public enum IdentifierKind {
  USERNAME("username"),
  EMAIL("email"),
  /** NIK, Nomor Induk Kependudukan: the national ID number, exactly 16 digits. */
  NATIONAL_ID("nik"),
  /** NPP, Nomor Pendaftaran Perusahaan: the employer registration number, digits only. */
  EMPLOYER_NUMBER("npp");

  private final String wireName;

  IdentifierKind(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in JSON, events and the database. */
  public String wireName() {
    return wireName;
  }

  public static IdentifierKind fromWireName(String name) {
    return Arrays.stream(values())
        .filter(kind -> kind.wireName.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown identifier kind: " + name));
  }
}
