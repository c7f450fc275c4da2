package io.mirador.cluster.acl;

import io.mirador.cluster.ClusterException;

/** The cluster runs without an authorizer, so it neither stores nor enforces ACLs: show an empty state, not an error. */
public final class NoAuthorizerException extends ClusterException {

    public static final String MESSAGE = "this cluster has no authorizer: ACLs are not enforced or stored";

    NoAuthorizerException(Throwable cause) {
        super(MESSAGE, cause);
    }
}
