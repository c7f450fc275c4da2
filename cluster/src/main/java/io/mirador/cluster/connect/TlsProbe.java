package io.mirador.cluster.connect;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Tells whether a port speaks TLS at all, by starting a handshake that trusts any certificate and sends no
 * data: only the server's willingness to answer a ClientHello is tested, never its identity (Kafka's own client
 * does the real, verified handshake afterwards).
 */
final class TlsProbe {

    private TlsProbe() {
    }

    /**
     * True when the peer closes or resets the connection instead of answering the TLS ClientHello, as a
     * PLAINTEXT Kafka listener does; false when it answers with TLS, or when anything else (timeout included)
     * leaves the question open.
     */
    static boolean peerClosesHandshake(InetSocketAddress address, Duration timeout) {
        int millis = (int) Math.max(200, timeout.toMillis());
        try (Socket raw = new Socket()) {
            raw.connect(address, millis);
            raw.setSoTimeout(millis);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyCertificate()}, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory()
                    .createSocket(raw, address.getHostString(), address.getPort(), false)) {
                tls.setUseClientMode(true);
                tls.startHandshake();
                return false;
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SSLHandshakeException e) {
            return isClosedByPeer(e);
        } catch (EOFException | SocketException e) {
            return true;
        } catch (IOException | GeneralSecurityException e) {
            return isClosedByPeer(e);
        }
    }

    private static boolean isClosedByPeer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException || t instanceof SocketException) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("Remote host terminated the handshake") || message.contains("Connection reset")
                    || message.contains("closed by remote host")) {
                return true;
            }
        }
        return false;
    }

    /** Accepts any certificate: the probe only checks that TLS is spoken, and sends nothing over it. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
