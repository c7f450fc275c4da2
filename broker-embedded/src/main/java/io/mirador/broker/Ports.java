package io.mirador.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Finds and checks TCP ports on the loopback address the sandbox binds to. */
final class Ports {

    static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /**
     * Ports the OS reports free right now. All sockets stay open until every port is chosen, so the list
     * holds no duplicates; another process may still take one before the broker binds it, which the
     * broker then reports as a port in use.
     */
    static List<Integer> free(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                held.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new SandboxException("cannot find a free port on " + HOST + ": " + e.getMessage(), e);
        } finally {
            held.forEach(Ports::closeQuietly);
        }
    }

    /** Fails with a clear message when {@code port} cannot be bound on the loopback address. */
    static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port));
        } catch (IOException e) {
            throw new SandboxException("port " + port + " on " + HOST
                    + " is already in use: stop what holds it or choose another port base");
        }
    }

    static boolean isFree(int port) {
        try {
            requireFree(port);
            return true;
        } catch (SandboxException e) {
            return false;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a probe socket cannot lose anything
        }
    }
}
