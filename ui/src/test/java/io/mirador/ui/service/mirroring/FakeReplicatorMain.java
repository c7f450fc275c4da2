package io.mirador.ui.service.mirroring;

/**
 * Stands in for {@code mirador replicator} in a child JVM: says where it listens, as the real one does, with
 * the arguments it got, then waits to be killed, or for the JVM that started it to end. The second matters: the
 * test's cleanup finds the child by its arguments, which Linux may not report for a long class path, and a fake
 * left behind outlived {@code mvn verify}.
 */
public final class FakeReplicatorMain {

    private FakeReplicatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("replicator listening on http://127.0.0.1:18088 (args " + String.join(" ", args) + ")");
        System.out.flush();
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().join());
        System.exit(0);
    }
}
