package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TotpEnrolmentTest {
  @Test
  @DisplayName("the otpauth URI names issuer and user (URL-encoded) and says SHA1, 6 digits, 30 seconds")
  void otpauthUri() {
    assertEquals("otpauth://totp/Portal%20Imigrasi:budi%40example.id?secret=MZXW6YTBOI&issuer=Portal%20Imigrasi"
            + "&algorithm=SHA1&digits=6&period=30",
        TotpEnrolment.otpauthUri("Portal Imigrasi", "budi@example.id", "MZXW6YTBOI"));
  }

  @Test
  @DisplayName("the QR code is a PNG data URI that a scanner reads back as the otpauth URI")
  void qrCode() throws Exception {
    String uri = TotpEnrolment.otpauthUri("Portal", "budi", Base32.encode(new byte[20], false));
    String dataUri = QrCodes.pngDataUri(uri, 240);
    assertTrue(dataUri.startsWith("data:image/png;base64,"));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(
        Base64.getDecoder().decode(dataUri.substring("data:image/png;base64,".length()))));
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    assertEquals(uri, decoded);
  }
}
