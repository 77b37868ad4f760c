package dev.portal.login.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.jwk.ECKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;

/**
 * ES256 verifiers backed by Bouncy Castle. JDK 17's P-256 arithmetic checks a signature in ~0.9 ms
 * of event-loop time, Bouncy Castle in ~0.08 ms, provided the key is one of its own (its shared curve
 * keeps the generator's precomputed table; a JDK key has it rebuilt for every check).
 */
final class BouncyCastleVerifiers {
  private static final Provider PROVIDER = BouncyCastleProviderSingleton.getInstance();

  private BouncyCastleVerifiers() {
  }

  static ECDSAVerifier es256(ECKey key) throws JOSEException {
    try {
      ECPublicKey own = (ECPublicKey) KeyFactory.getInstance("EC", PROVIDER)
          .generatePublic(new X509EncodedKeySpec(key.toECPublicKey().getEncoded()));
      ECDSAVerifier verifier = new ECDSAVerifier(own);
      verifier.getJCAContext().setProvider(PROVIDER);
      return verifier;
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new JOSEException("the key cannot be read as a P-256 public key", e);
    }
  }
}
