package io.mirador.ui.service.mirroring;

/**
 * Stands in for {@code mirador replicator} in a child JVM: says where it listens, as the real one does, with
 * the arguments it got, then waits to be killed.
 */
public final class FakeReplicatorMain {

    private FakeReplicatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("replicator listening on http://127.0.0.1:18088 (args " + String.join(" ", args) + ")");
        System.out.flush();
        Thread.currentThread().join();
    }
}
