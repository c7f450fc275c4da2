package io.mirador.replicator.rest;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.Secrets;
import io.mirador.replicator.engine.NotFoundException;
import io.mirador.replicator.engine.ReplicationEngine;

/**
 * {@code /api/v1/clusters[/{name}]}: list, create (201), read, replace (PUT), delete (204; 409 while a route
 * uses it). Secret property values (passwords, JAAS configs, keys, tokens) never leave the server: answers carry
 * {@link Secrets#MASK} instead. A PUT may send the mask back for a secret to keep its stored value, so that a
 * read-modify-write round trip does not overwrite the secret with the mask.
 */
final class ClustersHandler {

    private static final String BASE = "/api/v1/clusters";
    private final ReplicationEngine engine;

    ClustersHandler(ReplicationEngine engine) {
        this.engine = engine;
    }

    void register(Router router) {
        router.add(GET, BASE, request -> ApiResponse.ok(engine.clusters().stream().map(ClustersHandler::view).toList()));
        router.add(POST, BASE, this::create);
        router.add(GET, BASE + "/{name}", request -> ApiResponse.ok(view(find(request.param("name")))));
        router.add(PUT, BASE + "/{name}", this::replace);
        router.add(DELETE, BASE + "/{name}", this::delete);
    }

    private ApiResponse create(ApiRequest request) {
        ClusterBody body = Json.read(request, ClusterBody.class);
        ClusterConnection cluster = toCluster(Names.resource("cluster", body.name()), body, Map.of());
        engine.createCluster(cluster);
        return ApiResponse.created(BASE + "/" + Names.segment(cluster.name()), view(cluster));
    }

    private ApiResponse replace(ApiRequest request) {
        String name = request.param("name");
        ClusterBody body = Json.read(request, ClusterBody.class);
        Names.requireSame("cluster", name, body.name());
        ClusterConnection cluster = toCluster(name, body, find(name).properties());
        engine.updateCluster(cluster);
        return ApiResponse.ok(view(cluster));
    }

    private ApiResponse delete(ApiRequest request) {
        engine.deleteCluster(request.param("name"));
        return ApiResponse.noContent();
    }

    private ClusterConnection find(String name) {
        return engine.cluster(name).orElseThrow(() -> new NotFoundException("no cluster named " + Names.shown(name)));
    }

    /** Builds the connection; a masked secret takes its value from {@code stored} (empty when creating). */
    private static ClusterConnection toCluster(String name, ClusterBody body, Map<String, String> stored) {
        String servers = Names.bootstrapServers(body.bootstrapServers());
        Map<String, String> properties = new LinkedHashMap<>();
        if (body.properties() != null) {
            for (Map.Entry<String, Object> e : body.properties().entrySet()) {
                properties.put(e.getKey(), propertyValue(e.getKey(), e.getValue(), stored));
            }
        }
        return new ClusterConnection(name, servers, properties);
    }

    private static String propertyValue(String key, Object value, Map<String, String> stored) {
        if (value instanceof Map<?, ?> || value instanceof Iterable<?> || value == null) {
            throw ApiError.badRequest("property " + Names.shown(key) + " must be a string, number or boolean");
        }
        String text = value.toString();
        if (Secrets.MASK.equals(text) && Secrets.isSecret(key)) {
            String kept = stored.get(key);
            if (kept == null) {
                throw ApiError.badRequest("property " + Names.shown(key) + " holds the mask " + Secrets.MASK + ": send the real value");
            }
            return kept;
        }
        return text;
    }

    static ClusterView view(ClusterConnection cluster) {
        return new ClusterView(cluster.name(), cluster.bootstrapServers(), Secrets.mask(cluster.properties()));
    }

    /** A cluster as clients send it; property values may be JSON strings, numbers or booleans. */
    record ClusterBody(String name, String bootstrapServers, Map<String, Object> properties) {
    }

    /** A cluster as the API shows it: secrets masked. */
    record ClusterView(String name, String bootstrapServers, Map<String, String> properties) {
    }
}
