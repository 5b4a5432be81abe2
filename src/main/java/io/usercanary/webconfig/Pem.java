package io.usercanary.webconfig;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PEM certificates and private keys with the JDK alone: PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}), the last two rewrapped as PKCS#8.
 * Messages never contain key material.
 */
final class Pem {
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Pem() {}

    /** A PEM block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}...) and decoded bytes. */
    record Block(String label, byte[] der, boolean encrypted) {}

    static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        int at = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", at);
            if (begin < 0) {
                return blocks;
            }
            int labelEnd = text.indexOf("-----", begin + 11);
            if (labelEnd < 0) {
                return blocks;
            }
            String label = text.substring(begin + 11, labelEnd);
            String endMarker = "-----END " + label + "-----";
            int end = text.indexOf(endMarker, labelEnd);
            if (end < 0) {
                return blocks;
            }
            String body = text.substring(labelEnd + 5, end);
            boolean encrypted = label.startsWith("ENCRYPTED") || body.contains("Proc-Type: 4,ENCRYPTED");
            StringBuilder base64 = new StringBuilder(body.length());
            for (String line : body.split("\r?\n")) {
                if (!line.contains(":")) {
                    base64.append(line.strip());
                }
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(base64.toString());
            } catch (IllegalArgumentException e) {
                der = new byte[0];
            }
            blocks.add(new Block(label, der, encrypted));
            at = end + endMarker.length();
        }
    }

    static List<X509Certificate> certificates(String text) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks(text)) {
            if (block.label().equals("CERTIFICATE")) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            }
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("no PEM CERTIFICATE block");
        }
        return certificates;
    }

    static PrivateKey privateKey(String text) throws GeneralSecurityException {
        for (Block block : blocks(text)) {
            if (block.encrypted()) {
                throw new GeneralSecurityException("the key is encrypted: give an unencrypted key");
            }
            switch (block.label()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(block.der(), "RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs8(sequence(concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, octetString(block.der()))), "RSA");
                }
                case "EC PRIVATE KEY" -> {
                    byte[] curve = Der.sec1Curve(block.der());
                    byte[] algorithm = sequence(concat(EC_PUBLIC_KEY_OID, curve));
                    return pkcs8(sequence(concat(new byte[] {0x02, 0x01, 0x00}, algorithm, octetString(block.der()))), "EC");
                }
                default -> {
                    // EC PARAMETERS and other blocks beside the key are skipped, as Go does
                }
            }
        }
        throw new GeneralSecurityException("no PEM private key block (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    private static PrivateKey pkcs8(byte[] der, String... algorithms) throws GeneralSecurityException {
        for (String algorithm : algorithms) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException tryTheNext) {
                // a PKCS#8 key names its algorithm inside: the factory for another one refuses it
            }
        }
        throw new GeneralSecurityException("the private key could not be decoded");
    }

    private static byte[] sequence(byte[] content) {
        return Der.encode(0x30, content);
    }

    private static byte[] octetString(byte[] content) {
        return Der.encode(0x04, content);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
