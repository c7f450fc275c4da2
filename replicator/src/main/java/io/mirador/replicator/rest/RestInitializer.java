package io.mirador.replicator.rest;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.mirador.replicator.engine.ReplicationEngine;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.EventExecutorGroup;

/**
 * Sets up each connection: HTTP codec, body aggregation with the size limit (413 JSON beyond it), then the
 * dispatcher on the handler executor group, with the Host, Origin and content type rules of {@link RequestGuard}.
 *
 * <p>Threading: {@code initChannel} runs on the channel's event loop. The router, token check and dispatcher are
 * built once here and shared by every channel.
 */
public final class RestInitializer extends ChannelInitializer<Channel> {

    private final int maxBodyBytes;
    private final EventExecutorGroup handlerGroup;
    private final RestDispatcher dispatcher;

    /**
     * @param handlerGroup where endpoints run; null runs them on the event loop (only for tests with
     *                     {@code EmbeddedChannel}, where there is no other thread)
     */
    public RestInitializer(RestServerConfig config, EventExecutorGroup handlerGroup) {
        this(config, handlerGroup, resolve(config.bindAddress()));
    }

    /** @param bound the address the server listens on, which Host headers are checked against */
    RestInitializer(RestServerConfig config, EventExecutorGroup handlerGroup, InetAddress bound) {
        this.maxBodyBytes = config.maxBodyBytes();
        this.handlerGroup = handlerGroup;
        this.dispatcher = new RestDispatcher(router(config.engine()), new BearerAuth(config.token()),
                new RequestGuard(config, bound));
    }

    private static InetAddress resolve(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new RestServerException("unknown REST bind address " + bindAddress, e);
        }
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("http", new HttpServerCodec());
        pipeline.addLast("aggregator", new BodyLimitAggregator(maxBodyBytes));
        pipeline.addLast(handlerGroup, "api", dispatcher);
    }

    /** Every endpoint of the API, literal paths before overlapping variable ones. */
    static Router router(ReplicationEngine engine) {
        Router router = new Router();
        new HealthHandler(engine).register(router);
        new ClustersHandler(engine).register(router);
        new StatusHandler(engine).register(router);
        new RoutesHandler(engine).register(router);
        new RouteTopicsHandler(engine).register(router);
        new RouteGroupsHandler(engine).register(router);
        new FailoverHandler(engine).register(router);
        new HistoryHandler(engine).register(router);
        new CompareHandler(engine).register(router);
        new EventsHandler(engine).register(router);
        new MetricsHandler(engine).register(router);
        new UReplicatorHandler(engine).register(router);
        return router;
    }
}
