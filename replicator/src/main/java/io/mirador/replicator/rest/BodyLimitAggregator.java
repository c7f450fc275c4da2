package io.mirador.replicator.rest;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;

/**
 * Netty's aggregator with a JSON 413 instead of its empty one. As in Netty: when the announced Content-Length
 * is too large on a keep-alive connection, the 413 goes out at once and the rest of the body is read and
 * discarded, so the client sees the answer rather than a reset; when the limit is only noticed mid-stream
 * (chunked bodies) the connection is closed after the answer, since it cannot be resynchronised.
 *
 * <p>Threading: runs on the channel's event loop, like any codec.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {

    private final int maxBodyBytes;

    BodyLimitAggregator(int maxBodyBytes) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        boolean close = oversized instanceof FullHttpMessage
                || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
        FullHttpResponse response = tooLarge(close);
        ctx.writeAndFlush(response).addListener(close ? ChannelFutureListener.CLOSE
                : ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    /** With 'Expect: 100-continue' and too large a Content-Length, Netty answers 413 before the body: ours. */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof FullHttpResponse r && r.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
            ReferenceCountUtil.release(r);
            return tooLarge(false);
        }
        return response;
    }

    private FullHttpResponse tooLarge(boolean close) {
        ApiError error = new ApiError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                "request body over the limit of " + maxBodyBytes + " bytes");
        FullHttpResponse response = RestDispatcher.toNetty(ApiResponse.error(error), !close, false);
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
