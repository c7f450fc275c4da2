package io.mirador.replicator.rest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of the pipeline: checks Host and Origin ({@link RequestGuard}), the token, routes, checks that
 * a body is JSON, runs the endpoint and writes its answer (or the JSON error); a HEAD gets the GET answer's status
 * and headers without its body. Logs method, path and status only: never bodies or headers, which carry secrets
 * and the token.
 *
 * <p>Threading: added to the pipeline with a separate executor group (see {@link RestInitializer}), so endpoints
 * may block on the engine without stalling Netty's event loop; each channel stays on one executor thread, which
 * keeps pipelined answers in order. Stateless, hence shared by all channels.
 */
@ChannelHandler.Sharable
final class RestDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(RestDispatcher.class);

    private final Router router;
    private final BearerAuth auth;
    private final RequestGuard guard;

    RestDispatcher(Router router, BearerAuth auth, RequestGuard guard) {
        this.router = router;
        this.auth = auth;
        this.guard = guard;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        ApiResponse response;
        if (request.decoderResult().isFailure()) {
            // Only a size complaint is echoed: other decoder messages may quote header values.
            Throwable cause = request.decoderResult().cause();
            response = ApiResponse.error(ApiError.badRequest("malformed HTTP request"
                    + (cause instanceof TooLongFrameException ? ": " + cause.getMessage() : "")));
            keepAlive = false;
        } else {
            response = handle(request, localAddress(ctx));
        }
        LOG.debug("{} {} -> {}", request.method(), new QueryStringDecoder(request.uri()).rawPath(), response.status().code());
        ctx.writeAndFlush(toNetty(response, keepAlive, request.method().equals(HttpMethod.HEAD)))
                .addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
    }

    private ApiResponse handle(FullHttpRequest request, InetAddress local) {
        String origin;
        try {
            origin = guard.check(request, local);
        } catch (ApiError e) {
            return ApiResponse.error(e);
        }
        if (RequestGuard.isPreflight(request, origin)) {
            return RequestGuard.preflight(origin);
        }
        return RequestGuard.cors(dispatch(request), origin);
    }

    private ApiResponse dispatch(FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        try {
            auth.check(request);
            Router.Match match = router.match(request.method(), uri.rawPath());
            RequestGuard.requireJson(request);
            ApiRequest apiRequest = new ApiRequest(request.method(), uri.rawPath(), match.params(), query(uri),
                    ByteBufUtil.getBytes(request.content()));
            return match.endpoint().handle(apiRequest);
        } catch (Router.MethodNotAllowed e) {
            return ApiResponse.error(e.error()).withHeader("Allow", e.allowHeader());
        } catch (RuntimeException e) {
            ApiError error = ApiError.from(e);
            if (error == null) {
                LOG.warn("{} {} failed", request.method(), uri.rawPath(), e);
                error = ApiError.internal();
            } else if (error.status().code() >= 500) {
                LOG.warn("{} {} failed: {}", request.method(), uri.rawPath(), error.getMessage());
            }
            ApiResponse response = ApiResponse.error(error);
            return error.status().equals(HttpResponseStatus.UNAUTHORIZED)
                    ? response.withHeader("WWW-Authenticate", "Bearer realm=\"mirador\"") : response;
        }
    }

    private static Map<String, List<String>> query(QueryStringDecoder uri) {
        try {
            return uri.parameters();
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("malformed percent-encoding in the query: '%' must be followed by two hex digits");
        }
    }

    /** The address the connection arrived on; null for channels without one (EmbeddedChannel in tests). */
    private static InetAddress localAddress(ChannelHandlerContext ctx) {
        return ctx.channel().localAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Connection resets and the like: nothing to answer to.
        LOG.debug("REST connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /**
     * The Netty form of an answer, with Content-Length and the keep-alive header for HTTP/1.0 clients. An answer
     * to HEAD has no body but the Content-Length of the one GET would get.
     */
    static FullHttpResponse toNetty(ApiResponse response, boolean keepAlive, boolean head) {
        byte[] body = head ? new byte[0] : response.body();
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(),
                Unpooled.wrappedBuffer(body));
        if (response.contentType() != null) {
            out.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        }
        if (!response.status().equals(HttpResponseStatus.NO_CONTENT)) {
            out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        }
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            out.headers().set(header.getKey(), header.getValue());
        }
        out.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        return out;
    }
}
