package io.mirador.replicator.rest;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API's HTTP server. The constructor checks the configuration (a non-loopback bind address needs a
 * token), {@link #start()} binds, {@link #close()} stops listening and frees the threads; the engine stays
 * open, its owner closes it.
 *
 * <p>Threading: one Netty event loop thread does all I/O; endpoints run on {@value #HANDLER_THREADS} handler
 * threads because engine calls may block. start, port and close are thread-safe.
 */
public final class RestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    static final int HANDLER_THREADS = 4;

    private final RestServerConfig config;
    private final InetAddress address;
    private EventLoopGroup ioGroup;
    private EventExecutorGroup handlerGroup;
    private Channel serverChannel;
    private ChannelGroup connections;

    /** @throws RestServerException when the bind address is unknown, or not loopback while no token is set */
    public RestServer(RestServerConfig config) {
        this.config = config;
        try {
            this.address = InetAddress.getByName(config.bindAddress());
        } catch (UnknownHostException e) {
            throw new RestServerException("unknown REST bind address " + config.bindAddress(), e);
        }
        if (!address.isLoopbackAddress() && config.token() == null) {
            throw new RestServerException("refusing to serve the REST API on " + config.bindAddress()
                    + " without a token: set a bearer token or bind to 127.0.0.1");
        }
    }

    public RestServerConfig config() {
        return config;
    }

    /**
     * Binds and serves. Returns this server for chaining; a second call does nothing.
     *
     * @throws RestServerException when the port is in use or cannot be bound
     */
    public synchronized RestServer start() {
        if (serverChannel != null) {
            return this;
        }
        ioGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("mirador-rest-io", true),
                NioIoHandler.newFactory());
        handlerGroup = new DefaultEventExecutorGroup(HANDLER_THREADS, new DefaultThreadFactory("mirador-rest", true));
        connections = new DefaultChannelGroup("mirador-rest", GlobalEventExecutor.INSTANCE);
        try {
            serverChannel = new ServerBootstrap()
                    .group(ioGroup)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<>() {
                        private final RestInitializer api = new RestInitializer(config, handlerGroup, address);

                        @Override
                        protected void initChannel(Channel channel) {
                            connections.add(channel);
                            channel.pipeline().addLast(api);
                        }
                    })
                    .bind(new InetSocketAddress(address, config.port()))
                    .syncUninterruptibly()
                    .channel();
        } catch (Exception e) {
            // Netty rethrows the channel's checked exception (a BindException) undeclared, hence Exception.
            shutdownGroups();
            throw bindFailure(e);
        }
        LOG.info("REST API listening on http://{}:{}/api/v1 ({}; web origins allowed: {}; extra host names: {})",
                hostLiteral(), port(), config.token() == null ? "no token" : "bearer token required",
                config.allowedOrigins().isEmpty() ? "none" : config.allowedOrigins(),
                config.allowedHosts().isEmpty() ? "none" : config.allowedHosts());
        return this;
    }

    /** The port listened on: the configured one, or the one chosen for port 0. */
    public synchronized int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("the REST server is not started");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** {@code http://127.0.0.1:8088}, the base address of the running server. */
    public URI uri() {
        return URI.create("http://" + hostLiteral() + ":" + port());
    }

    /** Stops listening, closes open connections (a request being handled may be cut off), frees the threads. */
    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        shutdownGroups();
    }

    private void shutdownGroups() {
        if (connections != null) {
            // Close connections while both executor groups still run: tearing down a pipeline hops between them.
            connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            connections = null;
        }
        // A short quiet period lets the last pipeline teardown tasks of the closed connections run.
        Future<?> handlers = handlerGroup == null ? null : handlerGroup.shutdownGracefully(100, 2_000, TimeUnit.MILLISECONDS);
        Future<?> io = ioGroup == null ? null : ioGroup.shutdownGracefully(100, 2_000, TimeUnit.MILLISECONDS);
        if (handlers != null) {
            handlers.awaitUninterruptibly();
        }
        if (io != null) {
            io.awaitUninterruptibly();
        }
        handlerGroup = null;
        ioGroup = null;
    }

    private RestServerException bindFailure(Exception e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        String message = cause == null ? null : cause.getMessage();
        if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
            return new RestServerException("port " + config.port() + " on " + config.bindAddress()
                    + " is already in use", e);
        }
        return new RestServerException("cannot listen on " + config.bindAddress() + ":" + config.port()
                + ": " + e.getMessage(), e);
    }

    private String hostLiteral() {
        String host = address.getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
